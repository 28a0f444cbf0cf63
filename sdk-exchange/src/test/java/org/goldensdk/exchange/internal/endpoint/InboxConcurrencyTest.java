package org.goldensdk.exchange.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DigestValue;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.exchange.TestStore;
import org.goldensdk.exchange.internal.store.ExchangeDatabase;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two deliveries of one message at once (the hub retried while the first was still in the handler),
 * on each store.
 */
@ParameterizedClass
@EnumSource(TestStore.class)
@Timeout(30)
class InboxConcurrencyTest {
    @Parameter
    TestStore kind;

    @Test
    void aConcurrentSecondDeliveryWaitsAndAnswersTheFirstOnesReceiptsWithoutHandlingAgain(@TempDir Path directory)
            throws Exception {
        try (HikariDataSource store = kind.open(directory)) {
            ExchangeDatabase.migrate(store);
            Inbox inbox = new Inbox(store);
            Inbox.Entry entry = new Inbox.Entry(TestDepartment.TAX.partyId(), MessageId.generate(),
                    DigestValue.of(CryptoSuite.GM, new byte[32]), ServiceId.of("tax.company-status", 1),
                    Instant.parse("2026-03-02T00:00:00Z"));
            CountDownLatch inHandler = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger handled = new AtomicInteger();

            CompletableFuture<Inbox.Recorded> first = CompletableFuture.supplyAsync(() -> inbox.recordOnce(entry, Instant.now(),
                    () -> "{\"delivered\":1}", (transaction, delivered) -> {
                        handled.incrementAndGet();
                        inHandler.countDown();
                        awaitLatch(release);
                        return "{\"processed\":1}";
                    }));
            assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Inbox.Recorded> second = CompletableFuture.supplyAsync(() -> inbox.recordOnce(entry, Instant.now(),
                    () -> "{\"delivered\":2}", (transaction, delivered) -> {
                        handled.incrementAndGet();
                        return "{\"processed\":2}";
                    }));
            // the second one waits in the insert for the first one's row
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> kind.sessionsRunning(store, "INSERT INTO golden_inbox_message") > 0);
            release.countDown();

            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(first.get(10, TimeUnit.SECONDS));
            assertThat(first.get().receipts()).containsExactly("{\"delivered\":1}", "{\"processed\":1}");
            assertThat(handled).hasValue(1);
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
