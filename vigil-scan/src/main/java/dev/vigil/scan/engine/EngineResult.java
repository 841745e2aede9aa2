package dev.vigil.scan.engine;

import dev.vigil.scan.Finding;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one engine run produced: the plan, confirmed findings (deduplicated by fingerprint, in a
 * stable order), one {@link TestRun} per executed (test, operation) unit, request counts, and
 * problems that did not stop the run (an identity that could not log in, an exhausted budget), and
 * the redactor that knows this run's secrets (it never prints them), the cleanup of objects
 * the scan created, and the requests sent per operation (units and learning; see
 * {@link Requester#sentByOperation()}).
 */
public record EngineResult(
        List<PlannedTest> plan,
        List<Finding> findings,
        List<TestRun> runs,
        int requests,
        Map<String, Integer> requestsByPurpose,
        long refused,
        boolean budgetExhausted,
        boolean dryRun,
        List<String> warnings,
        dev.vigil.scan.report.EvidenceRedactor redactor,
        List<Cleaned> cleanup,
        Map<String, Integer> requestsByOperation) {
    public EngineResult {
        cleanup = List.copyOf(cleanup);
        requestsByOperation = java.util.Collections.unmodifiableMap(new TreeMap<>(requestsByOperation));
        plan = List.copyOf(plan);
        findings = List.copyOf(findings);
        runs = List.copyOf(runs);
        requestsByPurpose = java.util.Collections.unmodifiableMap(new TreeMap<>(requestsByPurpose));
        warnings = List.copyOf(warnings);
        java.util.Objects.requireNonNull(redactor, "redactor");
    }

    /** A run without created objects to clean up nor per-operation request counts. */
    public EngineResult(
            List<PlannedTest> plan,
            List<Finding> findings,
            List<TestRun> runs,
            int requests,
            Map<String, Integer> requestsByPurpose,
            long refused,
            boolean budgetExhausted,
            boolean dryRun,
            List<String> warnings,
            dev.vigil.scan.report.EvidenceRedactor redactor) {
        this(
                plan,
                findings,
                runs,
                requests,
                requestsByPurpose,
                refused,
                budgetExhausted,
                dryRun,
                warnings,
                redactor,
                List.of(),
                Map.of());
    }

    /**
     * What became of one object the scan created: {@code resource} is its path, {@code cleaned}
     * whether it is gone (deleted now, or already), {@code outcome} says how or why not.
     */
    public record Cleaned(String identity, String resource, boolean cleaned, String outcome) {}

    /** One planned (test, operation) unit; {@code note} says who acts or why it will be skipped. */
    public record PlannedTest(String testId, String operation, String note) {}

    /**
     * One executed unit, how many findings it confirmed and how many requests it sent; {@code skipped}
     * explains a unit that did not run.
     */
    public record TestRun(String testId, String operation, int findings, String skipped, int requests) {
        /** A unit whose requests were not counted. */
        public TestRun(String testId, String operation, int findings, String skipped) {
            this(testId, operation, findings, skipped, 0);
        }
    }

    /** Requests sent per catalog test (the sum over its units), sorted by test id. */
    public Map<String, Integer> requestsByTest() {
        Map<String, Integer> out = new TreeMap<>();
        runs.forEach(r -> out.merge(r.testId(), r.requests(), Integer::sum));
        return out;
    }
}
