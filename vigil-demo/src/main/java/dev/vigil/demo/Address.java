package dev.vigil.demo;

import java.util.Objects;

/** A postal address in a user profile. */
public record Address(String street, String postalCode, String city, String country) {
    public Address {
        Objects.requireNonNull(street, "street");
        Objects.requireNonNull(postalCode, "postalCode");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(country, "country");
    }
}
