package org.goldensdk.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.exchange.Classification;
import org.goldensdk.exchange.DeliveryProgress;
import org.goldensdk.exchange.DeliveryStatus;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tax sends customs a dataset through the in-process sandbox hub: client outbox → hub → customs'
 * endpoint (push) → signed receipts back to tax's listener. Everything real: mutual TLS, H2 stores,
 * signatures from the development CA.
 */
@ExtendWith(SandboxExtension.class)
class ExchangeEndToEndTest extends EndToEndFixture {
    @Test
    void taxSendsCustomsADatasetAndSeesEverySignedReceiptInOrder(Sandbox sandbox) {
        Customs customs = customs(sandbox, stores.resolve("customs"));
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        ExchangeClient tax = tax(sandbox, stores.resolve("tax"), receipts);

        MessageId id = tax.send(status("91420100MA4K00002Y"));

        await().atMost(HANG_GUARD).until(() -> statesOf(receipts, id).contains(ReceiptState.PROCESSED));
        assertThat(statesOf(receipts, id)).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED,
                ReceiptState.PROCESSED);
        TrustAnchors anchors = sandbox.trustAnchors();
        DeliveryProgress progress = DeliveryProgress.none();
        for (Receipt receipt : receipts) {
            receipt.verify(anchors, java.time.Instant.now());
            progress = progress.advance(receipt.state());
        }
        assertThat(progress.state()).contains(ReceiptState.PROCESSED);
        assertThat(receipts.get(0).issuer()).isEqualTo(sandbox.hubParty());
        assertThat(receipts).filteredOn(r -> r.state() != ReceiptState.ACCEPTED)
                .allSatisfy(r -> assertThat(r.issuer()).isEqualTo(TestDepartment.CUSTOMS.partyId()));
        assertThat(customs.handledTimes(id)).isEqualTo(1);
        assertThat(customs.payloads().get(customs.handled().indexOf(id))).contains("91420100MA4K00002Y");
        assertThat(tax.status(id).receiptState()).contains(ReceiptState.PROCESSED);
    }

    @Test
    void aRejectionTravelsBackWithItsReasonCode(Sandbox sandbox) {
        customs(sandbox, stores.resolve("customs"));
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        ExchangeClient tax = tax(sandbox, stores.resolve("tax"), receipts);

        MessageId id = tax.send(status("unknown"));

        await().atMost(HANG_GUARD).until(() -> statesOf(receipts, id).contains(ReceiptState.REJECTED));
        Receipt rejected = receipts.stream().filter(r -> r.state() == ReceiptState.REJECTED).findFirst().orElseThrow();
        assertThat(rejected.reasonCode()).contains("E_UNKNOWN_COMPANY");
    }

    @Test
    void aServiceThePlatformDoesNotAllowIsRefusedAndNeverHandled(Sandbox sandbox) {
        Customs customs = customs(sandbox, stores.resolve("customs"));
        ExchangeClient tax = tax(sandbox, stores.resolve("tax"), new CopyOnWriteArrayList<>());

        MessageId id = tax.send(Message.to(TestDepartment.CUSTOMS.partyId()).service(NOT_ALLOWED)
                .bytes("application/json", "{}".getBytes(StandardCharsets.UTF_8)).build());

        await().atMost(HANG_GUARD).until(() -> tax.status(id).state() == DeliveryStatus.State.FAILED);
        assertThat(tax.status(id).errorCode()).contains("E_ACCESS_DENIED");
        assertThat(customs.handledTimes(id)).isZero();
    }

    @Test
    void theSameMessageSentTwiceIsHandledOnceEvenAcrossAReceiverRestart(Sandbox sandbox) {
        Customs first = customs(sandbox, stores.resolve("customs"));
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        ExchangeClient tax = tax(sandbox, stores.resolve("tax"), receipts);
        MessageId id = MessageId.generate();
        Message message = Message.to(TestDepartment.CUSTOMS.partyId()).service(COMPANY_STATUS).messageId(id)
                .json(java.util.Map.of("creditCode", "91420100MA4K00002Y")).build();

        tax.send(message);
        await().atMost(HANG_GUARD).until(() -> statesOf(receipts, id).contains(ReceiptState.PROCESSED));
        first.endpoint().close();
        Customs restarted = customs(sandbox, stores.resolve("customs"));
        assertThat(tax.send(message)).isEqualTo(id);

        assertThat(first.handledTimes(id) + restarted.handledTimes(id)).isEqualTo(1);
        assertThat(tax.status(id).state()).isEqualTo(DeliveryStatus.State.SENT);
    }

    @Test
    void aSenderRestartedBeforeDeliveryStillDeliversAndItsListenerGetsEveryReceipt(Sandbox sandbox) throws Exception {
        List<Receipt> beforeRestart = new CopyOnWriteArrayList<>();
        ExchangeClient first = tax(sandbox, stores.resolve("tax"), beforeRestart);
        sandbox.faults().failNextSubmissions(1000, 503, Duration.ofSeconds(1));
        MessageId id = first.send(status("91420100MA4K00002Y"));
        first.close();
        sandbox.faults().clear();

        Customs customs = customs(sandbox, stores.resolve("customs"));
        List<Receipt> afterRestart = new CopyOnWriteArrayList<>();
        tax(sandbox, stores.resolve("tax"), afterRestart);

        await().atMost(HANG_GUARD).until(() -> statesOf(afterRestart, id).contains(ReceiptState.PROCESSED));
        assertThat(statesOf(afterRestart, id)).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED,
                ReceiptState.PROCESSED);
        assertThat(customs.handledTimes(id)).isEqualTo(1);
    }

    @Test
    void sensitiveDataCrossesTheHubEncryptedAndArrivesInClear(Sandbox sandbox) {
        Customs customs = customs(sandbox, stores.resolve("customs"));
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        ExchangeClient tax = tax(sandbox, stores.resolve("tax"), receipts);

        MessageId id = tax.send(Message.to(TestDepartment.CUSTOMS.partyId()).service(COMPANY_STATUS)
                .json(java.util.Map.of("creditCode", "91420100MA4K00002Y", "taxOwed", "1024.50"))
                .classification(Classification.SENSITIVE)
                .encryptFor(TestDepartment.CUSTOMS.credentials().encryptionCertificateChain(CryptoSuite.GM).get(0))
                .build());

        await().atMost(HANG_GUARD).until(() -> statesOf(receipts, id).contains(ReceiptState.PROCESSED));
        assertThat(customs.payloads().get(customs.handled().indexOf(id))).contains("1024.50");
    }
}
