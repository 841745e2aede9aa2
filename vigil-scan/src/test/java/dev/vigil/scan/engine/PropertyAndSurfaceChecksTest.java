package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.engine.ClinicApi.Flaw;
import dev.vigil.scan.http.JdkTransport;
import dev.vigil.scan.identity.IdentitiesLoader;
import dev.vigil.scan.surface.Target;
import dev.vigil.scan.surface.TargetLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property exposure, page size, body size, unexpected methods and debug paths against {@link
 * ClinicApi}: each flaw is flagged with its field, parameter, method or path, and each safe twin
 * (masked for everyone, same view for list and item, a cap that rejects or clamps, too little data,
 * 413, 405, catch-all routes) stays quiet.
 */
class PropertyAndSurfaceChecksTest {
    private static final List<String> TESTS = List.of(
            "property-exposure-beyond-owner",
            "property-exposure-lower-role",
            "property-exposure-list",
            "page-size-unbounded",
            "oversized-body-accepted",
            "trace-enabled",
            "undocumented-method",
            "debug-endpoint-exposed");

    private static List<String> scan(Set<Flaw> flaws, int events) throws Exception {
        try (ClinicApi api = new ClinicApi(flaws, events)) {
            Target target = new TargetLoader(Map.of()).build(api.baseUrl(), List.of(), Optional.of(ClinicApi.SPEC));
            String host = api.baseUrl().getHost() + ":" + api.baseUrl().getPort();
            ScanPolicy policy = new ScanPolicy(Set.of(host), true, 2000, 0, 2, false, Duration.ofMillis(100));
            return new ScanEngine(
                            new JdkTransport(
                                    JdkTransport.defaultClient(Duration.ofSeconds(2)),
                                    Clock.systemUTC(),
                                    Duration.ofSeconds(5)),
                            Clock.systemUTC(),
                            d -> {})
                            .run(
                                    target,
                                    new IdentitiesLoader(Map.of()).parse(ClinicApi.IDENTITIES, "ids.yaml"),
                                    new CatalogLoader().load(List.of()).only(TESTS),
                                    policy,
                                    Optional.empty())
                            .findings()
                            .stream()
                            .map(f -> f.testId() + " " + f.operation() + " " + f.identity() + " " + f.location())
                            .sorted()
                            .toList();
        }
    }

    @Test
    void flagsAStaffViewCarryingTheNationalIdThePatientSeesMasked() throws Exception {
        assertThat(scan(Set.of(Flaw.STAFF_UNMASKED), 10))
                .containsExactly("property-exposure-beyond-owner GET /patients/{patientId} nurse field:$.ssn");
    }

    @Test
    void staysQuietWhenAnotherIdentityIsServedADifferentObjectThanTheOwners() throws Exception {
        assertThat(scan(Set.of(Flaw.SELF_FOR_ANY_ID), 10)).isEmpty();
    }

    @Test
    void staysQuietWhenTheRepeatedReadIsRateLimitedAndSoLooksVolatile() throws Exception {
        assertThat(scan(Set.of(Flaw.THROTTLED_REPEAT), 10)).isEmpty();
    }

    @Test
    void flagsASecretALowerRoleReceivesAndAHigherRoleDoesNot() throws Exception {
        assertThat(scan(Set.of(Flaw.LOWER_ROLE_SECRET), 10))
                .containsExactly("property-exposure-lower-role GET /patients/{patientId} nurse field:$.internalNotes");
    }

    @Test
    void flagsAListCarryingPasswordHashesItsItemReadLeavesOut() throws Exception {
        assertThat(scan(Set.of(Flaw.LIST_SECRET), 10))
                .containsExactly("property-exposure-list GET /patients nurse field:$.passwordHash");
    }

    @Test
    void flagsAPageSizeWithoutCapWhenTheDataExceedsTheBound() throws Exception {
        assertThat(scan(Set.of(Flaw.UNCAPPED_PAGE), 1500))
                .containsExactly("page-size-unbounded GET /events pat query:limit");
    }

    @Test
    void staysQuietWhenThereIsTooLittleDataToProveAMissingCap() throws Exception {
        assertThat(scan(Set.of(Flaw.UNCAPPED_PAGE), 300)).isEmpty();
    }

    @Test
    void staysQuietWhenLargePagesAreClampedSilently() throws Exception {
        assertThat(scan(Set.of(Flaw.SILENT_CAP), 1500)).isEmpty();
    }

    @Test
    void flagsAnOversizedBodyAcceptedAndTraceAndActuatorAndAnUndocumentedPut() throws Exception {
        assertThat(scan(Set.of(Flaw.BIG_BODY, Flaw.TRACE, Flaw.ACTUATOR, Flaw.PUT_ON_READ), 10))
                .containsExactly(
                        "debug-endpoint-exposed GET /actuator/env anonymous path:/actuator/env",
                        "oversized-body-accepted POST /notes pat body:text",
                        "trace-enabled GET /appointments anonymous method:TRACE",
                        "undocumented-method GET /patients/{patientId} pat method:PUT");
    }

    @Test
    void staysQuietOnTheSafeTwinAndOnACatchAllThatAnswersEveryPath() throws Exception {
        assertThat(scan(Set.of(), 1500)).isEmpty();
        assertThat(scan(Set.of(Flaw.HAL_CATCH_ALL), 1500)).isEmpty();
    }
}
