package dev.vigil.openapi;

import static dev.vigil.openapi.Observed.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.Exposure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpecDiffTest {
    static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");
    static final Instant RECENT = NOW.minus(Duration.ofDays(1));
    static final String USER_OK =
            "{'type':'object','properties':{'id':{'type':'integer'},'name':{'type':'string'},'nickname':{'type':['null','string']}}}";
    static final String ERROR_OK =
            "{'type':'object','properties':{'code':{'type':'string'},'message':{'type':'string'}}}";

    static DiffReport report;

    @BeforeAll
    static void diff() {
        SpecImporter importer = new SpecImporter();
        List<ApiSpec> specs = List.of(
                importer.read(SpecImporterTest.SPECS.resolve("shop-1.0.yaml")),
                importer.read(SpecImporterTest.SPECS.resolve("shop-2.0.yaml")),
                importer.read(SpecImporterTest.SPECS.resolve("billing-v1.yaml")),
                importer.read(SpecImporterTest.SPECS.resolve("billing-v2.yaml")),
                importer.read(SpecImporterTest.SPECS.resolve("petstore-swagger2.yaml")));
        report = new SpecDiff(
                        new DiffConfig(Duration.ofDays(30), Set.of("*.internal")), Clock.fixed(NOW, ZoneOffset.UTC))
                .diff(inventory(), specs);
    }

    static List<Endpoint> inventory() {
        return List.of(
                // Literal /users/me documents no 4XX; the templated /users/{id}/ does.
                call("GET", "shop.example.com/api/users/me", RECENT)
                        .response(200, USER_OK)
                        .status(404)
                        .build(),
                call("HEAD", "shop.example.com/api/users/me", RECENT)
                        .status(200)
                        .build(),
                call("GET", "shop.example.com/api/users/{userId}", RECENT)
                        .response(
                                200,
                                "{'type':'object','properties':{'id':{'type':'integer'},'name':{'type':'string'},"
                                        + "'nickname':{'type':'null'},'address':{'type':'object','properties':{'city':{'type':'string'}}},"
                                        + "'ssn':{'type':'string'}}}")
                        .response(404, ERROR_OK)
                        .status(500)
                        .build(),
                call("GET", "shop.example.com/api/users/42", RECENT)
                        .response(200, USER_OK)
                        .build(),
                call("POST", "shop.example.com/api/users", RECENT)
                        .request(
                                "application/json",
                                "{'type':'object','properties':{'name':{'type':'string'},'age':{'type':'string'}}}")
                        .request("application/xml", "{'type':'string'}")
                        .response(201, "application/json; charset=utf-8", USER_OK)
                        .response(409, "application/problem+json", ERROR_OK)
                        .build(),
                call("GET", "shop.example.com/api/orders", NOW.minus(Duration.ofDays(31)))
                        .query("page", "filter[status]", "from", "debug")
                        .header("x-tenant", "X-API-Key", "User-Agent", "X-Forwarded-For", "X-Debug-Mode")
                        .status(200)
                        .build(),
                call("OPTIONS", "shop.example.com/api/orders", RECENT)
                        .status(204)
                        .build(),
                call("GET", "shop.example.com/api/legacy/report", NOW.minus(Duration.ofDays(29)))
                        .status(200)
                        .build(),
                call("GET", "shop.example.com/api/export", RECENT).status(200).build(),
                call("GET", "shop.example.com/api/admin/dump", RECENT)
                        .status(200)
                        .build(),
                // Only "not found" answers: a probe and a properly removed route, nothing lives there.
                call("GET", "shop.example.com/api/.env", RECENT).status(404).build(),
                call("GET", "shop.example.com/api/archive", RECENT)
                        .status(404)
                        .status(410)
                        .build(),
                call("GET", "shop.example.com/billing/v1/statements/{id}", RECENT)
                        .status(404)
                        .build(),
                call("GET", "shop.example.com/billing/v2/statements/{id}", RECENT)
                        .status(200)
                        .build(),
                call("POST", "api.stripe.com/v1/charges", RECENT)
                        .exposure(Exposure.THIRD_PARTY)
                        .status(200)
                        .build(),
                call("GET", "shop.example.com/billing/v1/invoices/{id}", RECENT)
                        .status(200)
                        .build(),
                call("GET", "shop.example.com/billing/v1/statements", RECENT)
                        .status(200)
                        .build(),
                call("GET", "shop.example.com/billing/v2/invoices/{invoiceId}", RECENT)
                        .status(200)
                        .build(),
                call("GET", "v1.partner.example.com/orders/{id}", RECENT)
                        .status(200)
                        .build(),
                call("GET", "v2.partner.example.com/orders/{orderId}", RECENT)
                        .status(200)
                        .build(),
                call("GET", "pets.example.com/v1/pets/{petId}", RECENT)
                        .response(
                                200,
                                "{'type':'object','properties':{'id':{'type':'integer'},'name':{'type':'string'}}}")
                        .build(),
                call("GET", "shop.example.com/v1/pets/{petId}", RECENT)
                        .status(200)
                        .build(),
                call("GET", "metrics.internal/metrics", RECENT).status(200).build());
    }

    static List<String> found(FindingKind kind) {
        return report.findings().stream()
                .filter(f -> f.kind() == kind)
                .map(f -> f.method() + " " + f.host() + f.path())
                .toList();
    }

    static List<String> details(FindingKind kind, String methodAndTarget) {
        return report.findings().stream()
                .filter(f -> f.kind() == kind && (f.method() + " " + f.host() + f.path()).equals(methodAndTarget))
                .map(DiffFinding::detail)
                .toList();
    }

    @Test
    void reportsUndocumentedEndpointsAsShadow() {
        assertThat(found(FindingKind.SHADOW))
                .containsExactlyInAnyOrder(
                        "GET shop.example.com/api/admin/dump",
                        "GET shop.example.com/billing/v2/statements/{id}",
                        "GET v1.partner.example.com/orders/{id}",
                        "GET v2.partner.example.com/orders/{orderId}",
                        // The petstore names its host, and that host is in the inventory: other hosts are not its.
                        "GET shop.example.com/v1/pets/{petId}");
    }

    @Test
    void literalDocumentedRouteBeatsTemplatedOne() {
        assertThat(details(FindingKind.DRIFT_UNDOCUMENTED_STATUS, "GET shop.example.com/api/users/me"))
                .containsExactly("status 404 not documented (documented: 200)");
        assertThat(details(FindingKind.DRIFT_UNDOCUMENTED_STATUS, "GET shop.example.com/api/users/{userId}"))
                .containsExactly("status 500 not documented (documented: 200, 4XX)");
        assertThat(found(FindingKind.UNSEEN))
                .doesNotContain("GET shop.example.com/api/users/me", "GET shop.example.com/api/users/{id}/");
    }

    @Test
    void concreteObservedPathMatchesDocumentedTemplate() {
        assertThat(report.findings()).noneMatch(f -> f.path().equals("/api/users/42"));
    }

    @Test
    void headAndOptionsAnsweredForDocumentedRoutesAreNotShadow() {
        assertThat(report.findings())
                .noneMatch(f -> f.method().equals("HEAD") || f.method().equals("OPTIONS"));
    }

    @Test
    void routesAnsweringOnlyNotFoundAreNeitherShadowNorZombie() {
        assertThat(report.findings())
                .noneMatch(f -> f.path().equals("/api/.env")
                        || f.path().equals("/api/archive")
                        || f.path().equals("/billing/v1/statements/{id}"));
    }

    @Test
    void reportsDeprecatedOperationsStillCalled() {
        assertThat(found(FindingKind.ZOMBIE_DEPRECATED)).containsExactly("GET shop.example.com/api/legacy/report");
    }

    @Test
    void reportsOperationsRemovedFromTheNewestSpecThatStillAnswer() {
        assertThat(found(FindingKind.ZOMBIE_REMOVED)).containsExactly("GET shop.example.com/api/export");
        assertThat(details(FindingKind.ZOMBIE_REMOVED, "GET shop.example.com/api/export")
                        .getFirst())
                .contains("shop-1.0.yaml (version 1.0.0)")
                .contains("removed from")
                .contains("shop-2.0.yaml (version 2.0.0)");
    }

    @Test
    void reportsOldVersionsAnsweringNextToNewerOnesInPathOrHost() {
        assertThat(found(FindingKind.ZOMBIE_OLD_VERSION))
                .containsExactlyInAnyOrder(
                        "GET shop.example.com/billing/v1/invoices/{id}", "GET v1.partner.example.com/orders/{id}");
        assertThat(details(FindingKind.ZOMBIE_OLD_VERSION, "GET shop.example.com/billing/v1/invoices/{id}"))
                .containsExactly(
                        "version v2 exists while v1 still answers: documented GET /billing/v2/invoices/{id} in "
                                + SpecImporterTest.SPECS.resolve("billing-v2.yaml"));
    }

    @Test
    void sideBySideVersionSpecsAreBothCurrent() {
        // billing v1 and v2 live under different base paths: v1 is old, not removed, and fully documented.
        assertThat(report.findings())
                .noneMatch(f -> f.path().startsWith("/billing/v1/statements")
                        || f.path().startsWith("/billing/v2/invoices"));
        assertThat(report.findings())
                .filteredOn(f -> f.path().startsWith("/billing/v1/invoices"))
                .extracting(DiffFinding::kind)
                .containsExactly(FindingKind.ZOMBIE_OLD_VERSION);
    }

    @Test
    void reportsEndpointsNotSeenForLongerThanTheZombieAge() {
        assertThat(found(FindingKind.ZOMBIE_STALE)).containsExactly("GET shop.example.com/api/orders");
        assertThat(details(FindingKind.ZOMBIE_STALE, "GET shop.example.com/api/orders"))
                .containsExactly("last seen 2026-10-20T00:00:00Z (31 days ago; zombie after 30 days)");
    }

    @Test
    void reportsUndocumentedFieldsButNotDocumentedOrNullableOnes() {
        assertThat(details(FindingKind.DRIFT_NEW_FIELD, "GET shop.example.com/api/users/{userId}"))
                .containsExactly("response 200 application/json $.ssn: field not in documented schema");
        assertThat(found(FindingKind.DRIFT_NEW_FIELD)).doesNotContain("GET shop.example.com/api/users/me");
    }

    @Test
    void reportsTypeChangesInRequestBodiesAndUndocumentedMediaTypes() {
        assertThat(details(FindingKind.DRIFT_TYPE_CHANGE, "POST shop.example.com/api/users"))
                .containsExactlyInAnyOrder(
                        "request application/json $.age: documented integer, observed string",
                        "request media type application/xml not documented (documented: application/json)");
    }

    @Test
    void defaultResponseDocumentsEveryStatusAndErrorBodies() {
        assertThat(found(FindingKind.DRIFT_UNDOCUMENTED_STATUS)).doesNotContain("POST shop.example.com/api/users");
        assertThat(report.findings())
                .noneMatch(f -> f.path().equals("/api/users") && f.detail().startsWith("response"));
    }

    @Test
    void reportsUndocumentedQueryAndHeaderParametersOnly() {
        assertThat(details(FindingKind.DRIFT_UNDOCUMENTED_PARAMETER, "GET shop.example.com/api/orders"))
                .containsExactlyInAnyOrder(
                        "query parameter 'debug' not documented", "header parameter 'X-Debug-Mode' not documented");
    }

    @Test
    void reportsDocumentedButNeverObservedOperationsOfNewestSpecs() {
        assertThat(found(FindingKind.UNSEEN))
                .containsExactlyInAnyOrder("GET shop.example.com/api/health", "GET pets.example.com/v1/pets");
    }

    @Test
    void reportsThirdPartyCallsAsSuchAndNotAsShadowOrOldVersion() {
        assertThat(found(FindingKind.THIRD_PARTY)).containsExactly("POST api.stripe.com/v1/charges");
        assertThat(report.findings())
                .filteredOn(f -> f.host().equals("api.stripe.com"))
                .extracting(DiffFinding::kind)
                .containsExactly(FindingKind.THIRD_PARTY);
    }

    @Test
    void leavesIgnoredHostsOut() {
        assertThat(report.findings()).noneMatch(f -> f.host().endsWith(".internal"));
        assertThat(report.observedEndpoints()).isEqualTo(inventory().size() - 1);
    }

    @Test
    void swagger2SpecDrivesTheDiffToo() {
        assertThat(report.findings())
                .noneMatch(f -> f.host().equals("pets.example.com") && f.kind() != FindingKind.UNSEEN);
    }

    @Test
    void jsonReportMatchesGoldenFile() throws IOException {
        Path golden = Path.of("src/test/resources/SpecDiffTest/report.json");
        if (Boolean.getBoolean("vigil.updateGolden")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, report.toJson(), StandardCharsets.UTF_8);
        }
        assertThat(report.toJson()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
