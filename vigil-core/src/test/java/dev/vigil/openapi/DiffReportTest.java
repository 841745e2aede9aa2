package dev.vigil.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.discovery.Endpoint;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiffReportTest {
    private static DiffReport of(DiffFinding... findings) {
        return new DiffReport(List.of(findings), 3, 2);
    }

    private static final DiffFinding SHADOW =
            DiffFinding.of(FindingKind.SHADOW, "GET", "/admin", "a.example.com", "not documented");
    private static final DiffFinding STATUS =
            DiffFinding.of(FindingKind.DRIFT_UNDOCUMENTED_STATUS, "GET", "/x", "a.example.com", "status 500");
    private static final DiffFinding UNSEEN = DiffFinding.of(FindingKind.UNSEEN, "GET", "/health", "*", "never");

    @Test
    void exitCodeIsOneWhenAFindingReachesTheThreshold() {
        DiffReport report = of(STATUS, UNSEEN);

        assertThat(report.exitCode("info")).isEqualTo(1);
        assertThat(report.exitCode("LOW")).isEqualTo(1);
        assertThat(report.exitCode("medium")).isZero();
        assertThat(report.exitCode("high")).isZero();
        assertThat(report.exitCode("none")).isZero();
        assertThat(of(SHADOW).exitCode("high")).isEqualTo(1);
        assertThat(of().exitCode("info")).isZero();
    }

    @Test
    void unknownThresholdIsRejectedNamingTheValue() {
        assertThatThrownBy(() -> of().exitCode("critical"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'critical'");
    }

    @Test
    void sortsFindingsBySeverityThenKindThenEndpoint() {
        assertThat(of(UNSEEN, STATUS, SHADOW).findings()).containsExactly(SHADOW, STATUS, UNSEEN);
    }

    @Test
    void countsEveryKindAndSeverity() {
        DiffReport report = of(SHADOW, UNSEEN, UNSEEN);

        assertThat(report.counts()).hasSize(FindingKind.values().length);
        assertThat(report.counts().get(FindingKind.UNSEEN)).isEqualTo(2);
        assertThat(report.counts().get(FindingKind.ZOMBIE_STALE)).isZero();
        assertThat(report.countsBySeverity().get(Severity.HIGH)).isEqualTo(1);
    }

    @Test
    void textReportHasASummaryAndOneAlignedLinePerFinding() {
        String text = of(SHADOW, UNSEEN).toText();

        assertThat(text.lines().toList())
                .containsExactly(
                        "Spec diff: 3 observed endpoints, 2 documented operations, 2 findings (high 1, medium 0, low 0, info 1)",
                        "LEVEL   KIND    METHOD  ENDPOINT             DETAIL",
                        "HIGH    SHADOW  GET     a.example.com/admin  not documented",
                        "INFO    UNSEEN  GET     */health             never");
    }

    @Test
    void severityOfAFindingMustBeKnown() {
        assertThatThrownBy(() -> new DiffFinding(FindingKind.SHADOW, "urgent", "GET", "/", "h", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'urgent'");
    }

    @Test
    void jsonIsByteStableWhateverTheInventoryOrder() {
        List<ApiSpec> specs = List.of(
                new SpecImporter().read(SpecImporterTest.SPECS.resolve("shop-1.0.yaml")),
                new SpecImporter().read(SpecImporterTest.SPECS.resolve("shop-2.0.yaml")));
        SpecDiff diff = new SpecDiff(DiffConfig.defaults(), Clock.fixed(SpecDiffTest.NOW, ZoneOffset.UTC));
        List<Endpoint> inventory = new ArrayList<>(SpecDiffTest.inventory());
        String first = diff.diff(inventory, specs).toJson();
        Collections.shuffle(inventory, new Random(7));

        assertThat(diff.diff(inventory, specs).toJson()).isEqualTo(first);
    }
}
