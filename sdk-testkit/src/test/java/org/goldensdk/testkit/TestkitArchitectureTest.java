package org.goldensdk.testkit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.goldensdk.core.arch.ModuleRules;

@AnalyzeClasses(packages = "org.goldensdk.testkit", importOptions = ImportOption.DoNotIncludeTests.class)
class TestkitArchitectureTest {

    @ArchTest
    static final ArchRule publicApiExposesNoInternalTypes =
            ModuleRules.publicApiHidesInternals("org.goldensdk.testkit", "okhttp3", "okio");

    @ArchTest
    static final ArchRule testkitUsesCoreOnly = ModuleRules.dependsOnNoneOf("org.goldensdk.testkit",
            "org.goldensdk.exchange..", "org.goldensdk.identity..", "org.goldensdk.portal..",
            "org.goldensdk.cxf..", "org.goldensdk.sandbox..", "org.goldensdk.core.internal..");
}
