package org.goldensdk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.PartyId;
import org.goldensdk.exchange.SealedMessage;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
@ExtendWith(SandboxExtension.class)
class SandboxLifecycleTest {

    @Test
    void theExtensionInjectsOneSandboxPerJvm(Sandbox first, Sandbox second) {
        assertThat(first).isSameAs(second);
        assertThat(first.hubUri().toString()).startsWith("https://127.0.0.1:").endsWith("/");
        assertThat(first.hubParty()).isEqualTo(TestDepartment.EXCHANGE_PLATFORM.partyId());
    }

    @Test
    void closingAnotherSandboxLeavesTheSharedOneServing(Sandbox shared) {
        try (Sandbox other = Sandbox.builder().start()) {
            assertThat(other.hubUri()).isNotEqualTo(shared.hubUri());
        }
        try (HttpTransport tax = HubCalls.as(shared, TestDepartment.TAX.credentials());
                SealedMessage sealed = HubCalls.seal(TestDepartment.TAX, TestDepartment.CUSTOMS.partyId(),
                        AccessRight.TAX_COMPANY_STATUS, "{}")) {
            assertThat(HubCalls.submit(tax, HubCalls.delivery(sealed)).status()).isEqualTo(202);
        }
    }

    @Test
    void anEndpointNeedsARegisteredPartyAndAnHttpsUri(Sandbox shared) {
        PartyId stranger = PartyId.parse("CN/420100/91420100MA4K00002Y/erp");
        assertThatThrownBy(() -> shared.registerEndpoint(stranger, URI.create("https://127.0.0.1:1/exchange/v1/")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not registered");
        assertThatThrownBy(() -> shared.registerEndpoint(TestDepartment.AUDIT.partyId(), URI.create("http://127.0.0.1:1/")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("https");
    }

    @Test
    void aRegisteredPartyMayCallTheHub(Sandbox shared) {
        DepartmentCredentials company = TestCredentials.authority().issue(org.goldensdk.core.CreditCode.parse("91420100MA4K00002Y"),
                "武汉示例有限公司", TestCredentials.VALID_FROM, TestCredentials.VALID_UNTIL);
        PartyId erp = PartyId.parse("CN/420100/91420100MA4K00002Y/erp");
        shared.registerParty(erp, company).allow(erp, TestDepartment.TAX.partyId(), AccessRight.TAX_COMPANY_STATUS);
        try (HttpTransport transport = HubCalls.as(shared, company);
                SealedMessage sealed = HubCalls.sealer(erp, company).seal(org.goldensdk.exchange.Message.to(TestDepartment.TAX.partyId())
                        .service(AccessRight.TAX_COMPANY_STATUS).bytes("application/json", "{}".getBytes(StandardCharsets.UTF_8)).build())) {
            assertThat(HubCalls.submit(transport, HubCalls.delivery(sealed)).status()).isEqualTo(202);
        }
    }

    @Test
    void theMainStartsPrintsWhereEverythingIsAndStopsWithExit(@TempDir Path directory) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            SandboxMain.main(new String[] {"--credentials", directory.toString(), "--exit"});
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Golden sandbox hub: https://127.0.0.1:")
                .contains(directory.toAbsolutePath().toString());
        assertThat(directory.resolve("trust-anchors.pem")).exists();
        assertThat(Files.list(directory).filter(file -> file.toString().endsWith(".p12"))).hasSize(TestDepartment.values().length);
    }
}
