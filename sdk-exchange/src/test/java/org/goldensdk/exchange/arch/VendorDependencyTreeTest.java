package org.goldensdk.exchange.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.goldensdk.core.arch.DependencyTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolves sdk-exchange's dependency tree as a vendor's build would ({@link DependencyTrees}). One
 * consumer uses the exchange only (the client): it must get neither CXF, Jetty, the servlet nor the
 * JAX-RS API. The other also adds sdk-cxf, as a vendor running an {@code ExchangeEndpoint} does, and
 * must get them — which shows the check can see them at all.
 */
@Timeout(180)
class VendorDependencyTreeTest {

    @Test
    void aVendorUsingOnlyTheExchangeClientGetsNoCxfJettyOrServletApi(@TempDir Path work) throws Exception {
        Map<String, String> trees = DependencyTrees.resolve(work, List.of("sdk-core", "sdk-cxf", "sdk-exchange"),
                Map.of("client-only", List.of("sdk-exchange"), "endpoint", List.of("sdk-exchange", "sdk-cxf")));

        String version = DependencyTrees.projectVersion(Path.of("").toAbsolutePath().getParent());
        String clientOnly = trees.get("client-only");
        String endpoint = trees.get("endpoint");
        assertThat(clientOnly).contains("org.goldensdk:sdk-exchange:jar:" + version, "org.goldensdk:sdk-core:jar:" + version);
        for (String forbidden : DependencyTrees.SERVER_STACK) {
            assertThat(clientOnly).as("the client-only tree\n%s", clientOnly).doesNotContain(forbidden);
            assertThat(endpoint).as("the endpoint tree (positive control)\n%s", endpoint).contains(forbidden);
        }
    }
}
