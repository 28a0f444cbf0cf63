package org.goldensdk.interop.metro.arch;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.goldensdk.core.arch.ModuleRules;

/**
 * The Metro client is what a vendor on another stack writes: the Metro-generated classes, JAX-WS,
 * the JDK's XML-DSig and the SDK's public envelope API — never CXF, WSS4J, Santuario, the SDK's CXF
 * plumbing or the sandbox (which runs in a JVM of its own), and no SDK internals.
 */
@AnalyzeClasses(packages = "org.goldensdk.interop.metro")
class MetroArchitectureTest {

    @ArchTest
    static final ArchRule usesNoOtherSoapStack = ModuleRules.dependsOnNoneOf("org.goldensdk.interop.metro",
            "org.apache.cxf..", "org.apache.wss4j..", "org.apache.xml.security..", "org.goldensdk.cxf..",
            "org.goldensdk.sandbox..", "org.goldensdk..internal..");
}
