package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.MiniBank;
import dev.vigil.scan.catalog.Catalog;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.http.JdkTransport;
import dev.vigil.scan.identity.Identities;
import dev.vigil.scan.identity.IdentitiesLoader;
import dev.vigil.scan.surface.Target;
import dev.vigil.scan.surface.TargetLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine reports its progress through {@link ScanProgress} and counts requests per unit and operation. */
class ScanProgressTest {
    private static final Catalog CATALOG = new CatalogLoader()
            .load(List.of())
            .only(List.of("bola-read", "missing-nosniff", "mass-assignment", "sql-injection-error"));
    private static final Identities IDENTITIES = new IdentitiesLoader(Map.of()).parse(MiniBank.IDENTITIES, "ids.yaml");

    /** Records every event; thread-safe because units report from their own virtual threads. */
    private static final class Recording implements ScanProgress {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger planned = new AtomicInteger(-1);
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger units = new AtomicInteger();
        final AtomicInteger findings = new AtomicInteger();

        @Override
        public void planned(int n) {
            planned.set(n);
            events.add("planned");
        }

        @Override
        public void phase(Phase phase) {
            events.add(phase.name());
        }

        @Override
        public void requestSent(String purpose) {
            requests.incrementAndGet();
        }

        @Override
        public void unitDone(String testId, String operation, int found) {
            units.incrementAndGet();
            findings.addAndGet(found);
            events.add("unit");
        }
    }

    private static EngineResult scan(MiniBank bank, ScanProgress progress) throws InterruptedException {
        Target target = new TargetLoader(Map.of()).build(bank.baseUrl(), List.of(), Optional.of(MiniBank.SPEC));
        JdkTransport transport = new JdkTransport(
                JdkTransport.defaultClient(Duration.ofSeconds(2)), Clock.systemUTC(), Duration.ofSeconds(5));
        String host = bank.baseUrl().getHost() + ":" + bank.baseUrl().getPort();
        ScanPolicy policy = new ScanPolicy(Set.of(host), true, 5000, 0, 4, false, Duration.ofMillis(200));
        return new ScanEngine(transport, Clock.systemUTC(), d -> {}, progress)
                .run(target, IDENTITIES, CATALOG, policy, Optional.empty());
    }

    @Test
    void reportsPlanPhasesEveryRequestAndEveryUnit() throws Exception {
        Recording progress = new Recording();
        EngineResult r;
        try (MiniBank bank = MiniBank.vulnerable()) {
            r = scan(bank, progress);
        }

        assertThat(progress.planned.get()).isEqualTo(r.plan().size()).isPositive();
        assertThat(progress.units.get())
                .isEqualTo(r.runs().size())
                .isEqualTo(r.plan().size());
        assertThat(progress.requests.get()).isEqualTo(r.requests()).isPositive();
        assertThat(progress.findings.get()).isGreaterThanOrEqualTo(r.findings().size());
        assertThat(r.findings()).isNotEmpty();
        List<String> order =
                progress.events.stream().filter(e -> !e.equals("unit")).toList();
        assertThat(order).containsExactly("planned", "LEARNING", "READS", "WRITES", "CLEANUP");
        assertThat(progress.events.getFirst()).isEqualTo("planned");
        assertThat(progress.events.indexOf("unit")).isGreaterThan(progress.events.indexOf("READS"));
    }

    @Test
    void countsRequestsPerUnitTestAndOperation() throws Exception {
        EngineResult r;
        try (MiniBank bank = MiniBank.vulnerable()) {
            r = scan(bank, ScanProgress.NONE);
        }

        int byUnits = r.runs().stream().mapToInt(EngineResult.TestRun::requests).sum();
        int byOperation = r.requestsByOperation().values().stream()
                .mapToInt(Integer::intValue)
                .sum();
        // every unit request is attributed to its operation; learning requests are too, logins are not
        assertThat(byUnits).isPositive().isLessThan(byOperation);
        assertThat(byOperation).isLessThanOrEqualTo(r.requests());
        assertThat(r.requestsByTest().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(byUnits);
        // a test's own requests (purpose = its id, re-tests, read-backs) are all inside its units
        for (String test : r.requestsByTest().keySet()) {
            int ownPurposes = r.requestsByPurpose().entrySet().stream()
                    .filter(e -> e.getKey().equals(test) || e.getKey().startsWith(test + " "))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
            assertThat(r.requestsByTest().get(test)).as(test).isGreaterThanOrEqualTo(ownPurposes);
        }
        assertThat(r.requestsByTest().get("sql-injection-error")).isPositive();
        assertThat(r.requestsByOperation()).containsKey("GET /accounts");
    }
}
