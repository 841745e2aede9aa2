package dev.vigil.demo;

import java.util.List;

/**
 * The well-known demo logins seeded into every {@link BankData}, whatever the seed: published so the
 * traffic generator, tests and docs can sign in. They guard nothing but fake data on loopback.
 */
public final class DemoCredentials {

    /** Password of every seeded user. */
    public static final String PASSWORD = "Vigil-Demo-2026!";

    public static final String NORTHWIND_CUSTOMER_1 = "alice.northwind";
    public static final String NORTHWIND_CUSTOMER_2 = "bruno.northwind";
    public static final String HARBOR_CUSTOMER_1 = "chloe.harbor";
    public static final String HARBOR_CUSTOMER_2 = "dario.harbor";
    public static final String NORTHWIND_SUPPORT = "sam.support";
    public static final String NORTHWIND_ADMIN = "ada.admin";
    public static final String HARBOR_ADMIN = "hugo.admin";

    /**
     * A customer without accounts, for scanners' login-lockout probes: secure mode may lock it for
     * a while, which must not disturb any other persona.
     */
    public static final String LOCKOUT_PROBE = "lou.lockout";

    public static final String PARTNER_NAME = "Ledgerly Payments";
    public static final String PARTNER_API_KEY = "pk_demo_3f9c2a7b1e5d4c8a9b0f6e2d1c7a5b3e";
    public static final String PARTNER_CLIENT_ID = "ledgerly-partner";
    public static final String PARTNER_CLIENT_SECRET = "ledgerly-client-secret-demo";

    /** One seeded login with its tenant and role. */
    public record Login(String username, String tenantId, Role role) {}

    public static final List<Login> LOGINS = List.of(
            new Login(NORTHWIND_CUSTOMER_1, "northwind", Role.CUSTOMER),
            new Login(NORTHWIND_CUSTOMER_2, "northwind", Role.CUSTOMER),
            new Login(HARBOR_CUSTOMER_1, "harbor", Role.CUSTOMER),
            new Login(HARBOR_CUSTOMER_2, "harbor", Role.CUSTOMER),
            new Login(NORTHWIND_SUPPORT, "northwind", Role.SUPPORT),
            new Login(NORTHWIND_ADMIN, "northwind", Role.ADMIN),
            new Login(HARBOR_ADMIN, "harbor", Role.ADMIN));

    private DemoCredentials() {}
}
