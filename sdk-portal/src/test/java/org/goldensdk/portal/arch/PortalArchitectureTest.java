package org.goldensdk.portal.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.goldensdk.core.arch.ModuleRules;

@AnalyzeClasses(packages = "org.goldensdk.portal", importOptions = ImportOption.DoNotIncludeTests.class)
class PortalArchitectureTest {

    @ArchTest
    static final ArchRule publicApiExposesNoInternalType = ModuleRules.publicApiHidesInternals("org.goldensdk.portal");

    @ArchTest
    static final ArchRule publicConstructorsExposeNoInternalType =
            ModuleRules.publicConstructorsHideInternals("org.goldensdk.portal");

    @ArchTest
    static final ArchRule internalTypesAreUsedOnlyByThisModule = ModuleRules.internalTypesStayInternal("org.goldensdk.portal");

    @ArchTest
    static final ArchRule portalDependsOnNoGoldenModuleButCore = ModuleRules.dependsOnNoneOf("org.goldensdk.portal",
            "org.goldensdk.testkit..", "org.goldensdk.identity..", "org.goldensdk.exchange..", "org.goldensdk.sandbox..",
            "org.goldensdk.cxf..", "org.goldensdk.core.internal..");

    /** A vendor publishing over REST gets no server or SOAP stack, and OkHttp stays behind core's transport. */
    @ArchTest
    static final ArchRule portalStaysFreeOfServerStacksAndOkHttp = ModuleRules.dependsOnNoneOf("org.goldensdk.portal",
            "org.apache.cxf..", "org.eclipse.jetty..", "jakarta.servlet..", "jakarta.ws.rs..", "jakarta.xml.ws..", "okhttp3..");
}
