package org.goldensdk.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TokenSource;
import org.goldensdk.exchange.DeliveryStatus;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.identity.IdentityClient;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ExchangeClient.builder().tokens(identity.appTokens())}: tax's client sends with an app token
 * of the sandbox's identity provider besides its certificate; with another party's token the hub
 * refuses every attempt and the message ends as a dead letter with the hub's code.
 */
@ExtendWith(SandboxExtension.class)
class AppTokenExchangeTest extends EndToEndFixture {

    @Test
    void aClientWithItsAppTokenDeliversEndToEnd(Sandbox sandbox) {
        customs(sandbox, stores.resolve("customs"));
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        ExchangeClient tax = withTokens(sandbox, appTokens(sandbox, TestDepartment.TAX.partyId()), receipts, "tax");

        MessageId id = tax.send(status("91420100MA4K00002Y"));

        await().atMost(HANG_GUARD).until(() -> statesOf(receipts, id).contains(ReceiptState.PROCESSED));
        assertThat(statesOf(receipts, id)).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED, ReceiptState.PROCESSED);
    }

    @Test
    void aClientWithAnotherPartysTokenIsRefusedAndItsMessageDeadLettered(Sandbox sandbox) {
        ExchangeClient tax = withTokens(sandbox, appTokens(sandbox, TestDepartment.CUSTOMS.partyId()), new CopyOnWriteArrayList<>(),
                "tax-with-customs-token");

        MessageId id = tax.send(status("91420100MA4K00002Y"));

        await().atMost(HANG_GUARD).until(() -> tax.status(id).state() == DeliveryStatus.State.FAILED);
        assertThat(tax.status(id).errorCode()).contains("E_ACCESS_DENIED");
        assertThat(tax.status(id).errorMessage().orElseThrow()).contains("must name the same party");
    }

    private ExchangeClient withTokens(Sandbox sandbox, TokenSource tokens, List<Receipt> receipts, String store) {
        ExchangeClient client = ExchangeClient.builder()
                .hub(sandbox.hubUri())
                .hubParty(sandbox.hubParty())
                .party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials())
                .trustAnchors(sandbox.trustAnchors())
                .tokens(tokens)
                .storeDirectory(stores.resolve(store))
                .dispatchInterval(java.time.Duration.ofMillis(50))
                .receiptPollInterval(java.time.Duration.ofMillis(50))
                .receiptListener(receipts::add)
                .build();
        addCloseable(client);
        return client;
    }

    private TokenSource appTokens(Sandbox sandbox, PartyId party) {
        IdentityClient identity = IdentityClient.builder().issuer(sandbox.issuer()).clientId(Sandbox.departmentClientId(party))
                .clientSecret(Sandbox.DEPARTMENT_CLIENT_SECRET)
                .transport(http -> http.tls(TlsConfig.builder().trustAnchors(TestCredentials.trustAnchors().certificates()).build()))
                .build();
        addCloseable(identity);
        return identity.appTokens();
    }
}
