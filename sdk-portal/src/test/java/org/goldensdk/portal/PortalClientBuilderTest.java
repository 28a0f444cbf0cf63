package org.goldensdk.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Settings;
import org.goldensdk.core.TransportException;
import org.goldensdk.core.VirtualScheduler;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;

class PortalClientBuilderTest {
    private static final URI ENDPOINT = URI.create("https://portal.example.gov/portal/v1/");
    private static final Agency AGRICULTURE = Agency.of("武汉市农业农村局", "11420100MB0000043N");

    @Test
    void namesWhatIsMissing() {
        assertKey(() -> PortalClient.builder().agency(AGRICULTURE).tokens(() -> "t").build(), "endpoint");
        assertKey(() -> PortalClient.builder().endpoint(ENDPOINT).tokens(() -> "t").build(), "agency");
        assertKey(() -> PortalClient.builder().endpoint(ENDPOINT).agency(AGRICULTURE).build(), "credentials");
    }

    @Test
    void refusesCredentialsOfAnotherAgency() {
        assertKey(() -> PortalClient.builder().endpoint(ENDPOINT).agency(AGRICULTURE)
                .credentials(TestDepartment.AUDIT.credentials()).build(), "agency");
    }

    @Test
    void readsTheEndpointTheAgencyAndTheComplianceFromSettings() {
        Settings settings = Settings.of(Map.of(
                "golden.portal.endpoint", ENDPOINT.toString(),
                "golden.portal.agency.name", "武汉市农业农村局",
                "golden.portal.agency.credit-code", "11420100MB0000043N",
                "golden.portal.compliance.mode", "MASK",
                "golden.portal.compliance.sensitive-words", "内部资料, 绝密",
                "golden.portal.compliance.max-attachment-size", "1048576"));
        try (PortalClient client = PortalClient.builder().settings(settings)
                .credentials(TestDepartment.AGRICULTURE.credentials()).build()) {
            assertThat(client.agency()).isEqualTo(AGRICULTURE);
            assertThat(client.gate().compliance().mode()).isEqualTo(ComplianceMode.MASK);
            assertThat(client.gate().compliance().sensitiveWords()).containsExactlyInAnyOrder("内部资料", "绝密");
            assertThat(client.gate().compliance().maxAttachmentBytes()).isEqualTo(1048576);
        }
    }

    @Test
    void namesTheKeyOfAnUnknownOrInvalidSetting() {
        assertThatThrownBy(() -> PortalClient.builder().settings(Settings.of(Map.of("golden.portal.endpiont", "x"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("golden.portal.endpoint");
        assertKey(() -> PortalClient.builder().settings(Settings.of(Map.of("golden.portal.agency.name", "武汉市农业农村局",
                "golden.portal.agency.credit-code", "11420100MB0000043X"))), "golden.portal.agency.credit-code");
        assertKey(() -> Compliance.fromSettings(Settings.of(Map.of("golden.portal.compliance.max-attachment-size", "0"))),
                "golden.portal.compliance.max-attachment-size");
    }

    @Test
    void theTransportIsConfigurationAndSoapSignsSoItNeedsTheCredentials() {
        Settings soap = Settings.of(Map.of("golden.portal.endpoint", "https://portal.example.gov/portal/soap/v1",
                "golden.portal.agency.name", "武汉市农业农村局", "golden.portal.agency.credit-code", "11420100MB0000043N",
                "golden.portal.transport", "SOAP"));
        try (PortalClient client = PortalClient.builder().settings(soap).credentials(TestDepartment.AGRICULTURE.credentials())
                .build()) {
            assertThat(client.transport()).isEqualTo(Transport.SOAP);
        }
        assertKey(() -> PortalClient.builder().settings(soap).tokens(() -> "t").build(), "golden.portal.transport");
        assertKey(() -> PortalClient.builder().settings(Settings.of(Map.of("golden.portal.transport", "FTP"))),
                "golden.portal.transport");
    }

    @Test
    void overSoapACallThatFailsBeforeAnAnswerIsRetriedUnderThePolicyOnTheScheduler() throws Exception {
        VirtualScheduler time = VirtualScheduler.create();
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket hangsUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!hangsUp.isClosed()) {
                    try (Socket socket = hangsUp.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (PortalClient client = PortalClient.builder().transport(Transport.SOAP)
                    .endpoint(URI.create("https://127.0.0.1:" + hangsUp.getLocalPort() + "/portal/soap/v1"))
                    .agency(AGRICULTURE).credentials(TestDepartment.AGRICULTURE.credentials())
                    .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofSeconds(2)).build())
                    .scheduler(time).build()) {
                assertThatThrownBy(() -> client.articles().get("a1")).isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.isRetryable()).isTrue());
            }
        }
        assertThat(connections).hasValue(3);
        assertThat(time.sleeps()).hasSize(2);
    }

    private static void assertKey(Runnable build, String key) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.key()).isEqualTo(key));
    }
}
