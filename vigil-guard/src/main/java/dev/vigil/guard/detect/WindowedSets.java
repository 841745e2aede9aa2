package dev.vigil.guard.detect;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For each key, the distinct members seen within a sliding time window. Memory is bounded twice:
 * at most {@code maxKeys} keys (least recently used go first) and at most {@code maxMembers}
 * members per key (oldest go first; counts saturate there, which is above any threshold that uses
 * it). Both kinds of eviction are counted ({@link #evictions}). One lock guards everything: the
 * work per call is a few map operations.
 */
final class WindowedSets {
    private final long windowMillis;
    private final int maxMembers;
    private final LinkedHashMap<String, LinkedHashMap<String, Long>> byKey;
    private final AtomicLong evictions = new AtomicLong();

    WindowedSets(long windowMillis, int maxKeys, int maxMembers) {
        this.windowMillis = windowMillis;
        this.maxMembers = maxMembers;
        this.byKey = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LinkedHashMap<String, Long>> eldest) {
                if (size() > maxKeys) {
                    evictions.incrementAndGet();
                    return true;
                }
                return false;
            }
        };
    }

    /** Records {@code member} under {@code key} at {@code nowMillis}; returns the distinct members in the window. */
    synchronized int add(String key, String member, long nowMillis) {
        // In access order, so putting a member seen before moves it to the newest end: the map stays
        // ordered by time without removing and re-adding the entry.
        LinkedHashMap<String, Long> members = byKey.computeIfAbsent(key, k -> new LinkedHashMap<>(8, 0.75f, true));
        members.put(member, nowMillis);
        trim(members, nowMillis);
        while (members.size() > maxMembers) {
            Iterator<String> it = members.keySet().iterator();
            it.next();
            it.remove();
            evictions.incrementAndGet();
        }
        return members.size();
    }

    /** Keys and members forgotten because a cap was reached (not those that aged out of the window). */
    long evictions() {
        return evictions.get();
    }

    /** Keys kept now. */
    synchronized int keys() {
        return byKey.size();
    }

    /** Distinct members under {@code key} in the window, without recording anything. */
    synchronized int count(String key, long nowMillis) {
        LinkedHashMap<String, Long> members = byKey.get(key);
        if (members == null) {
            return 0;
        }
        trim(members, nowMillis);
        return members.size();
    }

    private void trim(LinkedHashMap<String, Long> members, long nowMillis) {
        Iterator<Long> it = members.values().iterator();
        while (it.hasNext() && it.next() <= nowMillis - windowMillis) {
            it.remove();
        }
    }
}
