package dev.vigil.scan.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The identity keys of the API2 tests: lockoutProbe, foreignAudience, jwksUrl. */
class AuthProbeOptionsTest {
    private static final String LOGIN =
            "{type: login, vars: {username: u, password: pw}, steps: [{url: /login, body: {u: \"${username}\", p: \"${password}\"}, extract: {token: {from: body, pointer: /t}}}]}";

    @Test
    void readsTheFlagsAndKeepsForeignAudienceIdentitiesOutOfTheAuthenticatedOnes() {
        Identities ids = new IdentitiesLoader(Map.of())
                .parse(
                        "identities:\n"
                                + "  - {name: lou, lockoutProbe: true, jwksUrl: /keys.json, auth: " + LOGIN + "}\n"
                                + "  - {name: other-app, foreignAudience: true, auth: {type: bearer, token: t}}\n",
                        "ids.yaml");

        Identity lou = ids.named("lou").orElseThrow();
        assertThat(lou.lockoutProbe()).isTrue();
        assertThat(lou.jwksUrl()).isEqualTo("/keys.json");
        assertThat(ids.authenticated()).extracting(Identity::name).containsExactly("lou");
        assertThat(ids.foreignAudience()).extracting(Identity::name).containsExactly("other-app");
    }

    @Test
    void refusesLockoutProbesWithoutAPasswordLoginAndBadFlagValuesAllAtOnce() {
        assertThatThrownBy(() -> new IdentitiesLoader(Map.of())
                        .parse(
                                "identities:\n"
                                        + "  - {name: a, lockoutProbe: true, auth: {type: bearer, token: t}}\n"
                                        + "  - {name: b, foreignAudience: yes-please, auth: {type: bearer, token: t}}\n"
                                        + "  - {name: c, jwksUrl: keys.json, auth: {type: bearer, token: t}}\n",
                                "ids.yaml"))
                .isInstanceOf(IdentitiesException.class)
                .satisfies(e -> assertThat(((IdentitiesException) e).problems())
                        .contains(
                                "identities[0].lockoutProbe: needs auth type oauth2-password, or login with a password-like var",
                                "identities[1].foreignAudience: must be true or false",
                                "identities[2].jwksUrl: must be absolute (http/https) or start with '/'"));
    }
}
