package org.goldensdk.cli.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.goldensdk.core.arch.ModuleRules;

@AnalyzeClasses(packages = "org.goldensdk.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {

    @ArchTest
    static final ArchRule publicApiExposesNoInternalOrPicocliType = ModuleRules.publicApiHidesInternals("org.goldensdk.cli",
            "picocli", "org.bouncycastle", "com.fasterxml");

    @ArchTest
    static final ArchRule usesOnlyThePublicApiOfOtherModules = ModuleRules.dependsOnNoneOf("org.goldensdk.cli",
            "org.goldensdk.core.internal..", "org.goldensdk.cxf..", "org.goldensdk.exchange.internal..",
            "org.goldensdk.sandbox.internal..", "okhttp3..");
}
