package org.goldensdk.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Parallel approval: customs' handler answers "pending", the sender sees DELIVERED; days later —
 * after customs restarted — someone decides, and the signed outcome reaches tax.
 */
@ExtendWith(SandboxExtension.class)
class PendingOutcomeTest extends EndToEndFixture {

    @Test
    void aPendingOutcomeCompletedAfterAReceiverRestartReachesTheSender(Sandbox sandbox) {
        List<MessageId> handled = new CopyOnWriteArrayList<>();
        ExchangeEndpoint before = pendingCustoms(sandbox, handled).listen("127.0.0.1", 0).build().start();
        addCloseable(before);
        sandbox.registerEndpoint(TestDepartment.CUSTOMS.partyId(), before.uri());
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        ExchangeClient tax = tax(sandbox, stores.resolve("tax"), receipts);

        MessageId id = tax.send(status("91420100MA4K00002Y"));
        await().atMost(HANG_GUARD).until(() -> statesOf(receipts, id).contains(ReceiptState.DELIVERED));
        assertThat(statesOf(receipts, id)).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED);
        before.close();

        // Another node on the same store, never started, decides after the restart.
        try (ExchangeEndpoint after = pendingCustoms(sandbox, handled).build()) {
            after.complete(id, Outcome.rejected("E_APPROVAL_DENIED", "the licence conditions are not met"));

            await().atMost(HANG_GUARD).until(() -> statesOf(receipts, id).contains(ReceiptState.REJECTED));
            Receipt outcome = receipts.stream().filter(r -> r.messageId().equals(id) && r.state() == ReceiptState.REJECTED)
                    .findFirst().orElseThrow();
            outcome.verify(sandbox.trustAnchors(), Instant.now());
            assertThat(outcome.issuer()).isEqualTo(TestDepartment.CUSTOMS.partyId());
            assertThat(outcome.reasonCode()).contains("E_APPROVAL_DENIED");
            assertThat(statesOf(receipts, id)).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED,
                    ReceiptState.REJECTED);
            assertThat(tax.status(id).receiptState()).contains(ReceiptState.REJECTED);
            assertThat(handled).containsOnlyOnce(id);

            after.complete(id, Outcome.rejected("E_APPROVAL_DENIED", "said twice"));   // the same decision: nothing changes
            assertThatThrownBy(() -> after.complete(id, Outcome.processed())).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("REJECTED");
            assertThatThrownBy(() -> after.complete(MessageId.generate(), Outcome.processed()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> after.complete(id, Outcome.pending())).isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void completingNeedsTheHubsAddress(Sandbox sandbox) {
        try (ExchangeEndpoint pushOnly = ExchangeEndpoint.builder()
                .party(TestDepartment.CUSTOMS.partyId()).credentials(TestDepartment.CUSTOMS.credentials())
                .trustAnchors(sandbox.trustAnchors()).hubParty(sandbox.hubParty())
                .storeDirectory(stores.resolve("push-only"))
                .handle(COMPANY_STATUS, (message, context) -> Outcome.pending())
                .build()) {
            assertThatThrownBy(() -> pushOnly.complete(MessageId.generate(), Outcome.processed()))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("hub");
        }
    }

    private ExchangeEndpoint.Builder pendingCustoms(Sandbox sandbox, List<MessageId> handled) {
        return ExchangeEndpoint.builder()
                .party(TestDepartment.CUSTOMS.partyId())
                .credentials(TestDepartment.CUSTOMS.credentials())
                .trustAnchors(sandbox.trustAnchors())
                .hubParty(sandbox.hubParty())
                .hub(sandbox.hubUri())
                .storeDirectory(stores.resolve("customs"))
                .handle(COMPANY_STATUS, (message, context) -> {
                    handled.add(message.messageId());
                    return Outcome.pending();
                });
    }
}
