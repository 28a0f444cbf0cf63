package org.goldensdk.core.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.goldensdk.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule publicApiExposesNoInternalOrHttpClientTypes =
            ModuleRules.publicApiHidesInternals("org.goldensdk.core", "okhttp3", "okio");

    @ArchTest
    static final ArchRule publicConstructorsExposeNoInternalTypes =
            ModuleRules.publicConstructorsHideInternals("org.goldensdk.core");

    @ArchTest
    static final ArchRule coreStaysFreeOfServerAndSoapStacks = ModuleRules.dependsOnNoneOf("org.goldensdk.core",
            "org.apache.cxf..", "org.eclipse.jetty..", "jakarta.servlet..", "jakarta.ws.rs..", "jakarta.xml.ws..");

    @ArchTest
    static final ArchRule coreDependsOnNoOtherGoldenModule = ModuleRules.dependsOnNoneOf("org.goldensdk.core",
            "org.goldensdk.testkit..", "org.goldensdk.exchange..", "org.goldensdk.identity..",
            "org.goldensdk.portal..", "org.goldensdk.cxf..", "org.goldensdk.sandbox..");
}
