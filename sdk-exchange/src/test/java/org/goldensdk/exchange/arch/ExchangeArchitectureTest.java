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
    private static final String SOAP_TRANSPORT = "org.goldensdk.exchange.internal.soap..";
    /** The classes generated from docs/exchange/exchange-service.wsdl. */
    private static final String SOAP_CONTRACT = "org.goldensdk.exchange.soap..";

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
            .and().resideOutsideOfPackage(SOAP_TRANSPORT)
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

    /**
     * The SOAP transport (CXF, through the optional sdk-cxf) is reached only from the client's
     * builder, when {@code transport(SOAP)} is configured; a REST client never loads it.
     */
    @ArchTest
    static final ArchRule theSoapTransportIsReachedOnlyThroughTheClient = classes()
            .that().resideInAPackage(SOAP_TRANSPORT)
            .should().onlyBeAccessed().byClassesThat(JavaClass.Predicates.resideInAPackage(SOAP_TRANSPORT)
                    .or(JavaClass.Predicates.belongToAnyOf(org.goldensdk.exchange.ExchangeClient.class)));

    /**
     * Only the SOAP transport, the endpoint's HTTP side (its SOAP receiver service) and the WSDL's
     * generated classes name the JAX-WS API; nothing uses OkHttp directly.
     */
    @ArchTest
    static final ArchRule exchangeStaysFreeOfSoapStacksAndOkHttp = noClasses()
            .that().resideInAPackage("org.goldensdk.exchange..")
            .and().resideOutsideOfPackages(SOAP_TRANSPORT, SOAP_CONTRACT, ENDPOINT_HTTP)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.xml.ws..", "okhttp3..");

    @ArchTest
    static final ArchRule nothingUsesOkHttpDirectly = ModuleRules.dependsOnNoneOf("org.goldensdk.exchange", "okhttp3..");
}
