package dev.vigil.demo;

import java.util.Objects;

/** A bank hosted on the demo platform; every user, account and ticket belongs to exactly one. */
public record Tenant(String id, String name, String bic, String country, String currency) {
    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bic, "bic");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(currency, "currency");
    }
}
