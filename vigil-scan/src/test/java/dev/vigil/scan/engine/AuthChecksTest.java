package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.AuthBank;
import dev.vigil.scan.AuthBank.Flaw;
import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.Catalog;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.http.JdkTransport;
import dev.vigil.scan.identity.Identities;
import dev.vigil.scan.identity.IdentitiesLoader;
import dev.vigil.scan.surface.Target;
import dev.vigil.scan.surface.TargetLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API2 token and login checks against {@link AuthBank}: each flaw alone is flagged by exactly
 * its test, and the safe twin (strong secret, pinned algorithms, audience checked, lockout after
 * five failures) produces none of them.
 */
class AuthChecksTest {
    private static final Set<String> AUTH_TESTS =
            Set.of("jwt-key-confusion", "jwt-weak-secret", "jwt-foreign-audience", "login-lockout-missing");
    private static final Catalog CATALOG = new CatalogLoader().load(List.of()).only(AUTH_TESTS);
    private static final Identities IDENTITIES = new IdentitiesLoader(Map.of()).parse(AuthBank.IDENTITIES, "ids.yaml");

    static EngineResult scan(AuthBank bank) throws InterruptedException {
        Target target = new TargetLoader(Map.of()).build(bank.baseUrl(), List.of(), Optional.of(AuthBank.SPEC));
        String host = bank.baseUrl().getHost() + ":" + bank.baseUrl().getPort();
        ScanPolicy policy = new ScanPolicy(Set.of(host), false, 2000, 0, 4, false, Duration.ofMillis(300));
        return new ScanEngine(
                        new JdkTransport(
                                JdkTransport.defaultClient(Duration.ofSeconds(2)),
                                Clock.systemUTC(),
                                Duration.ofSeconds(5)),
                        Clock.systemUTC(),
                        d -> {})
                .run(target, IDENTITIES, CATALOG, policy, Optional.empty());
    }

    static Stream<Arguments> flaws() {
        return Stream.of(
                Arguments.of(Set.of(), Set.of()),
                Arguments.of(Set.of(Flaw.WEAK_SECRET), Set.of("jwt-weak-secret")),
                Arguments.of(Set.of(Flaw.KEY_CONFUSION), Set.of("jwt-key-confusion")),
                Arguments.of(Set.of(Flaw.AUDIENCE_UNCHECKED), Set.of("jwt-foreign-audience")),
                Arguments.of(Set.of(Flaw.NO_LOCKOUT), Set.of("login-lockout-missing")),
                Arguments.of(Set.copyOf(AuthBank.all()), AUTH_TESTS),
                // forged tokens pass because nothing is verified: the control token (broken
                // signature) passes too, so no token test claims it
                Arguments.of(Set.of(Flaw.SIGNATURE_NOT_VERIFIED, Flaw.WEAK_SECRET, Flaw.KEY_CONFUSION), Set.of()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("flaws")
    void flagsExactlyThePlantedAuthenticationFlaw(Set<Flaw> flaws, Set<String> expected) throws Exception {
        try (AuthBank bank = new AuthBank(flaws)) {
            EngineResult r = scan(bank);
            Set<String> found =
                    r.findings().stream().map(Finding::testId).collect(Collectors.toCollection(TreeSet::new));
            assertThat(found).isEqualTo(new TreeSet<>(expected));
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void reportsTheWeakSecretRedactedAndOnTheOperationWhereTheForgedTokenWorked() throws Exception {
        try (AuthBank bank = new AuthBank(Set.of(Flaw.WEAK_SECRET))) {
            Finding f = scan(bank).findings().getFirst();
            assertThat(f.pathTemplate()).isEqualTo("/me");
            assertThat(f.detail()).contains("'s…' (11 characters)").doesNotContain("supersecret");
            assertThat(f.evidence().toString()).doesNotContain("supersecret");
        }
    }

    @Test
    void keyConfusionIsReportedOnThePartnerOperationWithTheEncodingThatWorked() throws Exception {
        try (AuthBank bank = new AuthBank(Set.of(Flaw.KEY_CONFUSION))) {
            Finding f = scan(bank).findings().getFirst();
            assertThat(f.operation()).isEqualTo("GET /partner/rates");
            assertThat(f.detail()).contains("RSA public key 'k1' as PEM with trailing newline");
        }
    }

    @Test
    void probesLockoutOnlyForTheMarkedIdentityAndStopsOnceThrottled() throws Exception {
        try (AuthBank bank = new AuthBank(Set.of())) {
            scan(bank);
            // failed logins until the 429: five refused, the sixth throttled
            assertThat(bank.wrongPasswords("lou")).isEqualTo(AuthBank.LOCK_AFTER + 1);
            assertThat(bank.wrongPasswords("bob")).isZero();
            assertThat(bank.wrongPasswords("alice")).isZero();
        }
        try (AuthBank bank = new AuthBank(Set.of(Flaw.NO_LOCKOUT))) {
            Finding f = scan(bank).findings().getFirst();
            assertThat(f.operation()).isEqualTo("POST /login");
            assertThat(bank.wrongPasswords("lou")).isEqualTo(10);
        }
    }
}
