package org.goldensdk.exchange.internal.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.SignatureException;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.internal.store.OutboxStore;
import org.goldensdk.exchange.internal.store.OutboxStore.RowState;
import org.goldensdk.exchange.internal.store.OutboxStore.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers queued outbox rows to the hub: claims the due ones, POSTs each as a Delivery to
 * {@code exchange/v1/messages} (retry-safe: the hub deduplicates by message id, sent as the
 * {@code Idempotency-Key}), verifies and stores the hub's ACCEPTED receipt. A refusal the hub
 * reports as final (an error answer that is not retryable: 400, 401, 403, 409, 413…) makes the row
 * a FAILED dead letter; an expired message becomes EXPIRED; anything else (transport failures, 5xx,
 * 429, a receipt that does not verify) is retried later with the {@link RetryPolicy}'s backoff,
 * stored in the row, until the message expires. One {@link #runOnce()} at a time.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final String MESSAGES = "exchange/v1/messages";
    private static final int BATCH = 20;
    /** Retry numbers beyond this all get the policy's maximum backoff; keeps the exponent finite. */
    private static final int BACKOFF_STEPS = 30;

    private final OutboxStore store;
    private final HttpTransport transport;
    private final ReceiptRecorder recorder;
    private final ReceiptNotifier notifier;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final Duration idleInterval;
    private final Duration claimLength;
    private volatile boolean closed;

    /**
     * @param idleInterval the longest time between two looks at the outbox (rows committed by a
     *     caller's own transaction are found this way)
     */
    public Dispatcher(OutboxStore store, HttpTransport transport, ReceiptRecorder recorder, ReceiptNotifier notifier,
            RetryPolicy retryPolicy, Clock clock, Duration idleInterval) {
        this.store = store;
        this.transport = transport;
        this.recorder = recorder;
        this.notifier = notifier;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.idleInterval = idleInterval;
        // Longer than one delivery can take (the transport's own retries included), so a live claim never lapses.
        this.claimLength = retryPolicy.budget().plus(retryPolicy.maxRetryAfter()).plus(Duration.ofMinutes(2));
    }

    /** Stops delivering after the message in progress. */
    public void close() {
        closed = true;
    }

    /** Delivers what is due; returns the delay until the next run. */
    public Duration runOnce() {
        Instant now = clock.instant();
        List<MessageId> claimed = store.claimDue(now, now.plus(claimLength), BATCH);
        int delivered = 0;
        for (MessageId id : claimed) {
            if (closed) {
                store.releaseClaim(id);
                continue;
            }
            try (MDC.MDCCloseable ignored = MDC.putCloseable(MdcKeys.MESSAGE_ID, id.toString())) {
                if (deliver(id)) {
                    delivered++;
                }
            }
        }
        if (delivered > 0) {
            notifier.notifyPending();
        }
        if (claimed.size() == BATCH) {
            return Duration.ZERO;
        }
        Instant after = clock.instant();
        return store.nextDue().map(due -> Duration.between(after, due)).filter(wait -> wait.compareTo(idleInterval) < 0)
                .map(wait -> wait.isNegative() ? Duration.ZERO : wait).orElse(idleInterval);
    }

    private boolean deliver(MessageId id) {
        StoredMessage sent = store.find(id).orElseThrow();
        Instant now = clock.instant();
        if (!sent.expiresAt().isAfter(now)) {
            LOG.warn("Message expired at {} before the hub accepted it, after {} attempts; dead letter",
                    sent.expiresAt(), sent.attempts());
            store.endUndelivered(id, RowState.EXPIRED, ErrorCode.VALIDATION.wireCode(),
                    "expired at " + sent.expiresAt() + " before the hub accepted it (" + sent.attempts() + " attempts)");
            return false;
        }
        try {
            byte[] envelopeJson = store.envelopeJson(id);
            Receipt accepted = post(id, EnvelopeCodec.json().decode(envelopeJson), store.parts(id));
            recorder.verify(accepted, sent);
            if (accepted.state() != ReceiptState.ACCEPTED) {
                throw new SignatureException("the hub answered the submission with a " + accepted.state()
                        + " receipt; it must answer ACCEPTED");
            }
            store.inTransaction(connection -> recorder.record(connection, accepted));
            LOG.info("The hub accepted the message (attempt {})", sent.attempts() + 1);
            return true;
        } catch (GoldenException e) {
            handleFailure(sent, e);
            return false;
        }
    }

    private Receipt post(MessageId id, Envelope envelope, List<Content> parts) {
        byte[] body = EnvelopeCodec.json().encode(new Delivery(envelope, parts.get(0), parts.subList(1, parts.size())));
        HttpRequest request = HttpRequest.builder("POST", MESSAGES)
                .header(HttpRequest.IDEMPOTENCY_KEY_HEADER, id.toString())
                .body(HttpBody.of(body, "application/json"))
                .build();
        try (HttpResponse response = transport.execute(request)) {
            return EnvelopeCodec.json().decodeReceipt(response.bodyBytes());
        }
    }

    private void handleFailure(StoredMessage sent, GoldenException e) {
        boolean refusedByHub = e.remote().isPresent() && !e.isRetryable();
        if (refusedByHub) {
            String code = e.remote().map(remote -> remote.wireCode()).filter(wire -> wire != null && !wire.isBlank())
                    .orElse(e.code().wireCode());
            // The hub's own explanation (problem detail) says more than the generic text of the mapped exception.
            String message = e.remote().map(remote -> remote.detail()).filter(detail -> detail != null && !detail.isBlank())
                    .orElse(e.getMessage());
            LOG.warn("The hub refused the message with {}: {}; dead letter", code, message);
            store.endUndelivered(sent.id(), RowState.FAILED, code, message);
            return;
        }
        int retry = Math.min(sent.attempts() + 1, BACKOFF_STEPS);
        Duration delay = retryPolicy.delayBefore(retry, Optional.empty(), ThreadLocalRandom.current());
        Instant next = clock.instant().plus(delay);
        LOG.info("Delivery attempt {} failed ({}: {}); next attempt at {}", sent.attempts() + 1, e.code().wireCode(),
                e.getMessage(), next);
        store.scheduleRetry(sent.id(), next);
    }
}
