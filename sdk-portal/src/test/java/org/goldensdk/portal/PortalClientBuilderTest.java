package org.goldensdk.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.Settings;
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

    private static void assertKey(Runnable build, String key) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.key()).isEqualTo(key));
    }
}
