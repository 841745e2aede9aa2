package dev.vigil.guard.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The positive model of one operation: parameter rules from the inventory or a spec, plus what is
 * learned at runtime in {@link ModelMode#LEARN} (query names, value lengths, top-level body fields).
 * Rules are read on I/O threads while the capture thread learns, so learned state is concurrent.
 */
final class EndpointModel {
    /** Human-readable {@code METHOD host/template}, used in evidence. */
    final String name;

    final String method;
    final String template;
    /** Template segments; a rule at the index of each parameter segment, null for literals. */
    final String[] pathNames;

    final ValueRule[] pathRules;
    /** For each parameter segment, the resource type its ids belong to ({@code /users/{}/orders}); null for literals. */
    final String[] resources;
    /** The resource type of ids this operation creates or lists: the whole template. */
    final String collection;

    final Map<String, ValueRule> queryRules;
    /** Documented (spec) rules are authoritative at once; learned ones only after enough samples. */
    final boolean documented;
    /** An exploded object parameter lets any query name through. */
    final boolean openQuery;

    final long inventoryCalls;
    final Map<String, Long> parameterSamples;
    /** Request JSON body schema, or null when none is known. */
    final JsonNode bodySchema;

    final List<String> sensitiveResponsePaths;

    private final AtomicLong learnedCalls = new AtomicLong();
    private final Set<String> learnedQueryNames = ConcurrentHashMap.newKeySet();
    private final Set<String> learnedFields = ConcurrentHashMap.newKeySet();
    private final Map<String, long[]> lengths = new ConcurrentHashMap<>();
    private volatile ModelMode mode;

    EndpointModel(
            String name,
            String method,
            String template,
            String[] pathNames,
            ValueRule[] pathRules,
            Map<String, ValueRule> queryRules,
            boolean documented,
            boolean openQuery,
            long inventoryCalls,
            Map<String, Long> parameterSamples,
            JsonNode bodySchema,
            List<String> sensitiveResponsePaths,
            ModelMode mode) {
        this.name = name;
        this.method = method;
        this.template = template;
        this.pathNames = pathNames;
        this.pathRules = pathRules;
        this.resources = new String[pathNames.length];
        for (int i = 0; i < pathNames.length; i++) {
            if (pathRules[i] != null) {
                resources[i] = ModelDetectors.resource(pathNames, i);
            }
        }
        this.collection = ModelDetectors.resource(pathNames, pathNames.length);
        this.queryRules = Map.copyOf(queryRules);
        this.documented = documented;
        this.openQuery = openQuery;
        this.inventoryCalls = inventoryCalls;
        this.parameterSamples = Map.copyOf(parameterSamples);
        this.bodySchema = bodySchema;
        this.sensitiveResponsePaths = List.copyOf(sensitiveResponsePaths);
        this.mode = mode;
    }

    ModelMode mode() {
        return mode;
    }

    void mode(ModelMode m) {
        mode = m;
    }

    long calls() {
        return inventoryCalls + learnedCalls.get();
    }

    /** Whether the set of query names is known well enough that a new name is unexpected. */
    boolean queryClosed(long minSamples) {
        return !openQuery && (documented || calls() >= minSamples);
    }

    boolean knowsQuery(String name) {
        return queryRules.containsKey(name) || learnedQueryNames.contains(name);
    }

    /** Whether a learned rule has enough samples behind it to be enforced. */
    boolean trusted(String parameter, long minSamples) {
        return documented || parameterSamples.getOrDefault(parameter, 0L) >= minSamples;
    }

    boolean knowsField(String name) {
        return learnedFields.contains(name);
    }

    /** Longest value learned at {@code location} and how many samples, or null when never learned. */
    long[] learnedLength(String location) {
        return lengths.get(location);
    }

    void learnCall() {
        learnedCalls.incrementAndGet();
    }

    void learnQueryName(String name) {
        // Bounded like the other learned sets: learn mode must not let a client grow memory.
        if (learnedQueryNames.size() < 1000) {
            learnedQueryNames.add(name);
        }
    }

    void learnField(String name) {
        if (learnedFields.size() < 1000) {
            learnedFields.add(name);
        }
    }

    void learnLength(String location, int length) {
        if (lengths.size() >= 1000 && !lengths.containsKey(location)) {
            return;
        }
        // {max, samples}; replaced as a whole so readers never see a torn pair.
        lengths.compute(
                location,
                (k, old) -> old == null ? new long[] {length, 1} : new long[] {Math.max(old[0], length), old[1] + 1});
    }
}
