package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.Finding;
import dev.vigil.scan.ScanResult;
import dev.vigil.scan.Severity;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.engine.EngineResult;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.http.HttpResult;
import dev.vigil.scan.report.EvidenceRedactor;
import dev.vigil.scan.report.FindingStatus;
import dev.vigil.scan.report.Report;
import dev.vigil.scan.report.ReportedFinding;
import dev.vigil.traffic.Header;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil scan} writes each finding's HAR next to the reports and replaces an earlier scan's. */
class ScanReportsTest {
    @TempDir
    Path out;

    private static ScanResult result() {
        EvidenceRedactor redactor = new EvidenceRedactor(Map.of("bob", List.of("tok-bob-123")));
        Attempt replay = new Attempt(
                "bob",
                new HttpCall(
                        "GET",
                        URI.create("http://api.test/accounts/7"),
                        List.of(new Header("Authorization", "Bearer tok-bob-123")),
                        ""),
                new HttpResult(200, List.of(), "{\"id\":7}", 2, ""));
        Finding f = new Finding(
                "bola-read",
                "BOLA",
                Severity.HIGH,
                0.95,
                "API1:2023",
                List.of("CWE-639"),
                "api.test",
                "GET",
                "/accounts/{id}",
                "bob",
                "path:id",
                "bob read alice's account",
                "Authorize every object access.",
                List.of(replay));
        ReportedFinding rf =
                new ReportedFinding(f, f.fingerprint(), FindingStatus.NEW, "", List.of(redactor.evidence(replay)));
        EngineResult engine = new EngineResult(
                List.of(), List.of(f), List.of(), 1, Map.of("bola-read", 1), 0, false, false, List.of(), redactor);
        Report report = new Report(
                "http://api.test", List.of(rf), engine, new CatalogLoader().load(List.of()), "", Severity.HIGH);
        return new ScanResult(report, 1, Instant.parse("2026-11-23T07:00:00Z"));
    }

    @Test
    void writesTheHarOfEachFindingWhereTheReportsPointAndDropsStaleOnes() throws Exception {
        Files.createDirectories(out.resolve("har"));
        Files.writeString(out.resolve("har/0000stale.har"), "{}");
        Files.writeString(out.resolve("har/notes.txt"), "kept");
        ScanResult result = result();

        ScanCommand.writeReports(result, out);

        String fingerprint = result.findings().getFirst().fingerprint();
        Path har = out.resolve("har/" + fingerprint + ".har");
        assertThat(har).exists();
        assertThat(Files.readString(har)).contains("\"version\" : \"1.2\"").doesNotContain("tok-bob-123");
        assertThat(Files.readString(out.resolve("scan.json"))).contains("\"har\" : \"har/" + fingerprint + ".har\"");
        assertThat(Files.readString(out.resolve("scan.html"))).contains("href=\"har/" + fingerprint + ".har\"");
        assertThat(out.resolve("har/0000stale.har")).doesNotExist();
        assertThat(out.resolve("har/notes.txt")).exists();
    }
}
