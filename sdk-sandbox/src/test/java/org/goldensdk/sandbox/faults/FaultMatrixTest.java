package org.goldensdk.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Settings;
import org.goldensdk.exchange.DeliveryStatus;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.faults.PassThroughProxy.Fault;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault matrix of durable delivery: tax's {@link ExchangeClient} sends customs messages through
 * a sandbox hub of this class's own while the link or the hub misbehaves — connection faults from a
 * {@link PassThroughProxy} that relays the mutual TLS untouched, HTTP faults from the hub's
 * {@link org.goldensdk.sandbox.SandboxFaults} — and every message sent during a fault is delivered
 * exactly once when it clears: PROCESSED at tax's receipt listener, customs' handler called once.
 *
 * <p>The client runs on a {@link RecordingScheduler} (virtual time: its dispatcher, receipt poller
 * and transport retries run on the test thread when the test advances the clock), so the retry
 * spacing is asserted on the virtual clock: every wait against the {@link #POLICY}'s bounds or the
 * hub's {@code Retry-After}, and — where each attempt opens a connection — the attempt times the
 * proxy logged against the waits. The hub, customs and the network run in real time; waits on them
 * are bounded by Awaitility.
 */
@Timeout(60)
class FaultMatrixTest {
    /** Equal jitter, so a wait has a floor as well as a ceiling to check. */
    private static final RetryPolicy POLICY = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofSeconds(1))
            .multiplier(2).maxBackoff(Duration.ofSeconds(16)).jitter(RetryPolicy.Jitter.EQUAL)
            .maxRetryAfter(Duration.ofSeconds(30)).budget(Duration.ofMinutes(2)).build();
    /** Longer than any fault: the poller and an idle dispatcher stay out of the faults' time line. */
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration HANG_GUARD = Duration.ofSeconds(15);
    /** Short enough to keep the slow-answer test quick, long enough for the hub under load (2-core CI). */
    private static final Duration SLOW_TEST_READ_TIMEOUT = Duration.ofSeconds(2);

    private static Sandbox sandbox;
    private static ExchangeEndpoint customs;
    private static PassThroughProxy proxy;
    private static final Map<MessageId, AtomicInteger> HANDLED = new ConcurrentHashMap<>();
    private static volatile RecordingScheduler currentTime;

    @TempDir
    static Path stores;

    private RecordingScheduler time;
    private ExchangeClient tax;
    private final List<Receipt> receipts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startHubCustomsAndProxy() {
        sandbox = Sandbox.builder().defaultRights().start();
        customs = ExchangeEndpoint.builder()
                .party(TestDepartment.CUSTOMS.partyId())
                .credentials(TestDepartment.CUSTOMS.credentials())
                .trustAnchors(sandbox.trustAnchors())
                .hubParty(sandbox.hubParty())
                .storeDirectory(stores.resolve("customs"))
                .handle(AccessRight.TAX_COMPANY_STATUS, (message, context) -> {
                    HANDLED.computeIfAbsent(message.messageId(), id -> new AtomicInteger()).incrementAndGet();
                    return Outcome.processed();
                })
                .listen("127.0.0.1", 0)
                .build()
                .start();
        sandbox.registerEndpoint(TestDepartment.CUSTOMS.partyId(), customs.uri());
        proxy = PassThroughProxy.to(sandbox.hubUri(), () -> currentTime.now());
    }

    @AfterAll
    static void stopAll() {
        proxy.close();
        customs.close();
        sandbox.close();
    }

    @AfterEach
    void closeClient() {
        sandbox.faults().clear();
        proxy.open();
        proxy.clearFaults();
        if (tax != null) {
            tax.close();
        }
    }

    @ParameterizedTest(name = "reset after {0} bytes of the hub''s answer")
    @ValueSource(ints = {0, 1500})
    void aConnectionResetFourTimesRetriesInTheTransportThenTheOutboxAndDeliversOnce(int answerBytes) {
        startTax("reset-" + answerBytes, Optional.empty());
        proxy.faultNext(4, Fault.resetAfterAnswerBytes(answerBytes));
        Instant sentAt = time.now();
        MessageId id = tax.send(status());

        Instant delivered = advanceUntilSent(id, Duration.ofSeconds(1));

        RetrySpacing spacing = spacing(sentAt, delivered).assertWithin(POLICY, Optional.empty())
                .assertAttemptsAt(attemptsSeenByProxySince(sentAt, delivered));
        // Three transport attempts, then the outbox's retry, whose second transport attempt passes.
        assertThat(spacing.waits()).extracting(RecordingScheduler.Wait::kind).containsExactly(
                RecordingScheduler.Kind.SLEEP, RecordingScheduler.Kind.SLEEP, RecordingScheduler.Kind.SCHEDULE,
                RecordingScheduler.Kind.SLEEP);
        assertThat(tax.status(id).attempts()).isEqualTo(1);
        assertDeliveredOnce(id);
    }

    @Test
    void aBurstSentWhileConnectionsAreResetIsDeliveredOnceEach() {
        startTax("reset-burst", Optional.empty());
        proxy.faultNext(6, Fault.resetAfterAnswerBytes(0));
        List<MessageId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(tax.send(status()));
        }

        for (MessageId id : ids) {
            advanceUntilSent(id, Duration.ofSeconds(1));
        }

        assertThat(proxy.plannedFaults()).isZero();
        ids.forEach(this::assertDeliveredOnce);
    }

    @Test
    void anEmptyReplyIsRetriedAndDeliveredOnce() {
        startTax("empty", Optional.empty());
        proxy.faultNext(4, Fault.EMPTY_REPLY);
        Instant sentAt = time.now();
        MessageId id = tax.send(status());

        Instant delivered = advanceUntilSent(id, Duration.ofSeconds(1));

        // Each empty reply is one HTTP attempt; its waits are checked against the layer that waited. (Today the
        // transport reports a handshake cut short as a TLS rejection and leaves every retry to the outbox.)
        RetrySpacing spacing = spacing(sentAt, delivered).assertWithin(POLICY, Optional.empty())
                .assertAttemptsAt(attemptsSeenByProxySince(sentAt, delivered));
        assertThat(spacing.httpAttempts()).isEqualTo(5);
        System.out.printf("empty reply x4: waits %s, outbox attempts %d%n", spacing.waits(), tax.status(id).attempts());
        assertDeliveredOnce(id);
    }

    @Test
    void answersSlowerThanTheReadTimeoutAreRetriedAndTheMessageIsHandledOnce() {
        startTax("slow", Optional.of(SLOW_TEST_READ_TIMEOUT));
        proxy.faultNext(2, Fault.STALL_ANSWER);
        Instant sentAt = time.now();
        MessageId id = tax.send(status());

        Instant delivered = advanceUntilSent(id, Duration.ofSeconds(1));

        // The hub stored the message on the first attempt; the retries are resends it answers 200.
        RetrySpacing spacing = spacing(sentAt, delivered).assertWithin(POLICY, Optional.empty())
                .assertAttemptsAt(attemptsSeenByProxySince(sentAt, delivered));
        assertThat(spacing.waits()).extracting(RecordingScheduler.Wait::kind)
                .containsExactly(RecordingScheduler.Kind.SLEEP, RecordingScheduler.Kind.SLEEP);
        assertThat(tax.status(id).attempts()).isZero();
        assertDeliveredOnce(id);
    }

    @Test
    void aHubDownForTenMinutesOfVirtualTimeIsRetriedAsThePolicySaysAndDeliversOnceItIsBack() {
        startTax("down", Optional.empty());
        proxy.refuse();
        Instant sentAt = time.now();
        MessageId id = tax.send(status());

        for (int step = 0; step < 60; step++) {
            time.advance(Duration.ofSeconds(10));
        }
        assertThat(tax.status(id).state()).isEqualTo(DeliveryStatus.State.QUEUED);
        int failedWhileDown = tax.status(id).attempts();
        Instant reopened = time.now();
        proxy.open();
        Instant delivered = advanceUntilSent(id, Duration.ofSeconds(1));

        RetrySpacing spacing = spacing(sentAt, delivered).assertWithin(POLICY, Optional.empty());
        // Refused connections never reach the proxy (the kernel refuses them): it sees the one that delivers.
        assertThat(attemptsSeenByProxySince(sentAt, delivered)).containsExactly(spacing.attemptTimes()
                .get(spacing.attemptTimes().size() - 1));
        assertThat(spacing.failedDeliveryAttempts()).isEqualTo(failedWhileDown);
        assertThat(spacing.transportRetries()).isEqualTo(failedWhileDown * (POLICY.maxAttempts() - 1));
        assertThat(failedWhileDown).as("failed delivery attempts in ten minutes under %s", POLICY)
                .isBetween(deliveryAttemptsIn(Duration.ofMinutes(10), true), deliveryAttemptsIn(Duration.ofMinutes(10), false));
        Instant deliveringAttempt = spacing.attemptTimes().get(spacing.attemptTimes().size() - 1);
        assertThat(Duration.between(reopened, deliveringAttempt)).isLessThan(POLICY.maxBackoff());
        System.out.printf("hub down 10 min: %d delivery attempts (%d HTTP attempts) failed, delivered %s after reopening%n",
                failedWhileDown, spacing.httpAttempts() - 1, Duration.between(reopened, deliveringAttempt));
        assertDeliveredOnce(id);
    }

    @Test
    void a503WithRetryAfterIsWaitedOutExactlyInsideOneDeliveryAttempt() {
        startTax("503", Optional.empty());
        Duration retryAfter = Duration.ofSeconds(7);
        sandbox.faults().failNextSubmissions(2, 503, retryAfter);
        Instant sentAt = time.now();
        MessageId id = tax.send(status());

        Instant delivered = advanceUntilSent(id, Duration.ofSeconds(1));

        RetrySpacing spacing = spacing(sentAt, delivered).assertWithin(POLICY, Optional.of(retryAfter));
        assertThat(spacing.waits()).extracting(RecordingScheduler.Wait::length).containsExactly(retryAfter, retryAfter);
        assertThat(tax.status(id).attempts()).isZero();
        assertDeliveredOnce(id);
    }

    @Test
    void a503OutlastingOneDeliveryAttemptIsRetriedByTheOutboxAndDeliveredOnce() {
        startTax("503-long", Optional.empty());
        Duration retryAfter = Duration.ofSeconds(7);
        sandbox.faults().failNextSubmissions(4, 503, retryAfter);
        Instant sentAt = time.now();
        MessageId id = tax.send(status());

        Instant delivered = advanceUntilSent(id, Duration.ofSeconds(1));

        // Retry-After governs the transport's waits; between delivery attempts the outbox waits its own backoff.
        RetrySpacing spacing = spacing(sentAt, delivered);
        assertThat(spacing.waits()).extracting(RecordingScheduler.Wait::kind).containsExactly(
                RecordingScheduler.Kind.SLEEP, RecordingScheduler.Kind.SLEEP, RecordingScheduler.Kind.SCHEDULE,
                RecordingScheduler.Kind.SLEEP);
        spacing.waits().stream().filter(wait -> wait.kind() == RecordingScheduler.Kind.SLEEP)
                .forEach(wait -> assertThat(wait.length()).isEqualTo(retryAfter));
        new RetrySpacing(spacing.waits().subList(2, 3), 0, 1, List.of()).assertWithin(POLICY, Optional.empty());
        System.out.printf("503 x4 with Retry-After %s: waits %s%n", retryAfter, spacing.waits());
        assertDeliveredOnce(id);
    }

    /**
     * Fails today: the hub's 500 (problem code E_INTERNAL, which core's ErrorCode marks not retryable) is taken by
     * the dispatcher for a final refusal, and the message becomes a FAILED dead letter after one attempt — although
     * the Dispatcher's Javadoc and issue 6 promise that 5xx answers are retried until the message expires.
     */
    @Test
    void a500IsATransientHubFailureAndTheMessageIsStillDeliveredOnce() {
        startTax("500", Optional.empty());
        sandbox.faults().failNextSubmissions(2, 500, null);
        MessageId id = tax.send(status());

        time.advance(Duration.ZERO);

        assertThat(tax.status(id).state()).as("after a 500 the message is %s (%s: %s); a 500 is the hub's own"
                + " failure, not a refusal of the message, and must be retried", tax.status(id).state(),
                tax.status(id).errorCode().orElse("-"), tax.status(id).errorMessage().orElse("-"))
                .isNotEqualTo(DeliveryStatus.State.FAILED);
        advanceUntilSent(id, Duration.ofSeconds(1));
        assertDeliveredOnce(id);
    }

    private void startTax(String store, Optional<Duration> readTimeout) {
        time = new RecordingScheduler(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        currentTime = time;
        ExchangeClient.Builder builder = ExchangeClient.builder()
                .hub(proxy.uri())
                .hubParty(sandbox.hubParty())
                .party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials())
                .trustAnchors(sandbox.trustAnchors())
                .storeDirectory(stores.resolve("tax-" + store))
                .scheduler(time)
                .retryPolicy(POLICY)
                .dispatchInterval(IDLE)
                .receiptPollInterval(IDLE)
                .receiptListener(receipts::add);
        readTimeout.ifPresent(timeout -> builder.settings(Settings.of(Map.of("golden.http.read-timeout",
                timeout.toMillis() + "ms"))));
        // The client's first receipt poll runs at the first advance. Were it to reach the hub, OkHttp would pool
        // its connection, and the first delivery attempt would ride that connection, which the proxy cut when a
        // fault was planned, and fail unseen by the proxy. So the first poll is refused: nothing is pooled.
        proxy.refuse();
        tax = builder.build();
        time.advance(Duration.ZERO);
        proxy.open();
        proxy.clearLog();
    }

    private static Message status() {
        return Message.to(TestDepartment.CUSTOMS.partyId()).service(AccessRight.TAX_COMPANY_STATUS)
                .json(Map.of("creditCode", "91420100MA4K00002Y", "status", "normal")).build();
    }

    /** Advances the client's clock in {@code step}s until the hub's ACCEPTED receipt is stored; the instant it was seen. */
    private Instant advanceUntilSent(MessageId id, Duration step) {
        time.advance(Duration.ZERO);
        await().atMost(HANG_GUARD).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    if (tax.status(id).state() == DeliveryStatus.State.SENT) {
                        return true;
                    }
                    assertThat(tax.status(id).state()).as("%s: %s", id, tax.status(id).errorMessage().orElse(""))
                            .isEqualTo(DeliveryStatus.State.QUEUED);
                    time.advance(step);
                    return false;
                });
        return time.now();
    }

    private RetrySpacing spacing(Instant sentAt, Instant delivered) {
        return RetrySpacing.of(time.waits(), sentAt, delivered, IDLE);
    }

    private static List<Instant> attemptsSeenByProxySince(Instant from, Instant to) {
        return proxy.accepted().stream().map(PassThroughProxy.Accepted::at)
                .filter(at -> !at.isBefore(from) && !at.isAfter(to)).toList();
    }

    /** PROCESSED reaches tax's listener (the poller runs as the clock moves) and customs handled the message once. */
    private void assertDeliveredOnce(MessageId id) {
        await().atMost(HANG_GUARD).pollInSameThread().pollInterval(Duration.ofMillis(20)).until(() -> {
            time.advance(IDLE);
            return statesOf(id).contains(ReceiptState.PROCESSED);
        });
        assertThat(statesOf(id)).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED, ReceiptState.PROCESSED);
        assertThat(HANDLED.get(id)).as("customs' handler calls for %s", id).hasValue(1);
    }

    private List<ReceiptState> statesOf(MessageId id) {
        return receipts.stream().filter(receipt -> receipt.messageId().equals(id)).map(Receipt::state).distinct().toList();
    }

    /**
     * How many delivery attempts fail in {@code window} against a hub that refuses every connection:
     * each attempt makes {@code maxAttempts} transport attempts with their waits, then the outbox
     * waits; with every wait at its floor ({@code fewest=false}) the most attempts fit, with every
     * wait at its ceiling the fewest.
     */
    private static int deliveryAttemptsIn(Duration window, boolean fewest) {
        Duration elapsed = Duration.ZERO;
        int attempts = 0;
        while (elapsed.compareTo(window) <= 0) {
            attempts++;
            for (int retry = 1; retry < POLICY.maxAttempts(); retry++) {
                elapsed = elapsed.plus(bound(retry, fewest));
            }
            elapsed = elapsed.plus(bound(Math.min(attempts, 30), fewest));
        }
        return attempts;
    }

    private static Duration bound(int retry, boolean ceiling) {
        Duration top = POLICY.backoffCeiling(retry);
        return ceiling ? top : top.dividedBy(2);
    }
}
