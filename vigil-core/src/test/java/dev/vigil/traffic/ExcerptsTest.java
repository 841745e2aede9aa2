package dev.vigil.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ExcerptsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void redactsCredentialHeadersInHarShapeButKeepsOrdinaryOnes() throws Exception {
        String excerpt = Excerpts.of(json.readTree("{\"headers\":[{\"name\":\"X-Api-Key\",\"value\":\"k-123-secret\"},"
                + "{\"name\":\"Accept\",\"value\":\"application/json\"}]}"));
        assertThat(excerpt)
                .doesNotContain("k-123-secret")
                .contains("[redacted]")
                .contains("application/json");
    }

    @Test
    void redactsSecretsInsideUrlsBodiesAndRawText() throws Exception {
        String fromNode = Excerpts.of(json.readTree("{\"url\":\"https://a.example/x?page=2&access_token=abc123\","
                + "\"text\":\"{\\\"password\\\":\\\"hunter2\\\",\\\"user\\\":\\\"bob\\\"}\"}"));
        assertThat(fromNode)
                .doesNotContain("abc123")
                .doesNotContain("hunter2")
                .contains("page=2")
                .contains("bob");
        String raw = Excerpts.of("{\"Authorization\": \"Bearer eyJraw.token.sig\", \"Cookie\": \"sid=42\", \"a\": 1");
        assertThat(raw).doesNotContain("eyJraw").doesNotContain("sid=42").contains("\"a\": 1");
    }

    @Test
    void cutsToTwoHundredCharactersAfterRedaction() {
        String long_ = "x".repeat(190) + " Authorization: Bearer abcdefghijklmnop";
        String excerpt = Excerpts.of(long_);
        assertThat(excerpt).hasSizeLessThanOrEqualTo(200).doesNotContain("abcdefgh");
    }
}
