package dev.vigil.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.scan.http.JdkTransport;
import dev.vigil.scan.report.Baseline;
import dev.vigil.scan.report.FindingStatus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ScanRunnerTest {
    @TempDir
    Path dir;

    private ScanRunner runner() {
        return new ScanRunner(
                new JdkTransport(
                        JdkTransport.defaultClient(Duration.ofSeconds(2)), Clock.systemUTC(), Duration.ofSeconds(5)),
                Clock.systemUTC(),
                d -> {},
                Map.of());
    }

    private ScanRequest request(MiniBank bank, Optional<Path> baseline, Optional<Path> suppressions) throws Exception {
        return request(bank, baseline, suppressions, 4);
    }

    private ScanRequest request(MiniBank bank, Optional<Path> baseline, Optional<Path> suppressions, int concurrency)
            throws Exception {
        Path spec = Files.writeString(dir.resolve("openapi.yaml"), MiniBank.SPEC);
        Path ids = Files.writeString(dir.resolve("identities.yaml"), MiniBank.IDENTITIES);
        return new ScanRequest(
                bank.baseUrl(),
                Optional.of(spec),
                List.of(),
                Optional.of(ids),
                List.of(),
                List.of(),
                Map.of(),
                Set.of(),
                true,
                5000,
                0,
                concurrency,
                false,
                baseline,
                suppressions,
                Severity.HIGH,
                Optional.empty());
    }

    @Test
    void vulnerableTargetFailsTheBuildWithRedactedReportsInEveryFormat() throws Exception {
        try (MiniBank bank = MiniBank.vulnerable()) {
            ScanResult result = runner().run(request(bank, Optional.empty(), Optional.empty()));
            assertThat(result.exitCode()).isEqualTo(1);
            String json = result.render(ScanResult.Format.JSON);
            String sarif = result.render(ScanResult.Format.SARIF);
            String junit = result.render(ScanResult.Format.JUNIT);
            String html = result.render(ScanResult.Format.HTML);
            for (String out : List.of(json, sarif, junit, html)) {
                assertThat(out)
                        .doesNotContain("alice-pw")
                        .doesNotContain("bob-pw")
                        .doesNotContain("eyJhbGciOiJIUzI1NiJ9.");
            }
            assertThat(json).contains("$VIGIL_SECRET_ALICE").contains("\"curl\" : \"curl -i -X GET");
            JsonNode s = new ObjectMapper().readTree(sarif);
            assertThat(s.path("version").asText()).isEqualTo("2.1.0");
            JsonNode results = s.path("runs").get(0).path("results");
            assertThat(results.size()).isEqualTo(result.findings().size());
            assertThat(results.get(0)
                            .path("partialFingerprints")
                            .path("vigilFindingHash/v1")
                            .asText())
                    .hasSize(24);
            assertThat(s.path("runs")
                            .get(0)
                            .path("tool")
                            .path("driver")
                            .path("rules")
                            .findValuesAsText("id"))
                    .contains("bola-read");
            Document doc = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(junit.getBytes(StandardCharsets.UTF_8)));
            int failures = Integer.parseInt(doc.getDocumentElement().getAttribute("failures"));
            assertThat(failures).isPositive();
            assertThat(html).startsWith("<!doctype html>");
        }
    }

    @Test
    void baselineMakesKnownFindingsPassAndSuppressionsNeedAReason() throws Exception {
        // One request in flight: with several, write tests on the same object (PATCH /me) interleave
        // differently from run to run, so a response-similarity verdict can differ between the runs.
        ScanResult first;
        try (MiniBank bank = MiniBank.vulnerable()) {
            first = runner().run(request(bank, Optional.empty(), Optional.empty(), 1));
        }
        // a fresh server on another port: same findings, same fingerprints
        try (MiniBank bank = MiniBank.vulnerable()) {
            Path baseline = dir.resolve("baseline.json");
            Baseline.write(baseline, first.findings());
            Path suppressions = Files.writeString(
                    dir.resolve("suppressions.yaml"),
                    "suppressions:\n  - {test: missing-nosniff, reason: set by the CDN in front of the API}\n");
            ScanResult second = runner().run(request(bank, Optional.of(baseline), Optional.of(suppressions), 1));
            assertThat(describe(second)).isEqualTo(describe(first));
            assertThat(second.exitCode()).isZero();
            assertThat(second.findings())
                    .filteredOn(f -> f.finding().testId().equals("missing-nosniff"))
                    .allSatisfy(f -> assertThat(f.status()).isEqualTo(FindingStatus.SUPPRESSED));
            assertThat(second.findings())
                    .filteredOn(f -> !f.finding().testId().equals("missing-nosniff"))
                    .allSatisfy(f -> assertThat(f.status()).isEqualTo(FindingStatus.BASELINE));

            Path noReason = Files.writeString(dir.resolve("bad.yaml"), "suppressions:\n  - {test: bola-read}\n");
            ScanInputException e = catchThrowableOfType(ScanInputException.class, () -> runner().run(
                            request(bank, Optional.empty(), Optional.of(noReason))));
            assertThat(e.getMessage()).contains("reason: required");
        }
    }

    private static Set<String> describe(ScanResult r) {
        return r.findings().stream()
                .map(f -> f.fingerprint() + " " + f.finding().testId() + " "
                        + f.finding().operation() + " " + f.finding().identity() + " "
                        + f.finding().location())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void dryRunPrintsThePlanAndSendsNothing() throws Exception {
        try (MiniBank bank = MiniBank.vulnerable()) {
            Path spec = Files.writeString(dir.resolve("openapi.yaml"), MiniBank.SPEC);
            Path ids = Files.writeString(dir.resolve("identities.yaml"), MiniBank.IDENTITIES);
            ScanResult result = runner().run(ScanRequest.builder()
                    .baseUrl(bank.baseUrl())
                    .spec(spec)
                    .identities(ids)
                    .onlyTests(List.of("bola-read", "mass-assignment"))
                    .dryRun(true)
                    .build());
            assertThat(bank.requestCount()).isZero();
            assertThat(result.exitCode()).isZero();
            assertThat(result.planLines())
                    .anySatisfy(l -> assertThat(l).startsWith("bola-read").contains("GET /accounts/{accountId}"))
                    .anySatisfy(l -> assertThat(l).contains("PATCH /me").contains("skipped: PATCH is destructive"))
                    .allMatch(l -> l.startsWith("bola-read ") || l.startsWith("mass-assignment "));
        }
    }

    @Test
    void safeTargetPasses() throws Exception {
        try (MiniBank bank = MiniBank.safe()) {
            ScanResult result = runner().run(request(bank, Optional.empty(), Optional.empty()));
            assertThat(result.exitCode()).isZero();
            assertThat(result.findings()).isEmpty();
            assertThat(result.render(ScanResult.Format.JUNIT)).contains("failures=\"0\"");
        }
    }

    @Test
    void reportsEveryInputProblemAtOnce() throws Exception {
        Path ids = Files.writeString(dir.resolve("ids.yaml"), "identities: [{name: a, auth: {type: magic}}]");
        Path catalog = Files.writeString(dir.resolve("cat.yaml"), "version: 2\n");
        ScanRequest bad = new ScanRequest(
                null,
                Optional.empty(),
                List.of(),
                Optional.of(ids),
                List.of(catalog),
                List.of("no-such-test"),
                Map.of(),
                Set.of(),
                false,
                10,
                0,
                1,
                false,
                Optional.empty(),
                Optional.empty(),
                Severity.HIGH,
                Optional.empty());
        ScanInputException e = catchThrowableOfType(ScanInputException.class, () -> runner().run(bad));
        assertThat(e.problems())
                .anyMatch(p -> p.startsWith("identities: identities[0].auth.type: unknown 'magic'"))
                .anyMatch(p -> p.startsWith("catalog: ") && p.contains("version"))
                .anyMatch(p -> p.startsWith("target: no base URL"))
                .anyMatch(p -> p.startsWith("target: no operations"));
    }
}
