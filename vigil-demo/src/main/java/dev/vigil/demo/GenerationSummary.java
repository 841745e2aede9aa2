package dev.vigil.demo;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a {@link TrafficGenerator} run did: exchanges captured, how many got no answer, and counts
 * per operation ({@code "GET /api/v2/accounts/{accountId}"}) and per status code. Outbound calls
 * the demo API made are not counted here: they reach the sink through {@link DemoApi#captureOutbound}.
 */
public record GenerationSummary(
        int iterations,
        int exchanges,
        int transportFailures,
        SortedMap<String, Integer> operations,
        SortedMap<Integer, Integer> statuses) {
    public GenerationSummary {
        operations = Collections.unmodifiableSortedMap(new TreeMap<>(operations));
        statuses = Collections.unmodifiableSortedMap(new TreeMap<>(statuses));
    }

    public int distinctOperations() {
        return operations.size();
    }

    /** Exchanges answered with a status in {@code [from, to)}. */
    public int countStatuses(int from, int to) {
        return statuses.entrySet().stream()
                .filter(e -> e.getKey() >= from && e.getKey() < to)
                .mapToInt(Map.Entry::getValue)
                .sum();
    }
}
