package org.goldensdk.portal.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.goldensdk.core.arch.DependencyTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolves sdk-portal's dependency tree as a vendor's build would ({@link DependencyTrees}): one
 * publishing over REST must inherit neither CXF, Jetty, the servlet nor the JAX-RS API (the SOAP
 * transport's sdk-cxf is optional); one choosing SOAP adds sdk-cxf and gets them — the positive
 * control showing the check sees them.
 */
@Timeout(180)
class VendorDependencyTreeTest {

    @Test
    void aVendorPublishingOverRestGetsNoCxfJettyOrServletApi(@TempDir Path work) throws Exception {
        Map<String, String> trees = DependencyTrees.resolve(work, List.of("sdk-core", "sdk-cxf", "sdk-portal"),
                Map.of("rest-only", List.of("sdk-portal"), "soap", List.of("sdk-portal", "sdk-cxf")));

        String restOnly = trees.get("rest-only");
        String soap = trees.get("soap");
        assertThat(restOnly).contains("org.goldensdk:sdk-portal:jar:", "org.apache.pdfbox:pdfbox:jar:");
        for (String forbidden : DependencyTrees.SERVER_STACK) {
            assertThat(restOnly).as("the REST-only tree\n%s", restOnly).doesNotContain(forbidden);
            assertThat(soap).as("the tree with sdk-cxf (positive control)\n%s", soap).contains(forbidden);
        }
    }
}
