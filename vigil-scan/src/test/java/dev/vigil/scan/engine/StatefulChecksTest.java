package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.Finding;
import dev.vigil.scan.NotesApi;
import dev.vigil.scan.NotesApi.Flaw;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.http.JdkTransport;
import dev.vigil.scan.identity.IdentitiesLoader;
import dev.vigil.scan.surface.Target;
import dev.vigil.scan.surface.TargetLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cleanup of created objects, use after delete (API6) and older API versions (API9) on the notes API. */
class StatefulChecksTest {
    private static EngineResult scan(NotesApi api, boolean documentsDelete, boolean destructive)
            throws InterruptedException {
        Target target =
                new TargetLoader(Map.of()).build(api.baseUrl(), List.of(), Optional.of(NotesApi.spec(documentsDelete)));
        String host = api.baseUrl().getHost() + ":" + api.baseUrl().getPort();
        ScanPolicy policy = new ScanPolicy(Set.of(host), destructive, 2000, 0, 2, false, Duration.ofMillis(200));
        return new ScanEngine(
                        new JdkTransport(
                                JdkTransport.defaultClient(Duration.ofSeconds(2)),
                                Clock.systemUTC(),
                                Duration.ofSeconds(5)),
                        Clock.systemUTC(),
                        d -> {})
                .run(
                        target,
                        new IdentitiesLoader(Map.of()).parse(NotesApi.IDENTITIES, "ids.yaml"),
                        new CatalogLoader().load(List.of()),
                        policy,
                        Optional.empty());
    }

    private static List<String> tests(EngineResult r) {
        return r.findings().stream().map(Finding::testId).toList();
    }

    @Test
    void deletesEveryObjectTheScanCreatedSoTheCountReturnsToItsStart() throws Exception {
        try (NotesApi api = new NotesApi(Set.of())) {
            long before = api.liveNotes();
            EngineResult r = scan(api, true, true);
            assertThat(api.liveNotes()).isEqualTo(before);
            assertThat(r.cleanup()).isNotEmpty().allMatch(EngineResult.Cleaned::cleaned);
            assertThat(r.cleanup()).extracting(EngineResult.Cleaned::outcome).anyMatch(o -> o.startsWith("deleted"));
            assertThat(r.requestsByPurpose()).containsKey("cleanup");
        }
    }

    @Test
    void reportsTheCleanupInTheJsonSummaryAndTheHtmlPage() throws Exception {
        try (NotesApi api = new NotesApi(Set.of())) {
            EngineResult r = scan(api, false, true);
            dev.vigil.scan.report.Report report = new dev.vigil.scan.report.Report(
                    api.baseUrl().toString(),
                    List.of(),
                    r,
                    new CatalogLoader().load(List.of()),
                    "",
                    dev.vigil.scan.Severity.HIGH);
            var summary = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(dev.vigil.scan.report.JsonReport.render(report))
                    .path("summary");
            assertThat(summary.path("notCleaned").asInt())
                    .isEqualTo(r.cleanup().size())
                    .isPositive();
            assertThat(summary.path("cleanup").get(0).path("outcome").asText())
                    .isEqualTo("no matching DELETE operation");
            assertThat(dev.vigil.scan.report.HtmlReport.render(report))
                    .contains("Objects the scan created", "not cleaned:");
        }
    }

    @Test
    void reportsObjectsItCouldNotDeleteWhenNoDeleteOperationIsDocumented() throws Exception {
        try (NotesApi api = new NotesApi(Set.of())) {
            long before = api.liveNotes();
            EngineResult r = scan(api, false, true);
            assertThat(api.liveNotes()).isGreaterThan(before);
            assertThat(r.cleanup())
                    .isNotEmpty()
                    .allMatch(c -> !c.cleaned() && c.outcome().equals("no matching DELETE operation"));
        }
    }

    @Test
    void createsNothingAndCleansNothingWithoutDestructiveMethods() throws Exception {
        try (NotesApi api = new NotesApi(Set.of())) {
            long before = api.liveNotes();
            EngineResult r = scan(api, true, false);
            assertThat(api.liveNotes()).isEqualTo(before);
            assertThat(r.cleanup()).isEmpty();
        }
    }

    @Test
    void flagsADeletedNoteThatIsStillReadable() throws Exception {
        try (NotesApi api = new NotesApi(EnumSet.of(Flaw.USE_AFTER_DELETE))) {
            EngineResult r = scan(api, true, true);
            assertThat(r.findings())
                    .filteredOn(f -> f.testId().equals("use-after-delete"))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.method()).isEqualTo("DELETE");
                        assertThat(f.location()).isEqualTo("path:noteId");
                    });
            assertThat(tests(r)).doesNotContain("old-api-version");
        }
    }

    @Test
    void flagsADeletedNoteThatStillTakesUpdates() throws Exception {
        try (NotesApi api = new NotesApi(EnumSet.of(Flaw.UPDATE_AFTER_DELETE))) {
            assertThat(scan(api, true, true).findings())
                    .filteredOn(f -> f.testId().equals("use-after-delete"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.detail()).startsWith("PATCH after"));
        }
    }

    @Test
    void staysQuietWhenADeleteIsFinal() throws Exception {
        try (NotesApi api = new NotesApi(Set.of())) {
            assertThat(scan(api, true, true).findings())
                    .extracting(Finding::testId)
                    .doesNotContain("use-after-delete", "old-api-version");
        }
    }

    @Test
    void flagsTheRetiredVersionStillAnswering() throws Exception {
        try (NotesApi api = new NotesApi(EnumSet.of(Flaw.OLD_VERSION_LIVE))) {
            EngineResult r = scan(api, true, false);
            assertThat(r.findings())
                    .filteredOn(f -> f.testId().equals("old-api-version"))
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(f.detail()).contains("v1 still answers next to v2"));
            assertThat(tests(r)).doesNotContain("use-after-delete");
        }
    }

    @Test
    void findsTheLastVersionSegmentOfAPath() {
        assertThat(FlowRunners.segment("/api/v3/users/v2x").group(1)).isEqualTo("v3");
        assertThat(FlowRunners.segment("/v2.1/items").group(2)).isEqualTo("2");
        assertThat(FlowRunners.segment("/api/users/42")).isNull();
    }
}
