package org.goldensdk.sandbox.crash;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.testkit.TestDepartment;

/**
 * The crash test's sender, a forked JVM: an {@link ExchangeClient} of tax on the given store sends
 * messages {@code 0..N-1} ({@link CrashMessages}) and logs {@code SENT <index> <id>} on stdout only
 * after {@code send} returned, then {@code ALL_SENT}, then keeps running so its dispatcher delivers
 * what is queued, until the test kills it. Every run starts again at index 0: for a message an
 * earlier (killed) run already stored, {@code send} finds it by its id and returns without queueing
 * it again, so the restarted sender also logs what its predecessor stored but had no time to log.
 *
 * <p>Options: {@code --hub URI --credentials DIR --store (dir:PATH | JDBC-URL) --messages N --max-seconds S}.
 */
public final class SenderMain {
    private SenderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CrashChild child = CrashChild.start(args);
        int messages = Integer.parseInt(child.option("messages"));
        String store = child.option("store");
        ExchangeClient.Builder builder = ExchangeClient.builder()
                .hub(URI.create(child.option("hub")))
                .hubParty(TestDepartment.EXCHANGE_PLATFORM.partyId())
                .party(CrashMessages.SENDER.partyId())
                .credentials(child.credentials(CrashMessages.SENDER))
                .trustAnchors(child.trustAnchors())
                .dispatchInterval(Duration.ofMillis(20))
                .receiptPollInterval(Duration.ofMillis(500))
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
        for (int index = 0; index < messages; index++) {
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
