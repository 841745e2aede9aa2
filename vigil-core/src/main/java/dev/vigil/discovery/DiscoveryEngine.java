package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.classify.Suppressions;
import dev.vigil.discovery.schema.BodyAnalyzer;
import dev.vigil.traffic.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The discovery pipeline: every {@link Exchange}, whatever its source, is templated, authenticated,
 * placed on an exposure, and folded into its endpoint's schemas and sensitive-data evidence.
 *
 * <p>{@link #accept} is safe to call from many threads: work on different endpoints runs in parallel,
 * calls on one endpoint serialise on it. {@link #snapshot} re-keys endpoints whose template has since
 * generalised (a slug segment became a parameter), so the inventory is incremental: new traffic updates
 * counts, last-seen, schemas and classifications without reprocessing old traffic.
 */
public final class DiscoveryEngine {
    private final PathTemplater templater;
    private final AuthDetector auth;
    private final ExposureClassifier exposure;
    private final BodyAnalyzer bodies;
    private final Suppressions suppressions;
    private final ConcurrentHashMap<EndpointKey, EndpointAccumulator> endpoints = new ConcurrentHashMap<>();
    private final LongAdder exchanges = new LongAdder();
    // accept() takes the read side (many at once); snapshot() takes the write side to re-key safely.
    private final ReentrantReadWriteLock rekeyLock = new ReentrantReadWriteLock();

    public DiscoveryEngine(
            PathTemplater templater,
            AuthDetector auth,
            ExposureClassifier exposure,
            BodyAnalyzer bodies,
            Suppressions suppressions) {
        this.templater = templater;
        this.auth = auth;
        this.exposure = exposure;
        this.bodies = bodies;
        this.suppressions = suppressions;
    }

    public void accept(Exchange exchange) {
        Exchange.Request request = exchange.request();
        String host = request.authority();
        PathTemplate template = templater.observe(host, request.path());
        AuthObservation seen = auth.detect(exchange);
        Exposure where = exposure.classify(exchange, seen);
        EndpointKey key = new EndpointKey(host, request.method(), template.value());
        rekeyLock.readLock().lock();
        try {
            EndpointAccumulator acc = endpoints.computeIfAbsent(key, k -> new EndpointAccumulator(k, template));
            synchronized (acc) {
                acc.absorb(exchange, seen, where, bodies);
            }
        } finally {
            rekeyLock.readLock().unlock();
        }
        exchanges.increment();
    }

    /** Exchanges accepted by this engine since it was created (not counting imported state). */
    public long exchanges() {
        return exchanges.sum();
    }

    /** The inventory now, sorted by key. */
    public List<Endpoint> snapshot() {
        rekeyLock.writeLock().lock();
        try {
            rekey();
            List<Endpoint> out = new ArrayList<>(endpoints.size());
            new TreeMap<>(endpoints).values().forEach(acc -> out.add(acc.snapshot(suppressions)));
            return out;
        } finally {
            rekeyLock.writeLock().unlock();
        }
    }

    private void rekey() {
        for (EndpointAccumulator acc : List.copyOf(endpoints.values())) {
            EndpointKey old = acc.key();
            PathTemplate current = templater.resolve(old.host(), old.pathTemplate());
            if (current.value().equals(old.pathTemplate())) {
                acc.retemplate(current);
                continue;
            }
            EndpointKey now = new EndpointKey(old.host(), old.method(), current.value());
            endpoints.remove(old);
            EndpointAccumulator target = endpoints.computeIfAbsent(now, k -> new EndpointAccumulator(k, current));
            target.retemplate(current);
            target.merge(acc);
        }
    }

    /** Everything needed to continue incrementally in a later run: templater and endpoint state. */
    public ObjectNode exportState() {
        rekeyLock.writeLock().lock();
        try {
            ObjectNode state = JsonNodeFactory.instance.objectNode();
            state.put("version", 1);
            state.set("templater", templater.exportState());
            ArrayNode list = state.putArray("endpoints");
            new TreeMap<>(endpoints).values().forEach(acc -> list.add(acc.toState()));
            return state;
        } finally {
            rekeyLock.writeLock().unlock();
        }
    }

    /** Restores state written by {@link #exportState}; call before accepting traffic. */
    public void importState(JsonNode state) {
        rekeyLock.writeLock().lock();
        try {
            if (state.path("version").asInt() != 1) {
                throw new IllegalArgumentException("unsupported discovery state version " + state.path("version"));
            }
            templater.importState(state.path("templater"));
            for (JsonNode e : state.path("endpoints")) {
                // Bound to its stored template; snapshot() re-keys it if the templater generalised since.
                PathTemplate stored = templater.resolve(
                        e.path("host").asText(), e.path("path").asText());
                if (!stored.value().equals(e.path("path").asText())) {
                    stored = new PathTemplate(e.path("path").asText(), List.of(), stored.confidence());
                }
                EndpointAccumulator acc = EndpointAccumulator.fromState(e, stored);
                endpoints.merge(acc.key(), acc, (a, b) -> {
                    a.merge(b);
                    return a;
                });
            }
        } finally {
            rekeyLock.writeLock().unlock();
        }
    }

    /** Endpoint count by host, for summaries. */
    public Map<String, Integer> hosts() {
        Map<String, Integer> out = new TreeMap<>();
        endpoints.keySet().forEach(k -> out.merge(k.host(), 1, Integer::sum));
        return out;
    }
}
