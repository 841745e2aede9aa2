package dev.vigil.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A bank account owned by one user of one tenant. */
public record Account(
        UUID id,
        String tenantId,
        UUID ownerId,
        String iban,
        String currency,
        String type,
        String nickname,
        BigDecimal balance,
        Instant openedAt) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(iban, "iban");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(nickname, "nickname");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(openedAt, "openedAt");
    }

    public Account withBalance(BigDecimal newBalance) {
        return new Account(id, tenantId, ownerId, iban, currency, type, nickname, newBalance, openedAt);
    }
}
