package dev.vigil.scan.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.scan.Finding;
import dev.vigil.scan.Severity;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.http.HttpResult;
import dev.vigil.traffic.Header;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HarExportTest {
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl";
    private static final Instant STARTED = Instant.parse("2026-11-23T06:30:00.123456Z");

    private static ReportedFinding finding() {
        EvidenceRedactor redactor =
                new EvidenceRedactor(Map.of("alice", List.of("tok-alice-123"), "bob", List.of("tok-bob-456")));
        Attempt owner = new Attempt(
                "alice",
                new HttpCall(
                        "GET",
                        URI.create("http://api.test:8080/accounts/101?page=2&access_token=leaked-query-token"),
                        List.of(
                                new Header("Authorization", "Bearer tok-alice-123"),
                                new Header("Cookie", "SESSION=unknown-session-value; theme=dark")),
                        ""),
                new HttpResult(
                        200,
                        List.of(
                                new Header("Content-Type", "application/json"),
                                new Header("Set-Cookie", "SESSION=fresh-session-value; Path=/; HttpOnly")),
                        "{\"id\":101,\"owner\":\"alice\",\"apiKey\":\"ak-live-999\",\"token\":\"" + JWT + "\"}",
                        7,
                        ""));
        Attempt other = new Attempt(
                "bob",
                new HttpCall(
                        "POST",
                        URI.create("http://api.test:8080/accounts/101/notes"),
                        List.of(
                                new Header("Authorization", "Bearer tok-bob-456"),
                                new Header("Content-Type", "application/json")),
                        "{\"text\":\"hello\",\"password\":\"hunter2-plain\"}"),
                new HttpResult(
                        201,
                        List.of(new Header("Location", "/accounts/101/notes/9")),
                        "{\"id\":9,\"text\":\"hello\"}",
                        4,
                        ""));
        Finding f = new Finding(
                "bola-read",
                "Object of another identity readable (BOLA)",
                Severity.HIGH,
                0.95,
                "API1:2023",
                List.of("CWE-639"),
                "api.test:8080",
                "GET",
                "/accounts/{accountId}",
                "bob",
                "path:accountId",
                "bob reached alice's object",
                "Authorize every object access.",
                List.of(owner, other));
        return new ReportedFinding(
                f,
                f.fingerprint(),
                FindingStatus.NEW,
                "",
                f.evidence().stream().map(redactor::evidence).toList());
    }

    @Test
    void writesOneHar12DocumentPerFindingWithEveryRequiredField() throws Exception {
        ReportedFinding rf = finding();
        JsonNode har = new ObjectMapper().readTree(HarExport.render(rf, STARTED));

        JsonNode log = har.get("log");
        assertThat(log.get("version").asText()).isEqualTo("1.2");
        assertThat(log.get("creator").get("name").asText()).isEqualTo("Vigil");
        assertThat(log.get("creator").has("version")).isTrue();
        assertThat(log.get("entries")).hasSize(2);
        for (JsonNode e : log.get("entries")) {
            assertThat(e.get("startedDateTime").asText()).isEqualTo("2026-11-23T06:30:00.123Z");
            assertThat(e.get("time").isNumber()).isTrue();
            assertThat(e.get("cache").isObject()).isTrue();
            for (String t : List.of("send", "wait", "receive")) {
                assertThat(e.get("timings").get(t).isNumber()).as(t).isTrue();
            }
            JsonNode req = e.get("request");
            for (String field : List.of("method", "url", "httpVersion", "headersSize", "bodySize")) {
                assertThat(req.has(field)).as("request." + field).isTrue();
            }
            for (String field : List.of("cookies", "headers", "queryString")) {
                assertThat(req.get(field).isArray()).as("request." + field).isTrue();
            }
            JsonNode res = e.get("response");
            for (String field :
                    List.of("status", "statusText", "httpVersion", "redirectURL", "headersSize", "bodySize")) {
                assertThat(res.has(field)).as("response." + field).isTrue();
            }
            assertThat(res.get("cookies").isArray()).isTrue();
            assertThat(res.get("headers").isArray()).isTrue();
            assertThat(res.get("content").get("size").isNumber()).isTrue();
            assertThat(res.get("content").get("mimeType").isTextual()).isTrue();
        }
        JsonNode first = log.get("entries").get(0);
        assertThat(first.get("time").asLong()).isEqualTo(7);
        assertThat(first.get("request").get("method").asText()).isEqualTo("GET");
        assertThat(first.get("request").get("queryString").get(0).get("name").asText())
                .isEqualTo("page");
        assertThat(first.get("request").get("queryString").get(0).get("value").asText())
                .isEqualTo("2");
        assertThat(first.get("response").get("status").asInt()).isEqualTo(200);
        assertThat(first.get("response").get("content").get("mimeType").asText())
                .isEqualTo("application/json");
        JsonNode second = log.get("entries").get(1);
        assertThat(second.get("request").get("postData").get("mimeType").asText())
                .isEqualTo("application/json");
        assertThat(second.get("request").get("postData").get("text").asText()).contains("\"text\":\"hello\"");
        assertThat(second.get("response").get("redirectURL").asText()).isEqualTo("/accounts/101/notes/9");
        assertThat(second.get("comment").asText()).isEqualTo("sent as bob");
    }

    @Test
    void harHoldsNoSecretTokenCookieOrSensitiveValue() {
        String har = HarExport.render(finding(), STARTED);

        assertThat(har)
                .doesNotContain("tok-alice-123")
                .doesNotContain("tok-bob-456")
                .doesNotContain("unknown-session-value")
                .doesNotContain("fresh-session-value")
                .doesNotContain("leaked-query-token")
                .doesNotContain("ak-live-999")
                .doesNotContain("hunter2-plain")
                .doesNotContain(JWT)
                .contains("Bearer $VIGIL_SECRET_ALICE")
                .contains("Bearer $VIGIL_SECRET_BOB")
                // what is not secret stays readable: the evidence must still show the leak
                .contains("\"owner\\\":\\\"alice\\\"")
                .contains("theme");
    }

    @Test
    void cookiesAreListedByNameWithRedactedValues() throws Exception {
        JsonNode entry = new ObjectMapper()
                .readTree(HarExport.render(finding(), STARTED))
                .get("log")
                .get("entries")
                .get(0);

        assertThat(entry.get("request").get("cookies").toString())
                .isEqualTo(
                        "[{\"name\":\"SESSION\",\"value\":\"[REDACTED]\"},{\"name\":\"theme\",\"value\":\"[REDACTED]\"}]");
        assertThat(entry.get("response").get("cookies").toString())
                .isEqualTo("[{\"name\":\"SESSION\",\"value\":\"[REDACTED]\"}]");
    }

    @Test
    void filesAreNamedByFingerprintAndOnlyForFindingsWithEvidence() {
        ReportedFinding rf = finding();
        ReportedFinding bare = new ReportedFinding(rf.finding(), "abc123", FindingStatus.NEW, "", List.of());

        assertThat(HarExport.path(rf)).isEqualTo("har/" + rf.fingerprint() + ".har");
        assertThat(HarExport.path(bare)).isEmpty();
        assertThat(HarExport.render(rf, STARTED)).isEqualTo(HarExport.render(rf, STARTED));
    }
}
