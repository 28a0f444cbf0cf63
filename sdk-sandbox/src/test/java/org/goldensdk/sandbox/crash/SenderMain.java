package org.goldensdk.sandbox.crash;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.testkit.TestDepartment;

/**
 * The crash test's sender, a forked JVM: an {@link ExchangeClient} of tax on the given store sends
 * messages {@code FROM..N-1} ({@link CrashMessages}) and logs {@code SENT <index> <id>} on stdout only
 * after {@code send} returned, then {@code ALL_SENT}, then keeps running so its dispatcher delivers
 * what is queued, until the test kills it. Its receipt listener logs {@code PROCESSED <id>} for each
 * PROCESSED receipt: the receiver committed the message as handled before it signed that receipt.
 *
 * <p>A restarted sender resumes right after the last index its predecessors logged. It never sends
 * a logged message again, so a logged message missing at the end can only be one the outbox lost
 * after {@code send} returned (restarting at 0 would quietly store any such message anew). The one
 * message in flight at the kill, which may or may not be stored, is sent again with its id: an
 * idempotent resend when it is.
 *
 * <p>Its claim lease is {@link #LEASE}: a killed sender's claimed messages are its successor's
 * again that long after the kill (the SDK's default lease is minutes, for a slow hub's retries).
 *
 * <p>Options: {@code --hub URI --credentials DIR --store (dir:PATH | JDBC-URL) --from FROM --messages N --max-seconds S}.
 */
public final class SenderMain {
    static final Duration LEASE = Duration.ofSeconds(2);

    private SenderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CrashChild child = CrashChild.start(args);
        int from = Integer.parseInt(child.option("from"));
        int messages = Integer.parseInt(child.option("messages"));
        String store = child.option("store");
        ExchangeClient.Builder builder = ExchangeClient.builder()
                .hub(URI.create(child.option("hub")))
                .hubParty(TestDepartment.EXCHANGE_PLATFORM.partyId())
                .party(CrashMessages.SENDER.partyId())
                .credentials(child.credentials(CrashMessages.SENDER))
                .trustAnchors(child.trustAnchors())
                .dispatchInterval(Duration.ofMillis(20))
                .receiptPollInterval(Duration.ofMillis(100))
                .receiptListener(receipt -> {
                    if (receipt.state() == ReceiptState.PROCESSED) {
                        CrashChild.log("PROCESSED " + receipt.messageId());
                    }
                })
                .leaseDuration(LEASE)
                .dispatchConcurrency(4)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(50))
                        .maxBackoff(Duration.ofMillis(250)).build());
        Path directory = CrashChild.directory(store);
        if (directory != null) {
            builder.storeDirectory(directory);
        } else {
            builder.store(CrashChild.dataSource(store, "crash-sender"));
        }
        ExchangeClient client = builder.build();
        CrashChild.log("READY");
        for (int index = from; index < messages; index++) {
            MessageId id = client.send(CrashMessages.message(index));
            if (!id.equals(CrashMessages.id(index))) {
                CrashChild.log("WRONG_ID " + index + " " + id);
                Runtime.getRuntime().halt(5);
            }
            CrashChild.log("SENT " + index + " " + id);
        }
        CrashChild.log("ALL_SENT");
        new CountDownLatch(1).await();
    }
}
