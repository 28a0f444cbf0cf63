package org.goldensdk.portal.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.goldensdk.core.arch.ModuleRules;
import org.goldensdk.portal.PortalClient;

@AnalyzeClasses(packages = "org.goldensdk.portal", importOptions = ImportOption.DoNotIncludeTests.class)
class PortalArchitectureTest {

    @ArchTest
    static final ArchRule publicApiExposesNoInternalType = ModuleRules.publicApiHidesInternals("org.goldensdk.portal");

    @ArchTest
    static final ArchRule publicConstructorsExposeNoInternalType =
            ModuleRules.publicConstructorsHideInternals("org.goldensdk.portal");

    @ArchTest
    static final ArchRule internalTypesAreUsedOnlyByThisModule = ModuleRules.internalTypesStayInternal("org.goldensdk.portal");

    /** The SOAP transport: the only code that may reach sdk-cxf and CXF (optional dependencies). */
    private static final String SOAP_TRANSPORT = "org.goldensdk.portal.internal.soap..";
    /** The classes generated from docs/portal/portal-service.wsdl. */
    private static final String SOAP_CONTRACT = "org.goldensdk.portal.soap..";

    @ArchTest
    static final ArchRule portalDependsOnNoGoldenModuleButCore = ModuleRules.dependsOnNoneOf("org.goldensdk.portal",
            "org.goldensdk.testkit..", "org.goldensdk.identity..", "org.goldensdk.exchange..", "org.goldensdk.sandbox..",
            "org.goldensdk.core.internal..");

    /** A vendor publishing over REST gets no server or SOAP stack, and OkHttp stays behind core's transport. */
    @ArchTest
    static final ArchRule portalStaysFreeOfServerStacksAndOkHttp = ModuleRules.dependsOnNoneOf("org.goldensdk.portal",
            "org.eclipse.jetty..", "jakarta.servlet..", "jakarta.ws.rs..", "okhttp3..");

    /** sdk-cxf and CXF only behind the SOAP transport, so a REST client never loads them. */
    @ArchTest
    static final ArchRule onlyTheSoapTransportReachesCxf = noClasses().that().resideInAPackage("org.goldensdk.portal..")
            .and().resideOutsideOfPackage(SOAP_TRANSPORT)
            .should().dependOnClassesThat().resideInAnyPackage("org.goldensdk.cxf..", "org.apache.cxf..");

    /** Only the SOAP transport and the WSDL's generated classes name the JAX-WS API. */
    @ArchTest
    static final ArchRule onlyTheSoapSideNamesJaxWs = noClasses().that().resideInAPackage("org.goldensdk.portal..")
            .and().resideOutsideOfPackages(SOAP_TRANSPORT, SOAP_CONTRACT)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.xml.ws..", "jakarta.jws..");

    /** The SOAP transport is reached only from the client's builder, when {@code transport(SOAP)} is configured. */
    @ArchTest
    static final ArchRule theSoapTransportIsReachedOnlyThroughTheClient = classes().that().resideInAPackage(SOAP_TRANSPORT)
            .should().onlyBeAccessed().byClassesThat(JavaClass.Predicates.resideInAPackage(SOAP_TRANSPORT)
                    .or(JavaClass.Predicates.belongToAnyOf(PortalClient.Builder.class)));
}
