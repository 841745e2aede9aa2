package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The property, resource and surface flaws planted in vulnerable mode, each next to its secure
 * twin: staff card view, user directory, page size, body size, TRACE and management endpoints.
 */
class PlantedExposureTest {

    private record Demo(DemoApi api, TestHttp http) implements AutoCloseable {
        static Demo start(DemoMode mode) {
            DemoApi api = DemoApi.start(DemoConfig.defaults().withMode(mode));
            return new Demo(api, new TestHttp(api));
        }

        @Override
        public void close() {
            api.close();
        }
    }

    private static String aliceAccountCards(Demo d) {
        User alice = d.api()
                .bank()
                .userByUsername(DemoCredentials.NORTHWIND_CUSTOMER_1)
                .orElseThrow();
        UUID account = d.api().bank().cardsOf(alice.id()).getFirst().accountId();
        return "/api/v2/accounts/" + account + "/cards";
    }

    @Test
    void onlyVulnerableModeAnswersTheUndocumentedProfilePutWhileAMadeUpMethodIsRefused() {
        try (Demo secure = Demo.start(DemoMode.SECURE);
                Demo vulnerable = Demo.start(DemoMode.VULNERABLE)) {
            for (Demo d : new Demo[] {secure, vulnerable}) {
                String token = d.http().token(DemoCredentials.NORTHWIND_CUSTOMER_1);
                String me = "/api/v2/users/"
                        + d.api()
                                .bank()
                                .userByUsername(DemoCredentials.NORTHWIND_CUSTOMER_1)
                                .orElseThrow()
                                .id();
                String view = d.http().get(me, token).body();
                HttpResponse<String> put = d.http()
                        .send("PUT", me, view, "Authorization", "Bearer " + token, "Content-Type", "application/json");
                HttpResponse<String> madeUp = d.http().send("VIGILPROBE", me, "", "Authorization", "Bearer " + token);
                if (d == vulnerable) {
                    assertThat(put.statusCode()).isEqualTo(200);
                } else {
                    assertThat(put.statusCode()).isIn(404, 405);
                }
                assertThat(madeUp.statusCode()).isGreaterThanOrEqualTo(400);
            }
        }
    }

    @Test
    void onlyVulnerableSupportStaffGetAUsersSecondFactorSeedWhichAdminsNeverGet() {
        try (Demo secure = Demo.start(DemoMode.SECURE);
                Demo vulnerable = Demo.start(DemoMode.VULNERABLE)) {
            for (Demo d : new Demo[] {secure, vulnerable}) {
                String alice = "/api/v2/users/"
                        + d.api()
                                .bank()
                                .userByUsername(DemoCredentials.NORTHWIND_CUSTOMER_1)
                                .orElseThrow()
                                .id();
                boolean planted = d == vulnerable;
                HttpResponse<String> support = d.http().get(alice, d.http().token(DemoCredentials.NORTHWIND_SUPPORT));
                HttpResponse<String> admin = d.http().get(alice, d.http().token(DemoCredentials.NORTHWIND_ADMIN));
                HttpResponse<String> self = d.http().get(alice, d.http().token(DemoCredentials.NORTHWIND_CUSTOMER_1));
                assertThat(support.statusCode()).isEqualTo(200);
                assertThat(TestHttp.json(support).path("username").asText()).isEqualTo("alice.northwind");
                assertThat(TestHttp.json(support).has("mfaSeed")).isEqualTo(planted);
                assertThat(TestHttp.json(admin).has("mfaSeed")).isFalse();
                assertThat(TestHttp.json(self).has("mfaSeed")).isFalse();
            }
        }
    }

    @Test
    void staffSeeAnAccountsCardsMaskedInSecureModeAndWithFullNumbersInVulnerableMode() {
        try (Demo secure = Demo.start(DemoMode.SECURE);
                Demo vulnerable = Demo.start(DemoMode.VULNERABLE)) {
            for (Demo d : new Demo[] {secure, vulnerable}) {
                HttpResponse<String> owner =
                        d.http().get(aliceAccountCards(d), d.http().token(DemoCredentials.NORTHWIND_CUSTOMER_1));
                assertThat(TestHttp.json(owner).path("items").get(0).has("maskedPan"))
                        .isTrue();
                assertThat(TestHttp.json(owner).path("items").get(0).has("pan")).isFalse();
            }
            HttpResponse<String> staffSecure = secure.http()
                    .get(aliceAccountCards(secure), secure.http().token(DemoCredentials.NORTHWIND_SUPPORT));
            HttpResponse<String> staffVulnerable = vulnerable
                    .http()
                    .get(aliceAccountCards(vulnerable), vulnerable.http().token(DemoCredentials.NORTHWIND_SUPPORT));
            assertThat(TestHttp.json(staffSecure).path("items").get(0).has("pan"))
                    .isFalse();
            assertThat(TestHttp.json(staffVulnerable)
                            .path("items")
                            .get(0)
                            .path("pan")
                            .asText())
                    .matches("[0-9]{13,19}");
        }
    }

    @Test
    void directoryIsStaffOnlyAndCarriesPasswordHashesOnlyInVulnerableMode() {
        try (Demo secure = Demo.start(DemoMode.SECURE);
                Demo vulnerable = Demo.start(DemoMode.VULNERABLE)) {
            assertThat(secure.http()
                            .get("/api/v2/users", secure.http().token(DemoCredentials.NORTHWIND_CUSTOMER_1))
                            .statusCode())
                    .isEqualTo(403);
            HttpResponse<String> safe =
                    secure.http().get("/api/v2/users", secure.http().token(DemoCredentials.NORTHWIND_SUPPORT));
            HttpResponse<String> leaky =
                    vulnerable.http().get("/api/v2/users", vulnerable.http().token(DemoCredentials.NORTHWIND_SUPPORT));
            assertThat(safe.body()).doesNotContain("passwordHash");
            assertThat(TestHttp.json(leaky).path("items").get(0).has("passwordHash"))
                    .isTrue();
        }
    }

    @Test
    void largePagesAreRefusedInSecureModeAndServedInVulnerableMode() {
        try (Demo secure = Demo.start(DemoMode.SECURE);
                Demo vulnerable = Demo.start(DemoMode.VULNERABLE)) {
            String path = "/api/v2/fx/history?currency=GBP&limit=100000";
            assertThat(secure.http()
                            .get(path, secure.http().token(DemoCredentials.NORTHWIND_CUSTOMER_1))
                            .statusCode())
                    .isEqualTo(400);
            HttpResponse<String> all =
                    vulnerable.http().get(path, vulnerable.http().token(DemoCredentials.NORTHWIND_CUSTOMER_1));
            assertThat(TestHttp.json(all).path("count").asInt()).isEqualTo(FxHistoryRoutes.DAYS);
        }
    }

    @Test
    void oversizedBodiesTraceAndActuatorExistOnlyInVulnerableMode() {
        try (Demo secure = Demo.start(DemoMode.SECURE);
                Demo vulnerable = Demo.start(DemoMode.VULNERABLE)) {
            String big = "{\"firstName\":\"" + "A".repeat(200_000) + "\"}";
            for (Demo d : new Demo[] {secure, vulnerable}) {
                User alice = d.api()
                        .bank()
                        .userByUsername(DemoCredentials.NORTHWIND_CUSTOMER_1)
                        .orElseThrow();
                HttpResponse<String> patch = d.http()
                        .send(
                                "PATCH",
                                "/api/v2/users/" + alice.id(),
                                big,
                                "Authorization",
                                "Bearer " + d.http().token(DemoCredentials.NORTHWIND_CUSTOMER_1));
                HttpResponse<String> trace = d.http().send("TRACE", "/health", null, "X-Probe", "p1");
                HttpResponse<String> env = d.http().send("GET", "/actuator/env", null);
                boolean vulnerableMode = d == vulnerable;
                assertThat(patch.statusCode()).isEqualTo(vulnerableMode ? 200 : 413);
                assertThat(trace.statusCode() == 200 && trace.body().contains("p1"))
                        .isEqualTo(vulnerableMode);
                assertThat(env.statusCode()).isEqualTo(vulnerableMode ? 200 : 404);
                if (vulnerableMode) {
                    assertThat(env.body()).contains("propertySources").doesNotContain("signing-key\":{\"value\":\"s");
                }
            }
        }
    }
}
