package dev.vigil.discovery;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded, thread-safe memo for pure functions on the hot path (JWT decoding, host globs): the same
 * token or host recurs across thousands of exchanges. When full it starts over rather than tracking
 * recency, which keeps every lookup a single hash probe.
 */
final class Memo<K, V> {
    private final int capacity;
    private final Function<K, V> compute;
    private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();

    Memo(int capacity, Function<K, V> compute) {
        this.capacity = capacity;
        this.compute = compute;
    }

    V get(K key) {
        V value = values.get(key);
        if (value == null) {
            value = compute.apply(key);
            if (values.size() >= capacity) {
                values.clear();
            }
            values.put(key, value);
        }
        return value;
    }
}
