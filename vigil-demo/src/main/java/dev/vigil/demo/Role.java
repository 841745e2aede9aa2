package dev.vigil.demo;

import java.util.Locale;

/** What a bank user may do: customers own accounts, support reads customers, admins manage the tenant. */
public enum Role {
    CUSTOMER,
    SUPPORT,
    ADMIN;

    /** The lower-case name used in tokens and JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
