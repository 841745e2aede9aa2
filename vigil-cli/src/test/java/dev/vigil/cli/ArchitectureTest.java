package dev.vigil.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module and package boundaries the house style asks for, checked on the compiled code. */
class ArchitectureTest {
    private static JavaClasses vigil;

    @BeforeAll
    static void importClasses() {
        vigil = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.vigil");
    }

    @Test
    void coreKnowsNothingOfServersSqlOrTheCommandLine() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.vigil.traffic..", "dev.vigil.discovery..", "dev.vigil.classify..", "dev.vigil.openapi..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.vigil.store..",
                        "dev.vigil.server..",
                        "dev.vigil.cli..",
                        "dev.vigil.demo..",
                        "io.javalin..",
                        "org.jdbi..",
                        "java.sql..",
                        "picocli..")
                .check(vigil);
    }

    @Test
    void storeAndServerDoNotReachIntoTheCommandLine() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.vigil.store..", "dev.vigil.server..", "dev.vigil.demo..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vigil.cli..", "picocli..")
                .check(vigil);
    }

    @Test
    void theDemoApiIsIndependentOfVigilsEngines() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.demo..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.vigil.discovery..", "dev.vigil.classify..", "dev.vigil.openapi..", "dev.vigil.store..")
                .check(vigil);
    }

    @Test
    void packagesAreNamedByFeatureNotByLayer() {
        noClasses()
                .should()
                .resideInAnyPackage("..util..", "..utils..", "..common..", "..impl..", "..manager..", "..helpers..")
                .check(vigil);
        noClasses().should().haveSimpleNameEndingWith("Impl").check(vigil);
    }

    @Test
    void publicExceptionsAreUnchecked() {
        classes()
                .that()
                .areAssignableTo(Exception.class)
                .and()
                .areTopLevelClasses()
                .and()
                .arePublic()
                .and()
                .resideInAPackage("dev.vigil..")
                .should()
                .beAssignableTo(RuntimeException.class)
                .check(vigil);
    }
}
