package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AlertAndFindingStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @RegisterExtension
    static final FreshDatabase DB = new FreshDatabase();

    private final MutableClock clock = new MutableClock(T0);
    private AlertStore alerts;
    private FindingStore findings;

    @BeforeEach
    void emptyTables() {
        DB.truncate();
        alerts = new AlertStore(DB.database().jdbi());
        findings = new FindingStore(DB.database().jdbi(), clock);
    }

    private static AlertStore.StoredAlert alert(Instant at, String detector) {
        return new AlertStore.StoredAlert(
                at,
                "/api",
                detector,
                "block",
                "high",
                "user-1",
                "203.0.113.9",
                JsonNodeFactory.instance.objectNode().put("detector", detector));
    }

    private static FindingStore.StoredFinding finding(String fingerprint, String severity, String title) {
        return new FindingStore.StoredFinding(
                fingerprint,
                "bola-swap-identity",
                severity,
                "API1:2023",
                "CWE-639",
                "GET",
                "bank.example.com",
                "/accounts/{accountId}",
                title,
                null,
                JsonNodeFactory.instance.objectNode().put("title", title));
    }

    @Test
    void alertsComeBackNewestFirst() {
        alerts.add(List.of(alert(T0, "injection"), alert(T0.plusSeconds(5), "enumeration")));
        assertThat(alerts.recent(10))
                .extracting(AlertStore.StoredAlert::detector)
                .containsExactly("enumeration", "injection");
        assertThat(alerts.recent(1)).hasSize(1);
        assertThat(alerts.count()).isEqualTo(2);
    }

    @Test
    void findingsAreDeduplicatedByFingerprintAndRankedBySeverity() {
        assertThat(findings.upsert(
                        List.of(finding("a", "medium", "Missing security headers"), finding("b", "high", "BOLA"))))
                .isEqualTo(2);
        clock.advance(Duration.ofHours(1));
        assertThat(findings.upsert(List.of(finding("b", "high", "BOLA again")))).isZero();

        List<FindingStore.StoredFinding> all = findings.all();
        assertThat(all).extracting(FindingStore.StoredFinding::fingerprint).containsExactly("b", "a");
        assertThat(all.get(0).title()).isEqualTo("BOLA again");
        assertThat(all.get(0).status()).isEqualTo("open");
    }
}
