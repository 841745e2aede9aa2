package dev.vigil.scan.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison kinds need their proof condition, {@code proven} fits only them, and their parameters load. */
class ComparisonKindsCatalogTest {
    private final CatalogLoader loader = new CatalogLoader();

    private static String test(String id, String mutation, String condition) {
        return """
                version: 1
                tests:
                  - id: %s
                    title: a test
                    severity: low
                    owasp: API8:2023
                    cwe: [1]
                    remediation: fix it
                    mutation: %s
                    vulnerableIf:
                      - %s
                """.formatted(id, mutation, condition);
    }

    @Test
    void loadsEveryComparisonKindWithItsParameters() {
        Catalog c = loader.parse(Map.of(
                "a.yaml",
                test("roles", "{kind: compare-roles, rule: lower-role-sees-more}", "proven: true"),
                "b.yaml",
                test("pages", "{kind: oversized-page, huge: 5000, cap: 200}", "proven: true"),
                "c.yaml",
                test("body", "{kind: oversized-body, bytes: 2048}", "status: [2xx]"),
                "d.yaml",
                test(
                        "paths",
                        "{kind: probe-paths, probes: [{path: /metrics, proof: [\"^# HELP \"]}]}",
                        "proven: true")));
        assertThat(c.tests())
                .extracting(CatalogTest::mutation)
                .containsExactlyInAnyOrder(
                        new Mutation.CompareRoles(Mutation.RoleRule.LOWER_ROLE_SEES_MORE),
                        new Mutation.OversizedPage(5000, 200),
                        new Mutation.OversizedBody(2048),
                        c.tests().stream()
                                .map(CatalogTest::mutation)
                                .filter(m -> m instanceof Mutation.ProbePaths)
                                .findFirst()
                                .orElseThrow());
        Mutation.ProbePaths probes = (Mutation.ProbePaths) c.tests().stream()
                .filter(t -> t.id().equals("paths"))
                .findFirst()
                .orElseThrow()
                .mutation();
        assertThat(probes.probes().getFirst().method()).isEqualTo("GET");
    }

    @Test
    void refusesAComparisonKindWithoutProvenAndProvenOnAnyOtherKind() {
        CatalogException e = catchThrowableOfType(
                CatalogException.class,
                () -> loader.parse(Map.of(
                        "a.yaml", test("roles", "{kind: compare-roles}", "status: [2xx]"),
                        "b.yaml", test("inj", "{kind: inject, payloads: [x]}", "proven: true"),
                        "c.yaml", test("pages", "{kind: oversized-page, huge: 10, cap: 10}", "proven: true"))));
        assertThat(e.problems())
                .anyMatch(p -> p.contains("(roles)") && p.contains("needs its proof condition (proven)"))
                .anyMatch(p -> p.contains("(inj)") && p.contains("requires mutation compare-roles"))
                .anyMatch(p -> p.contains("(pages)"));
    }
}
