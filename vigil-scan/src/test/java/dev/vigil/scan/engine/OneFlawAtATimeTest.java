package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.Finding;
import dev.vigil.scan.MiniBank;
import dev.vigil.scan.MiniBank.Flaw;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Precision per check: with exactly one flaw planted, the scan flags that flaw's tests and nothing
 * else, so no check rides on another's flaw or fires on the safe parts of the API.
 */
class OneFlawAtATimeTest {
    private static final Catalog CATALOG = new CatalogLoader().load(List.of());
    private static final Identities IDENTITIES = new IdentitiesLoader(Map.of()).parse(MiniBank.IDENTITIES, "ids.yaml");

    static Stream<Arguments> flaws() {
        return Stream.of(
                Arguments.of(Set.of(Flaw.BOLA), Set.of("bola-read")),
                Arguments.of(Set.of(Flaw.BFLA), Set.of("bfla-lower-role")),
                Arguments.of(Set.of(Flaw.JWT_ALG_NONE), Set.of("jwt-alg-none")),
                Arguments.of(
                        Set.of(Flaw.JWT_SIGNATURE_NOT_VERIFIED),
                        Set.of("jwt-signature-stripped", "auth-invalid-token")),
                // an expired token can only be forged where signatures go unchecked (see docs/scan.md)
                Arguments.of(Set.of(Flaw.JWT_EXPIRY_IGNORED), Set.of()),
                Arguments.of(
                        Set.of(Flaw.JWT_SIGNATURE_NOT_VERIFIED, Flaw.JWT_EXPIRY_IGNORED),
                        Set.of("jwt-signature-stripped", "auth-invalid-token", "jwt-expired")),
                Arguments.of(Set.of(Flaw.EXCESSIVE_DATA), Set.of("sensitive-fields-exposed")),
                Arguments.of(Set.of(Flaw.MASS_ASSIGNMENT), Set.of("mass-assignment")),
                Arguments.of(Set.of(Flaw.CORS_REFLECT), Set.of("cors-arbitrary-origin")),
                Arguments.of(Set.of(Flaw.NO_NOSNIFF), Set.of("missing-nosniff")),
                Arguments.of(Set.of(Flaw.STACK_TRACE), Set.of("error-details-disclosed")),
                Arguments.of(Set.of(Flaw.SQL_ERROR), Set.of("sql-injection-error")),
                Arguments.of(Set.of(Flaw.SQL_BOOLEAN), Set.of("sql-injection-boolean")),
                Arguments.of(Set.of(Flaw.PATH_TRAVERSAL), Set.of("path-traversal")),
                Arguments.of(Set.of(Flaw.SSRF), Set.of("ssrf-callback")),
                Arguments.of(Set.of(Flaw.NO_RATE_LIMIT), Set.of("rate-limit-missing")),
                Arguments.of(Set.of(Flaw.AUTH_MISSING_ON_REPORTS), Set.of("auth-missing")),
                Arguments.of(Set.of(Flaw.TEMPLATE_INJECTION), Set.of("template-injection")),
                Arguments.of(Set.of(Flaw.NOSQL_OPERATOR), Set.of("nosql-operator-injection")),
                Arguments.of(Set.of(Flaw.XXE), Set.of("xxe-callback")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("flaws")
    void flagsExactlyThePlantedFlaw(Set<Flaw> flaws, Set<String> expected) throws Exception {
        try (MiniBank bank = new MiniBank(flaws)) {
            Target target = new TargetLoader(Map.of()).build(bank.baseUrl(), List.of(), Optional.of(MiniBank.SPEC));
            String host = bank.baseUrl().getHost() + ":" + bank.baseUrl().getPort();
            ScanPolicy policy = new ScanPolicy(Set.of(host), true, 5000, 0, 4, false, Duration.ofMillis(300));
            EngineResult r = new ScanEngine(
                            new JdkTransport(
                                    JdkTransport.defaultClient(Duration.ofSeconds(2)),
                                    Clock.systemUTC(),
                                    Duration.ofSeconds(5)),
                            Clock.systemUTC(),
                            d -> {})
                    .run(target, IDENTITIES, CATALOG, policy, Optional.empty());
            Set<String> found =
                    r.findings().stream().map(Finding::testId).collect(Collectors.toCollection(TreeSet::new));
            assertThat(found).isEqualTo(new TreeSet<>(expected));
        }
    }
}
