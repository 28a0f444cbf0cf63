package org.goldensdk.cxf.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.goldensdk.core.arch.ModuleRules;

@AnalyzeClasses(packages = "org.goldensdk.cxf", importOptions = ImportOption.DoNotIncludeTests.class)
class CxfArchitectureTest {

    @ArchTest
    static final ArchRule publicApiExposesNoInternalCxfOrJettyTypes = ModuleRules.publicApiHidesInternals(
            "org.goldensdk.cxf", "org.apache.cxf", "org.eclipse.jetty", "com.fasterxml");

    @ArchTest
    static final ArchRule publicConstructorsExposeNoInternalTypes = ModuleRules.publicConstructorsHideInternals("org.goldensdk.cxf");

    @ArchTest
    static final ArchRule internalTypesStayInternal = ModuleRules.internalTypesStayInternal("org.goldensdk.cxf");

    @ArchTest
    static final ArchRule dependsOnNoGoldenModuleButCore = ModuleRules.dependsOnNoneOf("org.goldensdk.cxf",
            "org.goldensdk.testkit..", "org.goldensdk.exchange..", "org.goldensdk.identity..",
            "org.goldensdk.portal..", "org.goldensdk.sandbox..", "org.goldensdk.core.internal..");
}
