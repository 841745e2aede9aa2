package dev.vigil.demo;

import java.time.YearMonth;
import java.util.Objects;
import java.util.UUID;

/** A payment card on an account; {@code pan} passes the Luhn check. No CVV is ever stored. */
public record Card(
        UUID id,
        UUID accountId,
        UUID ownerId,
        String pan,
        String brand,
        YearMonth expiry,
        String holderName,
        String status) {
    public Card {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(pan, "pan");
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(status, "status");
    }
}
