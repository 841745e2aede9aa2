package dev.vigil.guard.model;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who owns each object id, learned from traffic: the principal that created it (an id in a 201
 * response body or its Location header) or that first received it in a response it did not ask for
 * by id (a listing). An id later received by a second principal the same way is shared (a public
 * catalogue, a team's object) and has no single owner. Ids are kept per host and resource type
 * ({@code /orders}, {@code /users/{}/orders}); at most {@code capacity} of them, the oldest forgotten
 * first. Reads are lock-free because they happen inline on every request naming an id.
 */
public final class OwnershipModel {
    private static final String SHARED = "";

    private final int capacity;
    private final ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong evictions = new AtomicLong();

    public OwnershipModel(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
    }

    private static String key(String host, String resource, String id) {
        return host + ' ' + resource + ' ' + id;
    }

    /** {@code principal} created the object: it is the owner, whatever was known before. */
    public void created(String host, String resource, String id, String principal) {
        String k = key(host, resource, id);
        if (owners.put(k, principal) == null) {
            admitted(k);
        }
    }

    /** {@code principal} received the id without naming it: first receiver owns, a second makes it shared. */
    public void received(String host, String resource, String id, String principal) {
        String k = key(host, resource, id);
        String before = owners.putIfAbsent(k, principal);
        if (before == null) {
            admitted(k);
        } else if (!before.equals(principal) && !before.equals(SHARED)) {
            owners.put(k, SHARED);
        }
    }

    /** The object was deleted: its id may be reused by anyone. */
    public void deleted(String host, String resource, String id) {
        if (owners.remove(key(host, resource, id)) != null) {
            size.decrementAndGet();
        }
    }

    /** The single owner of the object, or empty when unknown or shared. */
    public Optional<String> owner(String host, String resource, String id) {
        String o = owners.get(key(host, resource, id));
        return o == null || o.equals(SHARED) ? Optional.empty() : Optional.of(o);
    }

    public int size() {
        return size.get();
    }

    /** Ids forgotten because {@code capacity} was reached (deleted ids are not counted). */
    public long evictions() {
        return evictions.get();
    }

    private void admitted(String k) {
        order.add(k);
        if (size.incrementAndGet() <= capacity) {
            return;
        }
        while (size.get() > capacity) {
            String oldest = order.poll();
            if (oldest == null) {
                return;
            }
            // A deleted id left its queue entry behind; removing nothing frees nothing.
            if (owners.remove(oldest) != null) {
                size.decrementAndGet();
                evictions.incrementAndGet();
            }
        }
    }
}
