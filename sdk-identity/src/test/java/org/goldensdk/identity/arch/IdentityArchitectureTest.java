package org.goldensdk.identity.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.goldensdk.core.arch.ModuleRules;

@AnalyzeClasses(packages = "org.goldensdk.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class IdentityArchitectureTest {

    @ArchTest
    static final ArchRule publicApiExposesNoInternalNimbusOrOkHttpType =
            ModuleRules.publicApiHidesInternals("org.goldensdk.identity", "com.nimbusds", "okhttp3");

    @ArchTest
    static final ArchRule publicConstructorsExposeNoInternalType =
            ModuleRules.publicConstructorsHideInternals("org.goldensdk.identity");

    @ArchTest
    static final ArchRule internalTypesAreUsedOnlyByThisModule = ModuleRules.internalTypesStayInternal("org.goldensdk.identity");

    /** Identity reaches exchange and portal only through core's TokenSource (DESIGN §2), and uses core's public API only. */
    @ArchTest
    static final ArchRule identityDependsOnNoGoldenModuleButCore = ModuleRules.dependsOnNoneOf("org.goldensdk.identity",
            "org.goldensdk.exchange..", "org.goldensdk.portal..", "org.goldensdk.sandbox..", "org.goldensdk.testkit..",
            "org.goldensdk.cxf..", "org.goldensdk.core.internal..", "okhttp3..");

    /**
     * The servlet, JAX-RS and CXF APIs are optional dependencies: only the guard built on each may
     * touch it, so a user who only validates tokens or fetches app tokens runs without them.
     */
    @ArchTest
    static final ArchRule onlyTheServletFiltersTouchTheServletApi = noClasses()
            .that().resideInAPackage("org.goldensdk.identity..")
            .and().resideOutsideOfPackage("org.goldensdk.identity.internal.servlet..")
            .and().haveNameNotMatching("org\\.goldensdk\\.identity\\.SsoFilter(\\$.*)?")
            .and().haveNameNotMatching("org\\.goldensdk\\.identity\\.CasFilter(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..");

    @ArchTest
    static final ArchRule onlyTheJaxRsFilterTouchesJaxRs = noClasses()
            .that().resideInAPackage("org.goldensdk.identity..")
            .and().haveNameNotMatching("org\\.goldensdk\\.identity\\.BearerTokenFilter(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..");

    @ArchTest
    static final ArchRule onlyTheSoapInterceptorTouchesCxf = noClasses()
            .that().resideInAPackage("org.goldensdk.identity..")
            .and().haveNameNotMatching("org\\.goldensdk\\.identity\\.BearerTokenInterceptor(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.cxf..", "org.eclipse.jetty..");

    /** The servlet helpers serve the two filters only. */
    @ArchTest
    static final ArchRule theServletHelpersServeTheFiltersOnly = noClasses()
            .that().resideInAPackage("org.goldensdk.identity..")
            .and().resideOutsideOfPackage("org.goldensdk.identity.internal.servlet..")
            .and().haveNameNotMatching("org\\.goldensdk\\.identity\\.SsoFilter(\\$.*)?")
            .and().haveNameNotMatching("org\\.goldensdk\\.identity\\.CasFilter(\\$.*)?")
            .should().dependOnClassesThat().resideInAPackage("org.goldensdk.identity.internal.servlet..");
}
