package dev.vigil.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A payment order: created {@code pending_confirmation} by the person who ordered it, then
 * {@code confirmed} (from {@link PaymentRoutes#APPROVAL_THRESHOLD} on: {@code awaiting_approval}
 * until a second person approves it), then {@code executed} (which debits the account once).
 */
record PaymentOrder(
        UUID id,
        UUID orderedBy,
        UUID accountId,
        String toIban,
        BigDecimal amount,
        String reference,
        String status,
        Instant createdAt) {

    static final String PENDING = "pending_confirmation";
    static final String AWAITING_APPROVAL = "awaiting_approval";
    static final String CONFIRMED = "confirmed";
    static final String EXECUTED = "executed";

    PaymentOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderedBy, "orderedBy");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(status, "status");
    }

    PaymentOrder withStatus(String newStatus) {
        return new PaymentOrder(id, orderedBy, accountId, toIban, amount, reference, newStatus, createdAt);
    }
}
