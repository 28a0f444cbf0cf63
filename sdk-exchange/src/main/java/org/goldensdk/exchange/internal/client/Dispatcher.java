package org.goldensdk.exchange.internal.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.SignatureException;
import org.goldensdk.exchange.AttachmentInfo;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.internal.store.OutboxAttachments;
import org.goldensdk.exchange.internal.store.OutboxStore;
import org.goldensdk.exchange.internal.store.OutboxStore.RowState;
import org.goldensdk.exchange.internal.store.OutboxStore.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers queued outbox rows to the hub: claims the due ones, streams each attachment from its
 * outbox file to {@code exchange/v1/attachments/{digest}} (retry-safe: the hub stores a digest
 * once), then POSTs the Delivery — envelope and payload, the attachments only referenced by the
 * signed manifest — to {@code exchange/v1/messages} (retry-safe: the hub deduplicates by message
 * id, sent as the {@code Idempotency-Key}), verifies and stores the hub's ACCEPTED receipt and
 * deletes the message's attachment files. Over SOAP (an {@link AttachmentCarrier} transport), which
 * has no upload operation, the attachments travel inside the submission instead, as MTOM parts
 * streamed from the same files. A refusal the hub reports as final (an error answer that is not retryable: 400, 401, 403, 409, 413…) makes the row
 * a FAILED dead letter; an expired message becomes EXPIRED; anything else (transport failures, 5xx,
 * 429, a receipt that does not verify) is retried later with the {@link RetryPolicy}'s backoff,
 * stored in the row with the error, until the attempt budget is spent (FAILED) or the message
 * expires. Several nodes may dispatch one outbox: each claims its rows under a lease
 * ({@link OutboxStore#claimDue}) and renews it right before posting a message, so a message is
 * posted by one node at a time; a crashed node's leases lapse and its messages return. With a
 * concurrency above one, the messages of one claim are posted that many at a time (a claim never
 * holds two messages of one ordered conversation, so order is kept). One {@link #runOnce()} at a
 * time per dispatcher.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final String MESSAGES = "exchange/v1/messages";
    private static final String ATTACHMENTS = "exchange/v1/attachments/";
    private static final int BATCH = 20;
    private static final Duration CONTENDED_PAUSE = Duration.ofMillis(100);
    /** Retry numbers beyond this all get the policy's maximum backoff; keeps the exponent finite. */
    private static final int BACKOFF_STEPS = 30;

    private final OutboxStore store;
    private final OutboxAttachments attachments;
    private final HttpTransport transport;
    private final HttpTransport uploads;
    private final ReceiptRecorder recorder;
    private final ReceiptNotifier notifier;
    private final Clock clock;
    private final Options options;
    private final String node = UUID.randomUUID().toString();
    /** Posts messages side by side when the concurrency is above one; null otherwise. */
    private final ExecutorService posters;
    private volatile boolean closed;

    /**
     * How a dispatcher works.
     *
     * @param retryPolicy the backoff between attempts
     * @param idleInterval the longest time between two looks at the outbox (rows committed by a
     *     caller's own transaction are found this way)
     * @param lease how long a claim holds before another node may take the message
     * @param maxAttempts attempts before a message becomes a FAILED dead letter
     * @param orderedConversations whether a message waits for the earlier ones of its conversation
     * @param concurrency how many messages are posted at a time (1: one after the other)
     */
    public record Options(RetryPolicy retryPolicy, Duration idleInterval, Duration lease, int maxAttempts,
            boolean orderedConversations, int concurrency) {
    }

    /**
     * A dispatcher of {@code store}'s messages and their {@code attachments}, a node of its own (a
     * random node id), uploading attachments through {@code uploads} (a transport allowing a long
     * call), or carrying them inside the submission when {@code transport} is an
     * {@link AttachmentCarrier} (SOAP; {@code uploads} is then null).
     */
    public Dispatcher(OutboxStore store, OutboxAttachments attachments, HttpTransport transport, HttpTransport uploads,
            ReceiptRecorder recorder, ReceiptNotifier notifier, Clock clock, Options options) {
        this.store = store;
        this.attachments = attachments;
        this.uploads = uploads;
        this.transport = transport;
        this.recorder = recorder;
        this.notifier = notifier;
        this.clock = clock;
        this.options = options;
        AtomicInteger threads = new AtomicInteger();
        this.posters = options.concurrency() <= 1 ? null : Executors.newFixedThreadPool(options.concurrency(), task -> {
            Thread thread = new Thread(task, "golden-exchange-dispatch-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The default lease: longer than one delivery can take (the transport's own retries and
     * {@code Retry-After} waits included), so a live node's lease never lapses while it posts.
     */
    public static Duration defaultLease(RetryPolicy retryPolicy) {
        return retryPolicy.budget().plus(retryPolicy.maxRetryAfter()).plus(Duration.ofMinutes(2));
    }

    /** Stops delivering after the messages in progress; a run in progress releases the claims it has not started. */
    public void close() {
        closed = true;
        if (posters != null) {
            posters.shutdown();
        }
    }

    /** Delivers what is due; returns the delay until the next run. */
    public Duration runOnce() {
        Instant now = clock.instant();
        List<MessageId> claimed = store.claimDue(node, now, now.plus(options.lease()), BATCH,
                options.orderedConversations());
        deliverAll(claimed);
        if (!claimed.isEmpty()) {
            notifier.notifyPending();
        }
        if (claimed.size() == BATCH) {
            return Duration.ZERO;
        }
        Duration idle = options.idleInterval();
        // Due rows this run could not claim are another node's claims being made right now: do not spin on them.
        Duration least = claimed.isEmpty() ? min(CONTENDED_PAUSE, idle) : Duration.ZERO;
        Instant after = clock.instant();
        Duration untilDue = store.nextDue(options.orderedConversations()).map(due -> Duration.between(after, due))
                .orElse(idle);
        return max(least, min(untilDue, idle));
    }

    private void deliverAll(List<MessageId> claimed) {
        if (posters == null) {
            claimed.forEach(this::deliverClaimed);
            return;
        }
        List<Future<?>> posting = new ArrayList<>();
        for (MessageId id : claimed) {
            try {
                posting.add(posters.submit(() -> deliverClaimed(id)));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                store.releaseClaim(node, id);
            }
        }
        RuntimeException failure = null;
        for (Future<?> post : posting) {
            try {
                post.get();
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // closing: the posts in progress finish on their own, unstarted claims lapse with the lease
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void deliverClaimed(MessageId id) {
        if (closed) {
            store.releaseClaim(node, id);
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MdcKeys.MESSAGE_ID, id.toString())) {
            deliver(id);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private void deliver(MessageId id) {
        Instant now = clock.instant();
        // The batch's lease started before the earlier messages were posted: renew it for this one.
        if (!store.renewClaim(node, id, now, now.plus(options.lease()))) {
            LOG.info("The lease on the message lapsed before it was posted; another node may have it now");
            return;
        }
        StoredMessage sent = store.find(id).orElseThrow();
        if (!sent.expiresAt().isAfter(now)) {
            String last = sent.errorCode().map(code -> "; last error " + code + ": " + sent.errorMessage().orElse(""))
                    .orElse("");
            LOG.warn("Message expired at {} before the hub accepted it, after {} attempts; dead letter",
                    sent.expiresAt(), sent.attempts());
            store.endUndelivered(id, RowState.EXPIRED, false, ErrorCode.VALIDATION.wireCode(),
                    "expired at " + sent.expiresAt() + " before the hub accepted it (" + sent.attempts() + " attempts"
                            + last + ")", now);
            attachments.delete(id);
            return;
        }
        try {
            byte[] envelopeJson = store.envelopeJson(id);
            Receipt accepted = post(id, EnvelopeCodec.json().decode(envelopeJson), store.payload(id));
            recorder.verify(accepted, sent);
            if (accepted.state() != ReceiptState.ACCEPTED) {
                throw new SignatureException("the hub answered the submission with a " + accepted.state()
                        + " receipt; it must answer ACCEPTED");
            }
            store.inTransaction(connection -> recorder.record(connection, accepted));
            LOG.info("The hub accepted the message (attempt {})", sent.attempts() + 1);
            attachments.delete(id);
        } catch (GoldenException e) {
            handleFailure(sent, e);
        }
    }

    private Receipt post(MessageId id, Envelope envelope, Content payload) {
        List<Content> files = new ArrayList<>();
        for (AttachmentInfo info : envelope.header().attachments()) {
            files.add(attachments.attachment(id, info.digest()));
        }
        if (transport instanceof AttachmentCarrier carrier) {
            return carrier.submit(new Delivery(envelope, payload, files));
        }
        for (int i = 0; i < files.size(); i++) {
            upload(envelope.header().attachments().get(i), files.get(i));
        }
        byte[] body = EnvelopeCodec.json().encode(new Delivery(envelope, payload, List.of()));
        HttpRequest request = HttpRequest.builder("POST", MESSAGES)
                .header(HttpRequest.IDEMPOTENCY_KEY_HEADER, id.toString())
                .body(HttpBody.of(body, "application/json"))
                .build();
        try (HttpResponse response = transport.execute(request)) {
            return EnvelopeCodec.json().decodeReceipt(response.bodyBytes());
        }
    }

    /** Streams one attachment file to the hub; the hub keeps a digest once, so a repeat is harmless. */
    private void upload(AttachmentInfo info, Content file) {
        HttpRequest request = HttpRequest.builder("PUT", ATTACHMENTS + info.digest()).idempotent(true)
                .body(HttpBody.stream(file::open, "application/octet-stream", file.size()))
                .build();
        uploads.execute(request).close();
    }

    private void handleFailure(StoredMessage sent, GoldenException e) {
        String code = e.remote().map(remote -> remote.wireCode()).filter(wire -> wire != null && !wire.isBlank())
                .orElse(e.code().wireCode());
        // The hub's own explanation (problem detail) says more than the generic text of the mapped exception.
        String message = e.remote().map(remote -> remote.detail()).filter(detail -> detail != null && !detail.isBlank())
                .orElse(e.getMessage());
        int attempt = sent.attempts() + 1;
        Instant now = clock.instant();
        // A refusal is the hub's verdict on the message (4xx); a 5xx is the hub failing, which a later
        // attempt may get past, whatever the error code says about retrying the same request at once.
        boolean refused = e.remote().filter(remote -> remote.status() < 500).isPresent() && !e.isRetryable();
        if (refused) {
            LOG.warn("The hub refused the message with {}: {}; dead letter", code, message);
            store.endUndelivered(sent.id(), RowState.FAILED, true, code, message, now);
            return;
        }
        if (attempt >= options.maxAttempts()) {
            LOG.warn("Delivery attempt {} failed ({}: {}); the attempt budget is spent; dead letter", attempt, code,
                    message);
            store.endUndelivered(sent.id(), RowState.FAILED, true, code, message, now);
            return;
        }
        Duration delay = options.retryPolicy().delayBefore(Math.min(attempt, BACKOFF_STEPS), Optional.empty(),
                ThreadLocalRandom.current());
        Instant next = now.plus(delay);
        LOG.info("Delivery attempt {} failed ({}: {}); next attempt at {}", attempt, code, message, next);
        store.scheduleRetry(sent.id(), next, code, message);
    }
}
