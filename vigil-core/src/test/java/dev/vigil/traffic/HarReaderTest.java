package dev.vigil.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HarReaderTest {
    private final CollectingSink sink = new CollectingSink();

    private ReadSummary read(String resource, int maxBody) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/HarReaderTest/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            return new HarReader(maxBody).read(in, resource, sink);
        }
    }

    private ReadSummary readText(String har) throws IOException {
        return new HarReader(1000).read(new ByteArrayInputStream(har.getBytes(StandardCharsets.UTF_8)), "inline", sink);
    }

    @Test
    void readsChromeExportSkippingPseudoHeadersAndKeepingRawPathEncoding() throws IOException {
        assertThat(read("chrome.har", 10_000)).isEqualTo(new ReadSummary(3, 0));
        Exchange first = sink.exchanges.get(0);
        assertThat(first.startedAt()).isEqualTo(Instant.parse("2026-03-02T09:15:01.532Z"));
        assertThat(first.durationMicros()).isEqualTo(83_419);
        assertThat(first.request().method()).isEqualTo("GET");
        assertThat(first.request().scheme()).isEqualTo("https");
        assertThat(first.request().host()).isEqualTo("shop.example.com");
        assertThat(first.request().port()).isEqualTo(443);
        assertThat(first.request().path()).isEqualTo("/api/v1/users/4711/orders");
        assertThat(first.request().query()).isEqualTo("page=2&sort=created%2Cdesc");
        assertThat(first.request().headers()).noneMatch(h -> h.name().startsWith(":"));
        assertThat(first.request().header("accept")).contains("application/json");
        assertThat(first.response()).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"items\":[{\"id\":9001,\"total\":\"19.99\"}],\"page\":2}");
        });
        assertThat(first.clientAddress())
                .as("_remoteAddress is the server, not the client")
                .isEmpty();
        assertThat(first.source()).isEqualTo("chrome.har");
    }

    @Test
    void carriesBinaryBase64BodiesAsEmptyText() throws IOException {
        read("chrome.har", 10_000);
        assertThat(sink.exchanges.get(1).response())
                .hasValueSatisfying(r -> assertThat(r.body()).isEmpty());
    }

    @Test
    void abortedRequestHasNoResponseAndZeroDuration() throws IOException {
        read("chrome.har", 10_000);
        Exchange aborted = sink.exchanges.get(2);
        assertThat(aborted.response()).isEmpty();
        assertThat(aborted.durationMicros()).isZero();
        assertThat(aborted.request().body()).isEqualTo("{\"sku\":\"A-100\",\"quantity\":1}");
    }

    @Test
    void readsFirefoxExportWithFormParamsOffsetDatesPortsAndBase64Text() throws IOException {
        assertThat(read("firefox.har", 10_000)).isEqualTo(new ReadSummary(2, 0));
        Exchange login = sink.exchanges.get(0);
        assertThat(login.startedAt()).isEqualTo(Instant.parse("2026-03-02T09:20:31.250Z"));
        assertThat(login.request().port()).isEqualTo(8443);
        assertThat(login.request().authority()).isEqualTo("accounts.example.org:8443");
        assertThat(login.request().body()).isEqualTo("username=alice&password=s3cr3t+%26+more");
        assertThat(login.request().header("cookie"))
                .as("cookies array surfaces as a header")
                .contains("theme=dark");
        assertThat(login.response().orElseThrow().header("set-cookie"))
                .hasValueSatisfying(v -> assertThat(v).contains("HttpOnly"));
        Exchange profile = sink.exchanges.get(1);
        assertThat(profile.request().path()).isEqualTo("/api/profile/caf%C3%A9%2Fdetails");
        assertThat(profile.request().query()).isEqualTo("fields=name,email");
        assertThat(profile.response().orElseThrow().body())
                .isEqualTo("{\"name\":\"Alice\",\"email\":\"a@example.org\"}");
    }

    @Test
    void readsBurpExportIgnoringComments() throws IOException {
        assertThat(read("burp.har", 10_000)).isEqualTo(new ReadSummary(2, 0));
        Exchange put = sink.exchanges.get(0);
        assertThat(put.request().method()).isEqualTo("PUT");
        assertThat(put.request().host()).isEqualTo("api.internal.example.net");
        assertThat(put.request().port()).isEqualTo(8080);
        assertThat(put.request().body()).isEqualTo("{\"daily\":5000}");
        assertThat(put.response().orElseThrow().status()).isEqualTo(204);
        assertThat(sink.exchanges.get(1).request().query()).isEqualTo("force=true");
    }

    @Test
    void readsZapExport() throws IOException {
        assertThat(read("zap.har", 10_000)).isEqualTo(new ReadSummary(1, 0));
        Exchange patch = sink.exchanges.get(0);
        assertThat(patch.request().method()).isEqualTo("PATCH");
        assertThat(patch.request().body()).isEqualTo("{\"status\":\"delivered\"}");
        assertThat(patch.durationMicros()).isEqualTo(120_000);
    }

    @Test
    void readsMitmproxyExportWithMicrosecondDatesAndIpv6Hosts() throws IOException {
        assertThat(read("mitmproxy.har", 10_000)).isEqualTo(new ReadSummary(2, 0));
        Exchange token = sink.exchanges.get(0);
        assertThat(token.startedAt()).isEqualTo(Instant.parse("2026-04-01T16:42:07.123456Z"));
        assertThat(token.request().body()).isEqualTo("grant_type=client_credentials&client_id=svc-billing&scope=read");
        Exchange health = sink.exchanges.get(1);
        assertThat(health.request().host()).isEqualTo("[2001:db8::7]");
        assertThat(health.request().port()).isEqualTo(8081);
        assertThat(health.response()).isEmpty();
    }

    @Test
    void quarantinesEachMalformedEntryWithItsIndexAndKeepsTheRest() throws IOException {
        assertThat(read("bad-entries.har", 10_000)).isEqualTo(new ReadSummary(2, 8));
        assertThat(sink.exchanges).extracting(e -> e.request().path()).containsExactly("/a", "/last");
        assertThat(sink.quarantined).extracting(Quarantined::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(sink.quarantined)
                .extracting(Quarantined::reason)
                .containsExactly(
                        "request URL contains whitespace or control characters",
                        "request.method is not an HTTP method token",
                        "startedDateTime is not an ISO-8601 date-time",
                        "time is not a number",
                        "request.headers is not an array",
                        "response.status is not an integer",
                        "request URL has an invalid port",
                        "entry is not an object");
    }

    @Test
    void quarantineExcerptsAreShortAndStripCredentials() throws IOException {
        read("bad-entries.har", 10_000);
        Quarantined badUrl = sink.quarantined.get(0);
        assertThat(badUrl.excerpt()).hasSizeLessThanOrEqualTo(200).contains("[redacted]");
        assertThat(badUrl.excerpt()).doesNotContain("sup3r-s3cret-t0ken").doesNotContain("cookie-s3cret");
        assertThat(badUrl.reason()).doesNotContain("s3cret");
    }

    @Test
    void stopsCleanlyAtASyntaxErrorAndReportsWhere() throws IOException {
        ReadSummary summary = read("syntax-error.har", 10_000);
        assertThat(summary).isEqualTo(new ReadSummary(1, 1));
        Quarantined error = sink.quarantined.get(0);
        assertThat(error.reason()).startsWith("malformed JSON at line 3").contains("in entry 1");
        assertThat(error.reason()).doesNotContain("leaked-secret");
        assertThat(error.position()).isGreaterThan(200);
    }

    @Test
    void reportsInputEndingInsideTheEntries() throws IOException {
        ReadSummary summary = readText(
                "{\"log\":{\"entries\":[{\"startedDateTime\":\"2026-01-01T00:00:00Z\",\"request\":{\"method\":\"GET\",\"url\":\"https://a.example/\"}},");
        assertThat(summary).isEqualTo(new ReadSummary(1, 1));
        assertThat(sink.quarantined.get(0).reason()).startsWith("malformed JSON");
    }

    @Test
    void quarantinesNullAndScalarEntries() throws IOException {
        assertThat(readText("{\"log\":{\"entries\":[null,42,[]]}}")).isEqualTo(new ReadSummary(0, 3));
        assertThat(sink.quarantined).extracting(Quarantined::reason).containsOnly("entry is not an object");
    }

    @Test
    void quarantinesADocumentWithoutEntries() throws IOException {
        assertThat(readText("{\"log\":{\"version\":\"1.2\",\"pages\":[]}}")).isEqualTo(new ReadSummary(0, 1));
        assertThat(sink.quarantined.get(0).reason()).contains("no log.entries");
    }

    @Test
    void findsEntriesWhateverTheKeyOrder() throws IOException {
        String har = "{\"comment\":\"x\",\"log\":{\"pages\":[{\"id\":\"p\"}],\"creator\":{\"name\":\"n\"},\"entries\":["
                + "{\"startedDateTime\":\"2026-01-01T00:00:00Z\",\"request\":{\"method\":\"GET\",\"url\":\"https://a.example/x\"}}"
                + "],\"version\":\"1.2\"}}";
        assertThat(readText(har)).isEqualTo(new ReadSummary(1, 0));
    }

    @Test
    void usesAuthorityPseudoHeaderForOriginRelativeUrls() throws IOException {
        String har =
                "{\"log\":{\"entries\":[{\"startedDateTime\":\"2026-01-01T00:00:00Z\",\"request\":{\"method\":\"GET\","
                        + "\"url\":\"/v1/items?id=1\",\"headers\":[{\"name\":\":authority\",\"value\":\"api.example.com\"},"
                        + "{\"name\":\":scheme\",\"value\":\"https\"}]}}]}}";
        assertThat(readText(har)).isEqualTo(new ReadSummary(1, 0));
        assertThat(sink.exchanges.get(0).request().host()).isEqualTo("api.example.com");
        assertThat(sink.exchanges.get(0).request().scheme()).isEqualTo("https");
    }

    @Test
    void quarantinesBrowserInternalUrlsWithTheirReason() throws IOException {
        String har =
                "{\"log\":{\"entries\":[{\"startedDateTime\":\"2026-01-01T00:00:00Z\",\"request\":{\"method\":\"GET\","
                        + "\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]}}";
        assertThat(readText(har)).isEqualTo(new ReadSummary(0, 1));
        assertThat(sink.quarantined.get(0).reason()).isEqualTo("request URL scheme is not http, https, ws or wss");
    }

    @Test
    void truncatesLongBodiesWithTheMarker() throws IOException {
        read("chrome.har", 10);
        String body = sink.exchanges.get(0).response().orElseThrow().body();
        assertThat(body).isEqualTo("{\"items\":[" + Bodies.TRUNCATION_MARKER);
        assertThat(Bodies.isTruncated(body)).isTrue();
        assertThat(Bodies.isTruncated(sink.exchanges.get(2).request().body()))
                .as("the request body is longer than 10 too")
                .isTrue();
    }

    @Test
    void keepsBodiesThatFitUnmarked() throws IOException {
        read("zap.har", 10_000);
        assertThat(Bodies.isTruncated(sink.exchanges.get(0).request().body())).isFalse();
    }

    @Test
    void rejectsNegativeBodyLimit() {
        assertThatThrownBy(() -> new HarReader(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
