package io.holdfast.it;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module rules of docs/architecture.md (DESIGN §2), on the compiled classes of every module. Maven
 * already stops compile-time dependencies that a pom does not declare; this also stops a pom from
 * quietly declaring one it must not.
 */
class ModuleBoundariesTest {

    private static final String HOST = "io.holdfast.host..";
    private static final String PLUGIN_API = "io.holdfast.plugin.api..";
    private static final String POLICY = "io.holdfast.policy..";
    private static final String BRIDGE = "io.holdfast.bridge..";
    private static final String BACKUP = "io.holdfast.backup..";

    private static JavaClasses classes;

    @BeforeAll
    static void importAll() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.holdfast");
    }

    @Test
    void hostKnowsPluginsOnlyThroughThePluginApi() {
        noClasses().that().resideInAPackage(HOST)
                .should().dependOnClassesThat().resideInAnyPackage(BACKUP, BRIDGE, POLICY)
                .check(classes);
    }

    @Test
    void pluginApiDependsOnNothingOfOursAndNoSpring() {
        classes().that().resideInAPackage(PLUGIN_API)
                .should().onlyDependOnClassesThat().resideInAnyPackage(PLUGIN_API, "java..", "javax.sql..", "com.vaadin.flow.component..")
                .check(classes);
    }

    @Test
    void policiesArePureJava() {
        classes().that().resideInAPackage(POLICY)
                .should().onlyDependOnClassesThat().resideInAnyPackage(POLICY, "java..")
                .check(classes);
    }

    @Test
    void bridgeDependsOnPoliciesAtMostAndNoSpring() {
        noClasses().that().resideInAPackage(BRIDGE)
                .should().dependOnClassesThat().resideInAnyPackage(HOST, BACKUP, PLUGIN_API, "org.springframework..", "com.vaadin..")
                .check(classes);
    }

    /**
     * The plugin runs inside any host that implements plugin-api on Spring Boot + Vaadin (DESIGN §3a): it may
     * use the JDBC, transaction and retry helpers such a host ships (spring-jdbc, spring-tx and the spring-core
     * they stand on), never the host's classes, its container or Boot.
     */
    @Test
    void pluginNeverReachesIntoTheHost() {
        noClasses().that().resideInAPackage(BACKUP)
                .should().dependOnClassesThat().resideInAPackage(HOST)
                .check(classes);
        noClasses().that().resideInAPackage(BACKUP)
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.springframework..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(
                                "org.springframework.jdbc..", "org.springframework.transaction..", "org.springframework.dao..",
                                "org.springframework.core.retry.."))))
                .check(classes);
    }

    /** Package by feature: the plugin's features (storage, catalog, job, bridge, ...) never depend on each other in a circle. */
    @Test
    void pluginFeaturesAreFreeOfCycles() {
        SlicesRuleDefinition.slices().matching("io.holdfast.backup.(*)..").should().beFreeOfCycles().check(classes);
    }
}
