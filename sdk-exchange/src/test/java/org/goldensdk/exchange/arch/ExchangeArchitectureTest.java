package org.goldensdk.exchange.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.goldensdk.core.arch.ModuleRules;

@AnalyzeClasses(packages = "org.goldensdk.exchange", importOptions = ImportOption.DoNotIncludeTests.class)
class ExchangeArchitectureTest {

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
            "org.goldensdk.cxf..", "org.goldensdk.testkit..", "org.goldensdk.identity..", "org.goldensdk.portal..",
            "org.goldensdk.sandbox..");

    @ArchTest
    static final ArchRule exchangeUsesOnlyThePublicApiOfCore = ModuleRules.dependsOnNoneOf("org.goldensdk.exchange",
            "org.goldensdk.core.internal..");

    @ArchTest
    static final ArchRule exchangeStaysFreeOfServerAndSoapStacks = ModuleRules.dependsOnNoneOf("org.goldensdk.exchange",
            "org.apache.cxf..", "org.eclipse.jetty..", "jakarta.servlet..", "jakarta.ws.rs..", "jakarta.xml.ws..",
            "okhttp3..");
}
