package org.goldensdk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.goldensdk.sandbox.HubCalls.as;
import static org.goldensdk.sandbox.HubCalls.delivery;
import static org.goldensdk.sandbox.HubCalls.get;
import static org.goldensdk.sandbox.HubCalls.receipts;
import static org.goldensdk.sandbox.HubCalls.seal;
import static org.goldensdk.sandbox.HubCalls.submit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.VirtualScheduler;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.SealedMessage;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pull delivery at the hub: customs sits behind a firewall and long-polls its inbox. The hub runs on
 * virtual time, so visibility timeouts and long-poll waits pass without sleeping.
 */
@Timeout(60)
class HubPullTest {
    private static final PartyId CUSTOMS = TestDepartment.CUSTOMS.partyId();
    private static final Duration VISIBILITY = Duration.ofMinutes(1);
    private static final String INBOX = "inbox?party=" + URLEncoder.encode(CUSTOMS.toString(), StandardCharsets.UTF_8);

    @TempDir
    Path stores;

    private VirtualScheduler time;
    private Sandbox sandbox;
    private HttpTransport tax;
    private HttpTransport customs;

    @BeforeEach
    void start() {
        // Starts now, so envelopes sealed on the system clock are not from the hub's future.
        time = VirtualScheduler.startingAt(Instant.now());
        sandbox = Sandbox.builder().scheduler(time).defaultRights().checkContract().pullVisibilityTimeout(VISIBILITY).start();
        tax = as(sandbox, TestDepartment.TAX.credentials());
        customs = as(sandbox, TestDepartment.CUSTOMS.credentials());
    }

    @AfterEach
    void stop() {
        List<String> violations = sandbox.contractViolations();
        tax.close();
        customs.close();
        sandbox.close();
        assertThat(violations).as("OpenAPI contract violations").isEmpty();
    }

    @Test
    void onlyTheInboxOwnerMayFetchOrAcknowledge() {
        SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, AccessRight.TAX_COMPANY_STATUS, "{\"q\":1}");
        submit(tax, delivery(sealed));
        Receipt delivered = Receipt.issue(sealed.envelope(), ReceiptState.DELIVERED, CUSTOMS,
                TestDepartment.CUSTOMS.credentials().signer(CryptoSuite.GM), Instant.now(), null, null);

        assertThatThrownBy(() -> pull(tax, 0)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("only a party itself may read its inbox");
        assertThatThrownBy(() -> acknowledge(tax, delivered)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("acknowledges only its own messages");
        assertThat(receipts(get(tax, "messages/" + sealed.envelope().header().messageId() + "/receipts")))
                .extracting(Receipt::state).containsExactly(ReceiptState.ACCEPTED);

        Delivery fetched = pull(customs, 0);
        assertThat(fetched.envelope().digest()).isEqualTo(sealed.envelope().digest());
        acknowledge(customs, delivered);
        assertThat(receipts(get(tax, "messages/" + sealed.envelope().header().messageId() + "/receipts")))
                .extracting(Receipt::state).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED);

        SealedMessage other = seal(TestDepartment.TAX, CUSTOMS, AccessRight.TAX_COMPANY_STATUS, "{\"q\":2}");
        Receipt aboutUnknown = Receipt.issue(other.envelope(), ReceiptState.DELIVERED, CUSTOMS,
                TestDepartment.CUSTOMS.credentials().signer(CryptoSuite.GM), Instant.now(), null, null);
        assertThatThrownBy(() -> acknowledge(customs, aboutUnknown)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aFetchedMessageNotAcknowledgedIsHiddenUntilTheVisibilityTimeoutThenOfferedAgain() {
        SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, AccessRight.TAX_COMPANY_STATUS, "{\"q\":1}");
        submit(tax, delivery(sealed));

        assertThat(pull(customs, 0).envelope().digest()).isEqualTo(sealed.envelope().digest());
        assertThat(pull(customs, 0)).isNull();
        time.advance(VISIBILITY.plusSeconds(1));
        assertThat(pull(customs, 0).envelope().digest()).isEqualTo(sealed.envelope().digest());
    }

    @Test
    void aLongPollIsAnsweredWhenAMessageArrives() throws Exception {
        java.util.concurrent.CompletableFuture<Delivery> waiting = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> pull(customs, 30));
        SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, AccessRight.TAX_COMPANY_STATUS, "{\"q\":1}");
        submit(tax, delivery(sealed));

        assertThat(waiting.get(20, java.util.concurrent.TimeUnit.SECONDS).envelope().digest())
                .isEqualTo(sealed.envelope().digest());
    }

    @Test
    void aLongPollWithNothingToFetchEndsEmptyWhenItsWaitPasses() throws Exception {
        java.util.concurrent.CompletableFuture<Delivery> waiting = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> pull(customs, 30));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            time.advance(Duration.ofSeconds(10));
            return waiting.isDone();
        });
        assertThat(waiting.get()).isNull();
    }

    @Test
    void aPullerThatDiesBetweenFetchAndAcknowledgementGetsTheMessageAgainAndHandlesItOnce() {
        // The first puller fetched the message and died before handling it: nothing acknowledged.
        SealedMessage first = seal(TestDepartment.TAX, CUSTOMS, AccessRight.TAX_COMPANY_STATUS, "{\"q\":1}");
        submit(tax, delivery(first));
        assertThat(pull(customs, 0)).isNotNull();

        List<MessageId> handled = new CopyOnWriteArrayList<>();
        try (ExchangeEndpoint puller = puller(handled, stores.resolve("customs"))) {
            MessageId firstId = first.envelope().header().messageId();
            advanceUntil(() -> states(firstId).contains(ReceiptState.PROCESSED));
            assertThat(handled).containsExactly(firstId);

            // Now the puller handles and commits a message, but its acknowledgement never reaches the
            // hub (as if it died right after the commit): the hub offers the message again and the
            // inbox answers it from its record, without calling the handler.
            sandbox.faults().failNextAcknowledgements(2, 503);
            SealedMessage second = seal(TestDepartment.TAX, CUSTOMS, AccessRight.TAX_COMPANY_STATUS, "{\"q\":2}");
            submit(tax, delivery(second));
            MessageId secondId = second.envelope().header().messageId();
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.contains(secondId));
            assertThat(states(secondId)).containsExactly(ReceiptState.ACCEPTED);

            advanceUntil(() -> states(secondId).contains(ReceiptState.PROCESSED));
            assertThat(states(secondId)).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED,
                    ReceiptState.PROCESSED);
            assertThat(handled).containsExactly(firstId, secondId);
        }
    }

    private ExchangeEndpoint puller(List<MessageId> handled, Path store) {
        return ExchangeEndpoint.builder()
                .party(CUSTOMS).credentials(TestDepartment.CUSTOMS.credentials())
                .trustAnchors(sandbox.trustAnchors()).hubParty(sandbox.hubParty())
                .storeDirectory(store)
                .pullFrom(sandbox.hubUri())
                .pullWait(Duration.ofSeconds(10))
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(10))
                        .maxBackoff(Duration.ofMillis(50)).build())
                .handle(AccessRight.TAX_COMPANY_STATUS, (message, context) -> {
                    handled.add(message.messageId());
                    return Outcome.processed();
                })
                .build()
                .start();
    }

    /** Moves the hub's time on in small steps (waits end, leases run out) until {@code done}. */
    private void advanceUntil(java.util.concurrent.Callable<Boolean> done) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            time.advance(Duration.ofSeconds(15));
            return done.call();
        });
    }

    private List<ReceiptState> states(MessageId id) {
        return receipts(get(tax, "messages/" + id + "/receipts")).stream().map(Receipt::state).toList();
    }

    /** GET inbox as {@code caller}; null for 204. */
    private static Delivery pull(HttpTransport caller, int waitSeconds) {
        try (HttpResponse response = caller.execute(HttpRequest.get(INBOX + "&wait=" + waitSeconds))) {
            return response.status() == 204 ? null : EnvelopeCodec.json().decodeDelivery(response.body(), 16L << 20);
        }
    }

    private static void acknowledge(HttpTransport caller, Receipt receipt) {
        byte[] body = ("{\"receipts\":[" + new String(EnvelopeCodec.json().encode(receipt), StandardCharsets.UTF_8) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        caller.execute(HttpRequest.builder("POST", "inbox/receipts").body(HttpBody.of(body, "application/json")).build())
                .close();
    }
}
