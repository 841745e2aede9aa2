package dev.vigil.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonlReaderTest {
    private static final String GOOD =
            "{\"startedAt\":\"2026-05-01T12:00:00Z\",\"durationMs\":12.5,\"source\":\"gateway\","
                    + "\"clientAddress\":\"198.51.100.7\",\"request\":{\"method\":\"post\",\"url\":\"https://api.example.com/v1/orders?x=1\","
                    + "\"headers\":{\"Content-Type\":\"application/json\",\"Accept\":[\"application/json\",\"text/plain\"]},"
                    + "\"body\":\"{\\\"sku\\\":\\\"A\\\"}\"},\"response\":{\"status\":201,\"headers\":[{\"name\":\"Content-Type\","
                    + "\"value\":\"application/json\"}],\"body\":\"eyJpZCI6N30=\",\"bodyEncoding\":\"base64\"}}";

    private final CollectingSink sink = new CollectingSink();

    private ReadSummary read(String text, int maxBody) throws IOException {
        return new JsonlReader(maxBody)
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "capture.jsonl", sink);
    }

    @Test
    void mapsEveryDocumentedField() throws IOException {
        assertThat(read(GOOD + "\n", 1000)).isEqualTo(new ReadSummary(1, 0));
        Exchange e = sink.exchanges.get(0);
        assertThat(e.startedAt()).isEqualTo(Instant.parse("2026-05-01T12:00:00Z"));
        assertThat(e.durationMicros()).isEqualTo(12_500);
        assertThat(e.source()).isEqualTo("gateway");
        assertThat(e.clientAddress()).isEqualTo("198.51.100.7");
        assertThat(e.request().method()).isEqualTo("POST");
        assertThat(e.request().path()).isEqualTo("/v1/orders");
        assertThat(e.request().query()).isEqualTo("x=1");
        assertThat(e.request().headers())
                .containsExactly(
                        new Header("Content-Type", "application/json"),
                        new Header("Accept", "application/json"),
                        new Header("Accept", "text/plain"));
        assertThat(e.request().body()).isEqualTo("{\"sku\":\"A\"}");
        assertThat(e.response().orElseThrow().status()).isEqualTo(201);
        assertThat(e.response().orElseThrow().body()).isEqualTo("{\"id\":7}");
    }

    @Test
    void defaultsSourceToTheFileAndAllowsAMissingResponse() throws IOException {
        read(
                "{\"startedAt\":\"2026-05-01T12:00:00+02:00\",\"request\":{\"method\":\"GET\",\"url\":\"http://a.example/\"}}",
                1000);
        Exchange e = sink.exchanges.get(0);
        assertThat(e.source()).isEqualTo("capture.jsonl");
        assertThat(e.response()).isEmpty();
        assertThat(e.startedAt()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
    }

    @Test
    void readsADateTimeWithoutOffsetAsUtcButRejectsOtherDates() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String request = ",\"request\":{\"method\":\"GET\",\"url\":\"http://a.example/\"}}";
        assertThat(JsonlReader.parse(json.readTree("{\"startedAt\":\"2026-05-01T12:00:00.5\"" + request))
                        .startedAt())
                .isEqualTo(Instant.parse("2026-05-01T12:00:00.500Z"));
        assertThatThrownBy(() -> JsonlReader.parse(json.readTree("{\"startedAt\":\"01/05/2026 12:00\"" + request)))
                .hasMessage("startedAt is not an ISO-8601 date-time");
    }

    @Test
    void skipsBlankLinesAndQuarantinesBadOnesByLineNumber() throws IOException {
        String text = GOOD + "\r\n\n   \n{not json\n"
                + "{\"startedAt\":\"2026-05-01T12:00:00Z\",\"request\":{\"method\":\"GET\",\"url\":\"/relative\","
                + "\"headers\":{\"Authorization\":\"Bearer abc.def.secretvalue\"}}}\n"
                + "[1,2]\n" + GOOD;
        assertThat(read(text, 1000)).isEqualTo(new ReadSummary(2, 3));
        assertThat(sink.quarantined).extracting(Quarantined::position).containsExactly(4L, 5L, 6L);
        assertThat(sink.quarantined.get(0).reason()).startsWith("malformed JSON");
        assertThat(sink.quarantined.get(1).reason()).isEqualTo("request URL is not absolute and no authority is known");
        assertThat(sink.quarantined.get(1).excerpt())
                .doesNotContain("secretvalue")
                .contains("[redacted]");
        assertThat(sink.quarantined.get(2).reason()).isEqualTo("exchange is not a JSON object");
    }

    @Test
    void parseRejectsWrongTypesWithFieldNamedReasons() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> JsonlReader.parse(json.readTree(
                        "{\"startedAt\":\"2026-05-01T12:00:00Z\",\"request\":{\"method\":\"GET\",\"url\":\"https://a.example/\"},"
                                + "\"response\":{\"status\":\"ok\"}}")))
                .isInstanceOf(InvalidExchangeException.class)
                .hasMessage("response.status is not an integer");
        assertThatThrownBy(() -> JsonlReader.parse(json.readTree(
                        "{\"startedAt\":1,\"request\":{\"method\":\"GET\",\"url\":\"https://a.example/\"}}")))
                .hasMessage("startedAt is not a string");
        assertThatThrownBy(() -> JsonlReader.parse(json.readTree(
                        "{\"startedAt\":\"2026-05-01T12:00:00Z\",\"request\":{\"method\":\"GET\",\"url\":\"https://a.example/\","
                                + "\"body\":\"@@@\",\"bodyEncoding\":\"base64\"}}")))
                .hasMessage("request.body is not valid base64");
        assertThatThrownBy(
                        () -> JsonlReader.parse(
                                json.readTree(
                                        "{\"startedAt\":\"2026-05-01T12:00:00Z\",\"request\":{\"method\":\"GET\",\"url\":\"ftp://a.example/\"}}")))
                .hasMessage("request URL scheme is not http, https, ws or wss");
    }

    @Test
    void truncatesBodiesBeyondTheLimit() throws IOException {
        read(GOOD, 4);
        assertThat(sink.exchanges.get(0).request().body()).isEqualTo("{\"sk" + Bodies.TRUNCATION_MARKER);
    }
}
