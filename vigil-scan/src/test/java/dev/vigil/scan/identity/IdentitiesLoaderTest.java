package dev.vigil.scan.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.discovery.ParameterLocation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentitiesLoaderTest {
    private final IdentitiesLoader loader =
            new IdentitiesLoader(Map.of("ALICE_TOKEN", "tok-alice-123", "PW", "hunter2"));

    @Test
    void parsesEveryCredentialTypeAndResolvesEnvironment() {
        Identities ids = loader.parse("""
                roles: {customer: 1, support: 2, admin: 3}
                identities:
                  - name: alice
                    roles: [customer]
                    tenant: acme
                    auth: {type: bearer, token: "${env:ALICE_TOKEN}"}
                  - name: partner
                    auth: {type: api-key, in: query, name: key, value: k1}
                  - name: bob
                    roles: [support]
                    auth: {type: basic, username: bob, password: "${env:PW}"}
                  - name: carol
                    roles: [customer]
                    auth: {type: cookie, name: SID, value: s1}
                  - name: dave
                    roles: [admin]
                    auth:
                      type: login
                      vars: {user: dave, password: "${env:PW}"}
                      steps:
                        - url: /login
                          body: {username: "${user}", password: "${password}"}
                          extract: {token: {from: body, pointer: /token}}
                  - name: svc
                    auth: {type: oauth2-client-credentials, tokenUrl: /oauth/token, clientId: c, clientSecret: s}
                  - name: eve
                    auth: {type: oauth2-password, tokenUrl: /oauth/token, clientId: c, username: eve, password: p}
                access:
                  - {operation: "* /admin/**", minRole: admin}
                """, "ids.yaml");
        assertThat(ids.all())
                .extracting(Identity::name)
                .containsExactly("anonymous", "alice", "partner", "bob", "carol", "dave", "svc", "eve");
        assertThat(ids.named("alice").orElseThrow().auth())
                .isEqualTo(new CredentialSpec.Bearer(new Secret("tok-alice-123"), null, null));
        assertThat(((CredentialSpec.ApiKey) ids.named("partner").orElseThrow().auth()).in())
                .isEqualTo(ParameterLocation.QUERY);
        assertThat(ids.level(ids.named("dave").orElseThrow())).isEqualTo(3);
        assertThat(ids.level(ids.anonymous())).isEqualTo(-1);
        CredentialSpec.Login login =
                (CredentialSpec.Login) ids.named("dave").orElseThrow().auth();
        assertThat(login.apply().template()).isEqualTo("Bearer ${token}");
        assertThat(ids.access().getFirst().matches("DELETE", "/admin/users/{id}"))
                .isTrue();
        assertThat(ids.access().getFirst().matches("GET", "/accounts/{id}")).isFalse();
    }

    @Test
    void reportsEveryProblemAtOnceWithLocations() {
        IdentitiesException e = catchThrowableOfType(IdentitiesException.class, () -> loader.parse("""
                        roles: {customer: 1}
                        identities:
                          - name: a
                            roles: [wizard]
                            auth: {type: bearer}
                          - name: a
                            auth: {type: telepathy}
                          - name: c
                            auth: {type: api-key, in: body, name: k, value: v}
                          - name: d
                            auth:
                              type: login
                              steps:
                                - url: login
                                  body: '{"p":"${secret}"}'
                                  extract: {tok: {from: body, pointer: "no-slash", regex: "("}}
                          - name: e
                            colour: blue
                            auth: {type: basic, username: e, password: "${env:MISSING}"}
                        """, "bad.yaml"));
        assertThat(e.problems())
                .contains(
                        "identities[0].roles: unknown role 'wizard' (not in roles)",
                        "identities[0].auth.token: required",
                        "identities[1].name: duplicate identity name 'a'",
                        "identities[4].auth.password: environment variable MISSING is not set")
                .anyMatch(p -> p.startsWith("identities[1].auth.type: unknown 'telepathy'"))
                .anyMatch(p -> p.startsWith("identities[2].auth.in:"))
                .anyMatch(p -> p.startsWith("identities[3].auth.steps[0].url: must be absolute"))
                .anyMatch(p -> p.contains("uses ${secret} which no var"))
                .anyMatch(p -> p.startsWith("identities[3].auth.steps[0].extract.tok.pointer"))
                .anyMatch(p -> p.startsWith("identities[3].auth.steps[0].extract.tok.regex"))
                .anyMatch(p -> p.startsWith("identities[3].auth.apply: required"))
                .anyMatch(p -> p.startsWith("identities[4].colour: unknown key"));
        assertThat(e.getMessage()).contains("bad.yaml").contains(e.problems().size() + " problem(s)");
    }

    @Test
    void aRefreshRequestMustUseKnownValuesAndExtractTheNewToken() {
        IdentitiesException e = catchThrowableOfType(IdentitiesException.class, () -> loader.parse("""
                        identities:
                          - name: r
                            auth:
                              type: login
                              steps: [{url: /login, extract: {token: {from: body, pointer: /t}}}]
                              refresh: {url: /refresh, body: {rt: "${refreshToken}"}, extract: {other: {from: body}}}
                        """, "r.yaml"));
        assertThat(e.problems())
                .anyMatch(p -> p.startsWith("identities[0].auth.refresh.body") && p.contains("${refreshToken}"))
                .contains("identities[0].auth.refresh.extract: must extract 'token' (the new access token)");
        CredentialSpec.Login ok = (CredentialSpec.Login)
                loader.parse("""
                        identities:
                          - name: r
                            auth:
                              type: login
                              steps: [{url: /login, extract: {token: {from: body, pointer: /t}, refreshToken: {from: body, pointer: /r}}}]
                              refresh: {url: /refresh, body: {rt: "${refreshToken}"}, extract: {token: {from: body, pointer: /t}}}
                        """, "r.yaml").named("r").orElseThrow().auth();
        assertThat(ok.refresh()).hasValueSatisfying(r -> assertThat(r.url()).isEqualTo("/refresh"));
    }

    @Test
    void neverPutsSecretValuesInProblemsOrToString() {
        IdentitiesException e = catchThrowableOfType(IdentitiesException.class, () -> loader.parse("""
                        identities:
                          - name: "bad name!"
                            auth: {type: bearer, token: "${env:ALICE_TOKEN}", extra: "${env:PW}"}
                        """, "x.yaml"));
        assertThat(e.getMessage()).doesNotContain("tok-alice-123").doesNotContain("hunter2");
        Identities ok =
                loader.parse("identities: [{name: a, auth: {type: bearer, token: \"${env:ALICE_TOKEN}\"}}]", "ok.yaml");
        assertThat(ok.toString()).doesNotContain("tok-alice-123");
    }

    @Test
    void rejectsMalformedYamlWithLine() {
        assertThatThrownBy(() -> loader.parse("identities: [\n  - {name: a", "m.yaml"))
                .isInstanceOf(IdentitiesException.class)
                .hasMessageContaining("not valid YAML");
    }
}
