package org.goldensdk.identity.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.goldensdk.core.arch.DependencyTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolves sdk-identity's dependency tree as a vendor's build would ({@link DependencyTrees}): a
 * system that only validates tokens or fetches app tokens must inherit neither CXF, Jetty, the
 * servlet nor the JAX-RS API (the guards' containers are optional); one that also adds sdk-cxf gets
 * them — the positive control showing the check sees them.
 */
@Timeout(180)
class VendorDependencyTreeTest {

    @Test
    void aTokenValidatorOnlyUserGetsNoCxfJettyOrServletApi(@TempDir Path work) throws Exception {
        Map<String, String> trees = DependencyTrees.resolve(work, List.of("sdk-core", "sdk-cxf", "sdk-identity"),
                Map.of("validator-only", List.of("sdk-identity"), "with-server", List.of("sdk-identity", "sdk-cxf")));

        String validatorOnly = trees.get("validator-only");
        String withServer = trees.get("with-server");
        assertThat(validatorOnly).contains("org.goldensdk:sdk-identity:jar:", "com.nimbusds:nimbus-jose-jwt:jar:");
        for (String forbidden : DependencyTrees.SERVER_STACK) {
            assertThat(validatorOnly).as("the validator-only tree\n%s", validatorOnly).doesNotContain(forbidden);
            assertThat(withServer).as("the tree with sdk-cxf (positive control)\n%s", withServer).contains(forbidden);
        }
    }
}
