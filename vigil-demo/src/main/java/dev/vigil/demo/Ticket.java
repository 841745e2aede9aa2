package dev.vigil.demo;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A support case; its id is a readable slug such as {@code card-declined-abroad-1042}. */
public record Ticket(
        String id,
        String tenantId,
        UUID customerId,
        String subject,
        String body,
        String status,
        String priority,
        Instant openedAt) {
    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(openedAt, "openedAt");
    }
}
