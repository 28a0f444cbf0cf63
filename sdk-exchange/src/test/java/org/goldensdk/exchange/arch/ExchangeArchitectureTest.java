package org.goldensdk.exchange.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.goldensdk.core.arch.ModuleRules;
import org.goldensdk.exchange.ExchangeEndpoint;

@AnalyzeClasses(packages = "org.goldensdk.exchange", importOptions = ImportOption.DoNotIncludeTests.class)
class ExchangeArchitectureTest {

    private static final String ENDPOINT = "org.goldensdk.exchange.ExchangeEndpoint";
    private static final String ENDPOINT_HTTP = "org.goldensdk.exchange.internal.endpoint..";

    @ArchTest
    static final ArchRule publicApiExposesNoInternalType = ModuleRules.publicApiHidesInternals("org.goldensdk.exchange");

    @ArchTest
    static final ArchRule publicConstructorsExposeNoInternalType =
            ModuleRules.publicConstructorsHideInternals("org.goldensdk.exchange");

    @ArchTest
    static final ArchRule internalTypesAreUsedOnlyByThisModule =
            ModuleRules.internalTypesStayInternal("org.goldensdk.exchange");

    @ArchTest
    static final ArchRule exchangeDependsOnNoGoldenModuleButCore = ModuleRules.dependsOnNoneOf("org.goldensdk.exchange",
            "org.goldensdk.testkit..", "org.goldensdk.identity..", "org.goldensdk.portal..", "org.goldensdk.sandbox..");

    @ArchTest
    static final ArchRule exchangeUsesOnlyThePublicApiOfCore = ModuleRules.dependsOnNoneOf("org.goldensdk.exchange",
            "org.goldensdk.core.internal..");

    /**
     * sdk-cxf (with CXF, Jetty, the servlet and JAX-RS APIs) is an optional dependency for the
     * receiving endpoint: only its HTTP side may touch it, so the client and the envelope code run
     * without it on the classpath.
     */
    @ArchTest
    static final ArchRule onlyTheEndpointsHttpSideReachesTheServerStack = noClasses()
            .that().resideInAPackage("org.goldensdk.exchange..")
            .and().resideOutsideOfPackage(ENDPOINT_HTTP)
            .and().doNotHaveFullyQualifiedName(ENDPOINT)
            .should().dependOnClassesThat().resideInAnyPackage("org.goldensdk.cxf..", "org.apache.cxf..",
                    "org.eclipse.jetty..", "jakarta.servlet..", "jakarta.ws.rs..");

    /** ExchangeEndpoint itself only names the servlet type it hands out; CXF stays behind the internal package. */
    @ArchTest
    static final ArchRule theEndpointClassUsesNoCxfDirectly = noClasses()
            .that().haveFullyQualifiedName(ENDPOINT)
            .should().dependOnClassesThat().resideInAnyPackage("org.goldensdk.cxf..", "org.apache.cxf..",
                    "org.eclipse.jetty..", "jakarta.ws.rs..");

    /** Nothing but the endpoint reaches its HTTP side, so no other code path loads the optional classes. */
    @ArchTest
    static final ArchRule theEndpointsHttpSideIsReachedOnlyThroughTheEndpoint = classes()
            .that().resideInAPackage(ENDPOINT_HTTP)
            .should().onlyBeAccessed().byClassesThat(JavaClass.Predicates.resideInAPackage(ENDPOINT_HTTP)
                    .or(JavaClass.Predicates.belongToAnyOf(ExchangeEndpoint.class)));

    @ArchTest
    static final ArchRule exchangeStaysFreeOfSoapStacksAndOkHttp = ModuleRules.dependsOnNoneOf("org.goldensdk.exchange",
            "jakarta.xml.ws..", "okhttp3..");
}
