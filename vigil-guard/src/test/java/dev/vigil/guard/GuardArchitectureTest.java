package dev.vigil.guard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The proxy (Netty) stays in the root package; detection, policy and alerts know nothing of it. */
class GuardArchitectureTest {
    static final JavaClasses GUARD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil.guard");

    @Test
    void detectionPolicyAndAlertsDoNotDependOnNetty() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.vigil.guard.detect..", "dev.vigil.guard.policy..", "dev.vigil.guard.alert..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.netty..")
                .check(GUARD);
    }

    @Test
    void detectionDependsOnNeitherPolicyNorProxy() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.guard.detect..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vigil.guard", "dev.vigil.guard.policy..", "dev.vigil.guard.alert..")
                .check(GUARD);
    }

    @Test
    void policyAndAlertsDoNotReachIntoTheProxy() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.vigil.guard.policy..", "dev.vigil.guard.alert..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.vigil.guard")
                .check(GUARD);
    }
}
