package org.goldensdk.sandbox.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.goldensdk.core.arch.ModuleRules;

@AnalyzeClasses(packages = "org.goldensdk.sandbox", importOptions = ImportOption.DoNotIncludeTests.class)
class SandboxArchitectureTest {

    @ArchTest
    static final ArchRule publicApiExposesNoInternalOrServerStackTypes = ModuleRules.publicApiHidesInternals(
            "org.goldensdk.sandbox", "org.apache.cxf", "org.eclipse.jetty", "com.fasterxml", "com.zaxxer", "org.flywaydb",
            "jakarta.ws.rs", "jakarta.servlet");

    @ArchTest
    static final ArchRule publicConstructorsExposeNoInternalType = ModuleRules.publicConstructorsHideInternals("org.goldensdk.sandbox");

    @ArchTest
    static final ArchRule internalTypesStayInternal = ModuleRules.internalTypesStayInternal("org.goldensdk.sandbox");

    @ArchTest
    static final ArchRule usesOnlyThePublicApiOfOtherModules = ModuleRules.dependsOnNoneOf("org.goldensdk.sandbox",
            "org.goldensdk.core.internal..", "org.goldensdk.cxf.internal..", "org.goldensdk.exchange.internal..",
            "okhttp3..");
}
