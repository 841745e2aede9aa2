package dev.vigil.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.demo.DemoApi;
import dev.vigil.demo.DemoConfig;
import dev.vigil.demo.DemoCredentials;
import dev.vigil.demo.DemoMode;
import dev.vigil.scan.http.JdkTransport;
import dev.vigil.scan.report.ReportedFinding;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans the bundled demo API in both modes: every planted flaw is found, and secure mode stays clean. */
class DemoScanTest {
    /** The flaws planted in VULNERABLE mode (see AccessPolicy), as test id and operation. */
    static final Set<String> PLANTED = Set.of(
            "bola-read GET /api/v2/accounts/{accountId}",
            "bola-read GET /api/v2/cards/{cardId}",
            "bfla-lower-role GET /api/v2/admin/users",
            "mass-assignment PATCH /api/v2/users/{userId}",
            "jwt-weak-secret GET /api/v2/accounts",
            "jwt-foreign-audience GET /api/v2/accounts",
            "jwt-key-confusion GET /api/partner/v1/rates",
            "login-lockout-missing POST /api/v2/auth/login",
            "bola-reference POST /api/v2/payments",
            "bola-read GET /api/v2/accounts/{accountId}/payments",
            "business-flow-step-skipped POST /api/v2/payments/{paymentId}/execute",
            "business-flow-replay POST /api/v2/payments/{paymentId}/execute",
            "bfla-lower-role GET /api/v2/admin/audit-events",
            "bfla-lower-role DELETE /api/v2/admin/audit-events/{eventId}",
            "property-exposure-beyond-owner GET /api/v2/accounts/{accountId}/cards",
            "property-exposure-list GET /api/v2/users",
            "page-size-unbounded GET /api/v2/fx/history",
            "oversized-body-accepted PATCH /api/v2/users/{userId}",
            "trace-enabled GET /api/partner/v1/rates",
            "debug-endpoint-exposed GET /actuator/env",
            "sql-injection-time GET /api/v2/transactions/search",
            "refresh-token-reuse POST /api/v2/auth/refresh",
            "business-flow-self-approval POST /api/v2/payments/{paymentId}/approve",
            "property-exposure-lower-role GET /api/v2/users/{userId}",
            "undocumented-method GET /api/v2/users/{userId}",
            "ssrf-callback GET /api/v2/fx/quote",
            "old-api-version GET /api/v2/cards/{cardId}");

    @TempDir
    Path dir;

    private ScanResult scan(DemoMode mode) throws Exception {
        try (DemoApi demo = DemoApi.start(DemoConfig.defaults().withMode(mode));
                InputStream spec = DemoApi.class.getResourceAsStream("openapi.yaml");
                InputStream ids = DemoScanTest.class.getResourceAsStream("demo-identities.yaml");
                InputStream flows = DemoScanTest.class.getResourceAsStream("demo-flows.yaml")) {
            Path specFile = Files.write(dir.resolve(mode + "-openapi.yaml"), spec.readAllBytes());
            Path idsFile = Files.writeString(
                    dir.resolve("identities.yaml"), new String(ids.readAllBytes(), StandardCharsets.UTF_8));
            Path flowsFile = Files.write(dir.resolve("flows.yaml"), flows.readAllBytes());
            ScanRequest request = new ScanRequest(
                    URI.create(demo.baseUrl()),
                    Optional.of(specFile),
                    List.of(),
                    Optional.of(idsFile),
                    List.of(flowsFile),
                    List.of(),
                    Map.of(),
                    Set.of(),
                    true,
                    20_000,
                    0,
                    4,
                    false,
                    Optional.empty(),
                    Optional.empty(),
                    Severity.MEDIUM,
                    Optional.empty());
            ScanRunner runner = new ScanRunner(
                    new JdkTransport(
                            JdkTransport.defaultClient(Duration.ofSeconds(2)),
                            Clock.systemUTC(),
                            Duration.ofSeconds(10)),
                    Clock.systemUTC(),
                    d -> {},
                    Map.of(
                            "VIGIL_DEMO_PASSWORD", DemoCredentials.PASSWORD,
                            "VIGIL_DEMO_PARTNER_KEY", DemoCredentials.PARTNER_API_KEY,
                            "VIGIL_DEMO_PARTNER_SECRET", DemoCredentials.PARTNER_CLIENT_SECRET));
            ScanResult result = runner.run(request);
            Files.writeString(Path.of("target", "demo-scan-" + mode + ".json"), result.render(ScanResult.Format.JSON));
            return result;
        }
    }

    private static Set<String> found(ScanResult r, Severity atLeast) {
        return r.findings().stream()
                .map(ReportedFinding::finding)
                .filter(f -> f.severity().atLeast(atLeast))
                .map(f -> f.testId() + " " + f.operation())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void findsEveryPlantedFlawInVulnerableModeAndOnlyTheKnownRateLimitGapInSecureMode() throws Exception {
        ScanResult vulnerable = scan(DemoMode.VULNERABLE);
        ScanResult secure = scan(DemoMode.SECURE);
        System.out.println("vulnerable: " + found(vulnerable, Severity.INFO));
        System.out.println("secure: " + found(secure, Severity.INFO));
        System.out.println("requests vulnerable=" + vulnerable.report().engine().requests() + " secure="
                + secure.report().engine().requests() + " by purpose "
                + secure.report().engine().requestsByPurpose());
        System.out.println("warnings: " + vulnerable.report().engine().warnings()
                + secure.report().engine().warnings());
        assertThat(found(vulnerable, Severity.INFO)).containsAll(PLANTED);
        // secure mode rate-limits every caller; vulnerable mode's missing limit is a planted flaw
        assertThat(found(vulnerable, Severity.MEDIUM)).anyMatch(f -> f.startsWith("rate-limit-missing "));
        assertThat(found(secure, Severity.MEDIUM)).isEmpty();
        assertThat(secure.exitCode()).isZero();
        assertThat(vulnerable.report().engine().warnings()).isEmpty();
        assertThat(secure.report().engine().warnings()).isEmpty();
        assertThat(vulnerable.exitCode()).isEqualTo(1);
    }
}
