package org.goldensdk.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.exchange.AttachmentLimits;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;

/**
 * The same scenario delivered by push and by pull gives the same signed receipts: a status that is
 * processed and one that is rejected with its reason code. Each half runs on its own sandbox, so the
 * pulling customs has no push endpoint the hub could use instead.
 */
class PullDeliveryTest extends EndToEndFixture {

    /** What the sender learns about one message: states, issuers and reason codes, in order. */
    record Seen(ReceiptState state, String issuer, String reasonCode) {
    }

    @Test
    void pushAndPullDeliverTheSameScenarioWithTheSameReceipts() {
        List<List<Seen>> pushed;
        try (Sandbox sandbox = Sandbox.builder().defaultRights().checkContract().start()) {
            customs(sandbox, stores.resolve("push-customs"));
            pushed = scenario(sandbox, "push");
            assertThat(sandbox.contractViolations()).isEmpty();
        }
        List<List<Seen>> pulled;
        try (Sandbox sandbox = Sandbox.builder().defaultRights().checkContract().start()) {
            List<MessageId> handled = new CopyOnWriteArrayList<>();
            List<String> payloads = new CopyOnWriteArrayList<>();
            ExchangeEndpoint puller = ExchangeEndpoint.builder()
                    .party(TestDepartment.CUSTOMS.partyId())
                    .credentials(TestDepartment.CUSTOMS.credentials())
                    .trustAnchors(sandbox.trustAnchors())
                    .hubParty(sandbox.hubParty())
                    .storeDirectory(stores.resolve("pull-customs"))
                    .pullFrom(sandbox.hubUri())
                    .handle(COMPANY_STATUS, (message, context) -> {
                        handled.add(message.messageId());
                        String text = new String(message.bytes(), StandardCharsets.UTF_8);
                        payloads.add(text);
                        return text.contains("unknown") ? Outcome.rejected("E_UNKNOWN_COMPANY", "no such company")
                                : Outcome.processed();
                    })
                    .build()
                    .start();
            addCloseable(puller);
            pulled = scenario(sandbox, "pull");
            assertThat(handled).hasSize(2).doesNotHaveDuplicates();
            assertThat(sandbox.contractViolations()).isEmpty();
        }
        assertThat(pulled).isEqualTo(pushed);
        assertThat(pulled.get(0)).extracting(Seen::state).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED,
                ReceiptState.PROCESSED);
        assertThat(pulled.get(1)).extracting(Seen::state).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED,
                ReceiptState.REJECTED);
    }

    @Test
    void aPulledMessageItsReceiverRefusesForGoodIsAcknowledgedRejectedWithTheReasonAndNotHandled() {
        try (Sandbox sandbox = Sandbox.builder().defaultRights().checkContract().start()) {
            List<MessageId> handled = new CopyOnWriteArrayList<>();
            addCloseable(ExchangeEndpoint.builder()
                    .party(TestDepartment.CUSTOMS.partyId())
                    .credentials(TestDepartment.CUSTOMS.credentials())
                    .trustAnchors(sandbox.trustAnchors())
                    .hubParty(sandbox.hubParty())
                    .storeDirectory(stores.resolve("refusing-customs"))
                    .pullFrom(sandbox.hubUri())
                    .attachmentLimits(new AttachmentLimits(16, 1L << 20))   // the hub takes more than this receiver
                    .handle(COMPANY_STATUS, (message, context) -> {
                        handled.add(message.messageId());
                        return Outcome.processed();
                    })
                    .build()
                    .start());
            List<Receipt> receipts = new CopyOnWriteArrayList<>();
            ExchangeClient tax = tax(sandbox, stores.resolve("refused-tax"), receipts);

            MessageId id = tax.send(Message.to(TestDepartment.CUSTOMS.partyId()).service(COMPANY_STATUS)
                    .json(java.util.Map.of("creditCode", "91420100MA4K00002Y"))
                    .attach("ledger.csv", "text/csv", Content.of(new byte[64])).build());

            await().atMost(HANG_GUARD).until(() -> statesOf(receipts, id).contains(ReceiptState.REJECTED));
            assertThat(receipts).filteredOn(receipt -> receipt.state() == ReceiptState.REJECTED).first()
                    .satisfies(rejected -> assertThat(rejected.reasonCode()).contains("E_PAYLOAD_TOO_LARGE"));
            assertThat(statesOf(receipts, id)).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED,
                    ReceiptState.REJECTED);
            assertThat(handled).as("handler calls").isEmpty();
            assertThat(sandbox.contractViolations()).isEmpty();
        }
    }

    private List<List<Seen>> scenario(Sandbox sandbox, String name) {
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        ExchangeClient tax = tax(sandbox, stores.resolve(name + "-tax"), receipts);
        List<MessageId> ids = List.of(tax.send(status("91420100MA4K00002Y")), tax.send(status("unknown")));
        await().atMost(HANG_GUARD).until(() -> ids.stream().allMatch(id -> statesOf(receipts, id).size() == 3));
        List<List<Seen>> seen = new ArrayList<>();
        for (MessageId id : ids) {
            seen.add(receipts.stream().filter(r -> r.messageId().equals(id)).distinct().map(r -> {
                r.verify(sandbox.trustAnchors(), Instant.now());
                return new Seen(r.state(), r.issuer().toString(), r.reasonCode().orElse(null));
            }).toList());
        }
        return seen;
    }
}
