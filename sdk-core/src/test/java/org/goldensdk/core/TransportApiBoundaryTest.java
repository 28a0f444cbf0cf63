package org.goldensdk.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** OkHttp is an implementation detail: the public package never touches it. */
class TransportApiBoundaryTest {

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.goldensdk.core");

    @Test
    void thePublicPackageDoesNotDependOnOkHttpOrOkio() {
        noClasses().that().resideInAPackage("org.goldensdk.core")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..")
                .check(core);
    }
}
