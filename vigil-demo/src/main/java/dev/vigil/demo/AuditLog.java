package dev.vigil.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Who did what in a tenant (payment orders, their confirmation and execution), for its administrators. */
final class AuditLog {

    /** One event. */
    record Event(String id, String tenantId, String actor, String action, String target, Instant at) {}

    private final Map<String, Event> events = new LinkedHashMap<>();
    private long next;

    synchronized Event record(String tenantId, String actor, String action, String target, Instant at) {
        // ids of their own, so that auditing does not shift the bank's seeded id sequence
        UUID id = UUID.nameUUIDFromBytes(("audit-" + next++).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Event e = new Event(id.toString(), tenantId, actor, action, target, at);
        events.put(e.id(), e);
        return e;
    }

    synchronized List<Event> ofTenant(String tenantId) {
        List<Event> out = new ArrayList<>();
        events.values().forEach(e -> {
            if (e.tenantId().equals(tenantId)) {
                out.add(e);
            }
        });
        return out;
    }

    synchronized Optional<Event> event(String id) {
        return Optional.ofNullable(events.get(id));
    }

    synchronized boolean remove(String id) {
        return events.remove(id) != null;
    }
}
