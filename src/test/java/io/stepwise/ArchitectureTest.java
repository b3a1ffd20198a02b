package io.stepwise;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

/**
 * The package table of docs/architecture.md, enforced. The language and the interpreter stay pure
 * (no Spring, no JDBC); SQL stays in the store; nothing depends on config.
 */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stepwise");

    static final ArchRule LAYERS = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
            // packages of later features (console, task, ...) may not exist yet
            .withOptionalLayers(true)
            .layer("asl").definedBy("io.stepwise.asl..")
            .layer("engine").definedBy("io.stepwise.engine..")
            .layer("store").definedBy("io.stepwise.store..")
            .layer("task").definedBy("io.stepwise.task..")
            .layer("activity").definedBy("io.stepwise.activity..")
            .layer("worker").definedBy("io.stepwise.worker..")
            .layer("maintenance").definedBy("io.stepwise.maintenance..")
            .layer("jobs").definedBy("io.stepwise.jobs..")
            .layer("schedule").definedBy("io.stepwise.schedule..")
            .layer("security").definedBy("io.stepwise.security..")
            .layer("api").definedBy("io.stepwise.api..")
            .layer("observability").definedBy("io.stepwise.observability..")
            .layer("console").definedBy("io.stepwise.console..")
            .layer("config").definedBy("io.stepwise.config..")
            .whereLayer("config").mayNotBeAccessedByAnyLayer()
            .whereLayer("console").mayNotBeAccessedByAnyLayer()
            .whereLayer("api").mayOnlyBeAccessedByLayers("console", "config")
            .whereLayer("jobs").mayOnlyBeAccessedByLayers("schedule", "api", "console", "config")
            .whereLayer("security").mayOnlyBeAccessedByLayers("api", "console", "config")
            .whereLayer("observability").mayOnlyBeAccessedByLayers("config")
            .whereLayer("maintenance").mayOnlyBeAccessedByLayers("observability", "config")
            .whereLayer("schedule").mayOnlyBeAccessedByLayers("api", "observability", "config")
            .whereLayer("worker").mayOnlyBeAccessedByLayers("observability", "config")
            .whereLayer("activity").mayOnlyBeAccessedByLayers("worker", "api", "observability", "config")
            .whereLayer("task").mayOnlyBeAccessedByLayers("worker", "activity", "config")
            .whereLayer("store").mayOnlyBeAccessedByLayers("worker", "activity", "maintenance", "jobs", "schedule",
                    "security", "api", "observability", "console", "config")
            .whereLayer("engine").mayOnlyBeAccessedByLayers("store", "worker", "activity", "maintenance", "jobs",
                    "schedule", "api", "observability", "console", "config")
            .whereLayer("asl").mayOnlyBeAccessedByLayers("engine", "store", "task", "worker", "activity",
                    "maintenance", "jobs", "schedule", "api", "observability", "console", "config");

    static final ArchRule PURE_LANGUAGE = noClasses().that().resideInAnyPackage("io.stepwise.asl..", "io.stepwise.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
                    "jakarta.persistence..");

    static final ArchRule SQL_ONLY_IN_STORE = noClasses().that().resideOutsideOfPackage("io.stepwise.store..")
            .and().resideOutsideOfPackage("io.stepwise.config..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..");

    static final ArchRule NO_CYCLES = slices().matching("io.stepwise.(*)..").should().beFreeOfCycles();

    @Test
    void packagesOnlyUseWhatTheTableAllows() {
        LAYERS.check(CLASSES);
    }

    @Test
    void theLanguageAndInterpreterArePureJava() {
        PURE_LANGUAGE.check(CLASSES);
    }

    @Test
    void onlyTheStoreTalksSql() {
        SQL_ONLY_IN_STORE.check(CLASSES);
    }

    @Test
    void packagesHaveNoCycles() {
        NO_CYCLES.check(CLASSES);
    }
}
