package dev.vigil.scan.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.Finding;
import dev.vigil.scan.Severity;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.engine.EngineResult;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.http.HttpResult;
import dev.vigil.traffic.Header;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reports are byte-stable for the same scan: compared with golden files in
 * src/test/resources/ReportGoldenTest/ (regenerate with -Dvigil.updateGolden=true and review the diff).
 */
class ReportGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/ReportGoldenTest");

    private static Report report() {
        EvidenceRedactor redactor =
                new EvidenceRedactor(Map.of("alice", List.of("tok-alice"), "bob", List.of("tok-bob")));
        Attempt owner = new Attempt(
                "alice",
                new HttpCall(
                        "GET",
                        URI.create("http://api.test:8080/accounts/101"),
                        List.of(new Header("Authorization", "Bearer tok-alice")),
                        ""),
                new HttpResult(
                        200,
                        List.of(new Header("Content-Type", "application/json")),
                        "{\"id\":101,\"owner\":\"alice\",\"balance\":500}",
                        3,
                        ""));
        Attempt other = new Attempt(
                "bob",
                new HttpCall(
                        "GET",
                        URI.create("http://api.test:8080/accounts/101"),
                        List.of(new Header("Authorization", "Bearer tok-bob")),
                        ""),
                new HttpResult(
                        200,
                        List.of(new Header("Content-Type", "application/json")),
                        "{\"id\":101,\"owner\":\"alice\",\"balance\":500}",
                        2,
                        ""));
        Finding bola = new Finding(
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
                "bob reached alice's object; answered 200",
                "Authorize every object access.",
                List.of(owner, other));
        Finding nosniff = new Finding(
                "missing-nosniff",
                "X-Content-Type-Options nosniff missing",
                Severity.LOW,
                0.9,
                "API8:2023",
                List.of("CWE-693"),
                "api.test:8080",
                "GET",
                "/accounts",
                "alice",
                "",
                "no X-Content-Type-Options header",
                "Send nosniff.",
                List.of(owner));
        EngineResult engine = new EngineResult(
                List.of(
                        new EngineResult.PlannedTest(
                                "bola-read", "GET /accounts/{accountId}", "replay owners' objects as alice,bob"),
                        new EngineResult.PlannedTest("missing-nosniff", "GET /accounts", "plain request per identity")),
                List.of(bola, nosniff),
                List.of(
                        new EngineResult.TestRun("bola-read", "GET /accounts/{accountId}", 1, "", 12),
                        new EngineResult.TestRun("missing-nosniff", "GET /accounts", 1, "", 0),
                        new EngineResult.TestRun("rate-limit-missing", "GET /accounts", 0, "request budget exhausted")),
                42,
                Map.of("baseline", 30, "bola-read", 12),
                0,
                true,
                false,
                List.of("request budget of 42 exhausted: results are partial"),
                redactor,
                List.of(),
                Map.of("GET /accounts", 18, "GET /accounts/{accountId}", 24));
        List<ReportedFinding> reported = List.of(
                new ReportedFinding(
                        bola,
                        bola.fingerprint(),
                        FindingStatus.NEW,
                        "",
                        bola.evidence().stream().map(redactor::evidence).toList()),
                new ReportedFinding(
                        nosniff,
                        nosniff.fingerprint(),
                        FindingStatus.SUPPRESSED,
                        "set by the CDN",
                        nosniff.evidence().stream().map(redactor::evidence).toList()));
        return new Report(
                "http://api.test:8080",
                reported,
                engine,
                new CatalogLoader().load(List.of()),
                "openapi.yaml",
                Severity.HIGH);
    }

    private static void assertGolden(String name, String actual) throws Exception {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("vigil.updateGolden")) {
            Files.writeString(file, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(file));
    }

    @Test
    void htmlReportLinksEachFindingsHarEvidence() {
        Report report = report();
        String html = HtmlReport.render(report);
        for (ReportedFinding rf : report.findings()) {
            assertThat(html).contains("<a href=\"har/" + rf.fingerprint() + ".har\">");
        }
    }

    @Test
    void jsonReportMatchesGolden() throws Exception {
        assertGolden("report.json", JsonReport.render(report()));
    }

    @Test
    void sarifReportMatchesGolden() throws Exception {
        assertGolden("report.sarif.json", SarifReport.render(report()));
    }

    @Test
    void junitReportMatchesGolden() throws Exception {
        assertGolden("report.junit.xml", JunitReport.render(report()));
    }

    @Test
    void rendersTheSameBytesTwice() {
        assertThat(HtmlReport.render(report())).isEqualTo(HtmlReport.render(report()));
        assertThat(report().failing()).hasSize(1);
    }
}
