package dev.vigil.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A booking on one account; {@code amount} is negative for debits. Ids are integers, unique per bank. */
public record Transaction(
        long id,
        UUID accountId,
        BigDecimal amount,
        String currency,
        String counterpartyName,
        String counterpartyIban,
        String description,
        String category,
        Instant bookedAt) {
    public Transaction {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(counterpartyName, "counterpartyName");
        Objects.requireNonNull(counterpartyIban, "counterpartyIban");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(bookedAt, "bookedAt");
    }
}
