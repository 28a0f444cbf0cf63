package org.goldensdk.examples.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.goldensdk.core.arch.ModuleRules;

/** The examples are what vendors copy: they use only the SDK's public API. */
@AnalyzeClasses(packages = "org.goldensdk.examples", importOptions = ImportOption.DoNotIncludeTests.class)
class ExamplesArchitectureTest {

    @ArchTest
    static final ArchRule usesOnlyThePublicApi = ModuleRules.dependsOnNoneOf("org.goldensdk.examples",
            "org.goldensdk..internal..", "org.goldensdk.cxf..", "okhttp3..", "org.apache.cxf..");
}
