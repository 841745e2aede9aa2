package dev.vigil.demo;

import java.time.LocalDate;
import java.util.Objects;

/** The personal data of a bank user: the PII the demo API exposes on purpose. */
public record Profile(
        String firstName,
        String lastName,
        String email,
        String phone,
        LocalDate dateOfBirth,
        String nationalId,
        Address address) {
    public Profile {
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(nationalId, "nationalId");
        Objects.requireNonNull(address, "address");
    }

    public String fullName() {
        return firstName + " " + lastName;
    }
}
