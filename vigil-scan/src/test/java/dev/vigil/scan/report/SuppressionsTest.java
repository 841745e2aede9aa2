package dev.vigil.scan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.scan.Finding;
import dev.vigil.scan.ScanException;
import dev.vigil.scan.Severity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
    private static final Finding F = new Finding(
            "missing-nosniff",
            "t",
            Severity.LOW,
            0.9,
            "API8:2023",
            List.of("CWE-693"),
            "api.example.com:8443",
            "GET",
            "/api/items",
            "alice",
            "",
            "",
            "",
            List.of());

    @Test
    void matchesByTestAndPathGlobUntilItExpires() {
        Suppressions s = Suppressions.parse(
                "suppressions:\n  - {test: missing-nosniff, path: \"/api/**\", reason: set by the CDN, expires: 2026-06-30}\n",
                "s.yaml");
        assertThat(s.match(F, F.fingerprint(), LocalDate.parse("2026-06-30"))).isPresent();
        assertThat(s.match(F, F.fingerprint(), LocalDate.parse("2026-07-01"))).isEmpty();
    }

    @Test
    void matchesByFingerprintWhichIgnoresThePort() {
        Finding elsewhere = new Finding(
                "missing-nosniff",
                "t",
                Severity.LOW,
                0.5,
                "API8:2023",
                List.of(),
                "api.example.com:9000",
                "GET",
                "/api/items",
                "alice",
                "",
                "other detail",
                "",
                List.of());
        assertThat(elsewhere.fingerprint()).isEqualTo(F.fingerprint());
        Suppressions s = Suppressions.parse(
                "suppressions:\n  - {fingerprint: " + F.fingerprint() + ", reason: accepted risk}\n", "s.yaml");
        assertThat(s.match(elsewhere, elsewhere.fingerprint(), LocalDate.EPOCH)).isPresent();
    }

    @Test
    void reportsEveryInvalidRule() {
        assertThatThrownBy(() -> Suppressions.parse(
                        "suppressions:\n  - {test: a}\n  - {test: b, fingerprint: c, reason: why not, expires: soon}\n",
                        "s.yaml"))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("suppressions[0].reason: required")
                .hasMessageContaining("suppressions[1]: give exactly one of")
                .hasMessageContaining("suppressions[1].expires");
    }
}
