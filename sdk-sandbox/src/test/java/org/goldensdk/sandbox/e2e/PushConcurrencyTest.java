package org.goldensdk.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hub pushes up to {@code pushConcurrency} messages to one receiver at the same time, never
 * more: customs' handler holds every message until the test lets go, so the pushes in flight pile
 * up at the bound.
 */
// A hang guard: starting a hub of its own took over a minute on this 2-core machine at load 25.
@Timeout(240)
class PushConcurrencyTest extends EndToEndFixture {
    private static final int PUSH_CONCURRENCY = 3;
    private static final int MESSAGES = 7;

    @Test
    void theHubPushesUpToPushConcurrencyMessagesToOneReceiverAtATime() throws Exception {
        Sandbox sandbox = Sandbox.builder().defaultRights().pushConcurrency(PUSH_CONCURRENCY).start();
        addCloseable(sandbox);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Set<MessageId> handled = ConcurrentHashMap.newKeySet();
        ExchangeEndpoint customs = ExchangeEndpoint.builder()
                .party(TestDepartment.CUSTOMS.partyId())
                .credentials(TestDepartment.CUSTOMS.credentials())
                .trustAnchors(sandbox.trustAnchors())
                .hubParty(sandbox.hubParty())
                .storeDirectory(stores.resolve("customs"))
                .handle(COMPANY_STATUS, (message, context) -> {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    try {
                        release.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        inside.decrementAndGet();
                    }
                    handled.add(message.messageId());
                    return Outcome.processed();
                })
                .listen("127.0.0.1", 0)
                .build()
                .start();
        addCloseable(customs);
        sandbox.registerEndpoint(TestDepartment.CUSTOMS.partyId(), customs.uri());
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        ExchangeClient tax = tax(sandbox, stores.resolve("tax"), receipts);

        List<MessageId> sent = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            sent.add(tax.send(status("company-" + i)));
        }
        await().atMost(HANG_GUARD).until(() -> inside.get() == PUSH_CONCURRENCY && sent.stream()
                .allMatch(id -> statesOf(receipts, id).contains(ReceiptState.ACCEPTED)));
        assertThat(inside.get()).as("pushes held by customs once all %d messages were accepted", MESSAGES)
                .isEqualTo(PUSH_CONCURRENCY);
        release.countDown();

        await().atMost(HANG_GUARD).until(() -> handled.containsAll(sent));
        assertThat(mostInside.get()).as("most pushes customs ever held at once").isEqualTo(PUSH_CONCURRENCY);
    }

    @Test
    void aPushConcurrencyOutsideOneToSixtyFourIsRefused() {
        assertThatThrownBy(() -> Sandbox.builder().pushConcurrency(0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("pushConcurrency");
        assertThatThrownBy(() -> Sandbox.builder().pushConcurrency(65)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("pushConcurrency");
    }
}
