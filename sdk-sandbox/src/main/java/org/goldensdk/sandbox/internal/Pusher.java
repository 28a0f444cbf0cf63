package org.goldensdk.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.Transport;
import org.goldensdk.sandbox.internal.HubStore.MessageKey;
import org.goldensdk.sandbox.internal.HubStore.PushItem;
import org.goldensdk.sandbox.internal.HubStore.PushState;
import org.goldensdk.sandbox.internal.soap.SoapPushClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes accepted messages to their receivers' registered endpoints ({@code POST {endpoint}/deliveries},
 * or {@code Deliver} of a SOAP endpoint through {@link SoapPushClient}) over mutual TLS as the hub, verifies the receipts the receiver answers and appends them to the
 * sender's feed. A failed push is retried after the {@link RetryPolicy}'s backoff (scheduled on the
 * {@link Scheduler}, so nothing sleeps) until the message is delivered, refused for good by the
 * receiver (a 4xx other than 408/429), given up by the policy, or expired. A message to a receiver
 * without an endpoint waits until one is registered. Up to {@code concurrency} messages are pushed
 * to one receiver at the same time (the others wait their turn, first woken first pushed); one
 * message is never pushed twice at the same time. Push promises no order between messages.
 * Thread-safe.
 */
public final class Pusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pusher.class);
    private static final JsonCodec JSON = JsonCodec.of();
    private static final String DELIVERIES = "deliveries";
    private static final String REQUEST_DELIVERIES = "request-deliveries";

    private final HubStore store;
    private final Scheduler scheduler;
    private final RetryPolicy policy;
    private final TlsConfig tls;
    private final ReceiverReceipts receiverReceipts;
    private final Optional<ContractCheck> contract;
    private final ExecutorService workers;
    private final Map<URI, HttpTransport> transports = new ConcurrentHashMap<>();
    private final Map<URI, HttpTransport> requestTransports = new ConcurrentHashMap<>();
    private final SoapPushClient soap;
    private final ExecutorService requestWorkers;
    private final int concurrency;
    private final Set<MessageKey> running = new HashSet<>();
    private final Set<MessageKey> again = new HashSet<>();
    private final Map<PartyId, Integer> inFlight = new HashMap<>();
    private final Map<PartyId, LinkedHashSet<MessageKey>> waiting = new HashMap<>();
    private boolean closed;

    /**
     * A pusher calling receivers with {@code tls} (the hub's credentials) and verifying their
     * receipts against {@code trustAnchors}; each push and its answer are checked against
     * {@code contract} when one is given; at most {@code concurrency} pushes to one receiver at a time;
     * receivers that registered a SOAP endpoint are called through {@code soap}.
     */
    public Pusher(HubStore store, Scheduler scheduler, RetryPolicy policy, TlsConfig tls, TrustAnchors trustAnchors,
            Optional<ContractCheck> contract, int concurrency, SoapPushClient soap) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.concurrency = concurrency;
        this.store = store;
        this.scheduler = scheduler;
        this.policy = policy;
        this.tls = tls;
        this.contract = contract;
        this.soap = soap;
        this.receiverReceipts = new ReceiverReceipts(store, trustAnchors);
        AtomicInteger threads = new AtomicInteger();
        // Each attempt blocks a thread on its HTTP call; the per-receiver bound keeps their number small.
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "golden-sandbox-push-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Requests wait for their answer as long as their caller does: they must not hold up pushes.
        this.requestWorkers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "golden-sandbox-request-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Pushes a request to its provider's endpoint ({@code POST {endpoint}/request-deliveries}) on a
     * worker of its own and completes {@code answer} with the provider's response Delivery JSON, or
     * with the failure. An answer arriving after the caller stopped waiting is discarded.
     */
    public void pushRequest(URI endpoint, Transport transport, byte[] delivery, CompletableFuture<byte[]> answer,
            Duration timeout) {
        if (transport == Transport.SOAP) {
            requestWorkers.execute(() -> {
                try {
                    Delivery request = EnvelopeCodec.json().decodeDelivery(new ByteArrayInputStream(delivery), delivery.length);
                    if (!answer.complete(EnvelopeCodec.json().encode(soap.respond(endpoint, request, timeout)))) {
                        LOG.info("discarded a late answer from {}: its caller no longer waits", endpoint);
                    }
                } catch (GoldenException e) {
                    answer.completeExceptionally(e);
                }
            });
            return;
        }
        requestWorkers.execute(() -> {
            HttpRequest request = HttpRequest.builder("POST", REQUEST_DELIVERIES)
                    .body(HttpBody.of(delivery, "application/json")).build();
            ContractCheck.Exchange sent = new ContractCheck.Exchange("POST", "/" + REQUEST_DELIVERIES, Map.of(),
                    Map.of("Content-Type", List.of("application/json")), delivery);
            contract.ifPresent(check -> check.request(sent));
            try (HttpResponse response = requestTransport(endpoint, timeout).execute(request)) {
                byte[] bytes = response.bodyBytes();
                contract.ifPresent(check -> check.response(sent, response.status(),
                        response.header("Content-Type").orElse(null), bytes));
                if (!answer.complete(bytes)) {
                    LOG.info("discarded a late answer from {}: its caller no longer waits", endpoint);
                }
            } catch (GoldenException e) {
                e.remote().ifPresent(remote -> contract.ifPresent(check -> check.errorStatus(sent, remote.status())));
                answer.completeExceptionally(e);
            }
        });
    }

    /** A message was just accepted: push it now, and check it again when it expires. */
    public void accepted(MessageKey key, PartyId receiver, Instant expiresAt) {
        wake(key, receiver);
        Duration untilExpiry = Duration.between(scheduler.clock().instant(), expiresAt).plusMillis(1);
        scheduleWake(key, receiver, untilExpiry.isNegative() ? Duration.ZERO : untilExpiry);
    }

    /** {@code receiver} registered an endpoint: push what waits for it. */
    public void endpointRegistered(PartyId receiver) {
        store.pendingFor(receiver).forEach(key -> wake(key, receiver));
    }

    /**
     * Runs an attempt for {@code key} now, or right after the one already running, or when one of
     * the pushes in flight to {@code receiver} ends.
     */
    private synchronized void wake(MessageKey key, PartyId receiver) {
        if (closed) {
            return;
        }
        if (running.contains(key)) {
            again.add(key);
            return;
        }
        if (inFlight.getOrDefault(receiver, 0) >= concurrency) {
            waiting.computeIfAbsent(receiver, party -> new LinkedHashSet<>()).add(key);
            return;
        }
        running.add(key);
        inFlight.merge(receiver, 1, Integer::sum);
        workers.execute(() -> run(key, receiver));
    }

    /** Stops pushing; attempts in progress finish, scheduled retries do nothing. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        workers.shutdown();
        requestWorkers.shutdownNow();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        transports.values().forEach(HttpTransport::close);
        transports.clear();
        requestTransports.values().forEach(HttpTransport::close);
        requestTransports.clear();
        soap.close();
    }

    private void run(MessageKey key, PartyId receiver) {
        try {
            attempt(key);
        } catch (RuntimeException e) {
            LOG.error("push of {} failed unexpectedly", key, e);
        } finally {
            synchronized (this) {
                running.remove(key);
                inFlight.merge(receiver, -1, (count, minus) -> count + minus == 0 ? null : count + minus);
                if (again.remove(key)) {
                    wake(key, receiver);
                }
                startWaiting(receiver);
            }
        }
    }

    /** Starts the longest-waiting pushes to {@code receiver} while it has room for more. */
    private synchronized void startWaiting(PartyId receiver) {
        LinkedHashSet<MessageKey> queue = waiting.get(receiver);
        while (queue != null && !queue.isEmpty() && inFlight.getOrDefault(receiver, 0) < concurrency && !closed) {
            MessageKey next = queue.iterator().next();
            queue.remove(next);
            wake(next, receiver);
        }
        if (queue != null && queue.isEmpty()) {
            waiting.remove(receiver);
        }
    }

    private void scheduleWake(MessageKey key, PartyId receiver, Duration delay) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        scheduler.schedule(delay, () -> wake(key, receiver));
    }

    private void attempt(MessageKey key) {
        Optional<PushItem> found = store.pushItem(key);
        if (found.isEmpty() || found.get().state() != PushState.PENDING) {
            return;
        }
        PushItem item = found.get();
        Instant now = scheduler.clock().instant();
        if (now.isAfter(item.expiresAt())) {
            store.finishPush(key, PushState.EXPIRED, "expired at " + item.expiresAt() + " before delivery");
            LOG.info("message {} expired before it could be pushed to {}", key, item.receiver());
            return;
        }
        Optional<URI> endpoint = store.endpoint(item.receiver());
        if (endpoint.isEmpty()) {
            LOG.debug("message {} waits: {} has no push endpoint", key, item.receiver());
            return;
        }
        int attempt = item.attempts() + 1;
        Instant firstAttempt = item.firstPushAt() == null ? now : item.firstPushAt();
        try {
            Envelope envelope = EnvelopeCodec.json().decode(item.envelope());
            Delivery delivery = deliveryWithoutAttachments(envelope, item);
            List<Receipt> receipts = store.pushTransport(item.receiver()) == Transport.SOAP
                    ? soap.deliver(endpoint.get(), store.spool().carrying(delivery))
                    : deliver(endpoint.get(), EnvelopeCodec.json().encode(delivery));
            receiverReceipts.record(item, receipts, scheduler.clock().instant());
            LOG.debug("message {} pushed to {}", key, item.receiver());
        } catch (GoldenException e) {
            retryOrGiveUp(item, attempt, firstAttempt, now, e);
        }
    }

    /**
     * The Delivery JSON of a stored message, as pushed to its receiver or fetched by it: the envelope
     * and the payload; no attachments, which the receiver streams with {@code GET /attachments/{digest}}
     * (a SOAP receiver gets them as MTOM parts of the {@code Deliver} instead).
     */
    static byte[] deliveryOf(PushItem item) {
        return EnvelopeCodec.json().encode(deliveryWithoutAttachments(EnvelopeCodec.json().decode(item.envelope()), item));
    }

    private static Delivery deliveryWithoutAttachments(Envelope envelope, PushItem item) {
        return new Delivery(envelope, org.goldensdk.exchange.Content.of(item.payload()), List.of());
    }

    private List<Receipt> deliver(URI endpoint, byte[] body) {
        HttpRequest request = HttpRequest.builder("POST", DELIVERIES).body(HttpBody.of(body, "application/json")).build();
        // The document's paths are relative to the server URL: the endpoint's base path is not part of them.
        ContractCheck.Exchange sent = new ContractCheck.Exchange("POST", "/" + DELIVERIES, Map.of(),
                Map.of("Content-Type", List.of("application/json")), body);
        contract.ifPresent(check -> check.request(sent));
        try (HttpResponse response = transport(endpoint).execute(request)) {
            byte[] bytes = response.bodyBytes();
            contract.ifPresent(check -> check.response(sent, response.status(), response.header("Content-Type").orElse(null),
                    bytes));
            JsonNode answer = JSON.readTree(bytes);
            JsonNode list = answer == null ? null : answer.get("receipts");
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw new MalformedInputException("the receiver answered no receipts; it must answer {\"receipts\":[…]}", null);
            }
            List<Receipt> receipts = new ArrayList<>();
            for (JsonNode item : list) {
                receipts.add(EnvelopeCodec.json().decodeReceipt(JSON.write(item)));
            }
            return receipts;
        } catch (GoldenException e) {
            // core's transport turns an error answer into this exception and keeps only its status and problem fields
            e.remote().ifPresent(remote -> contract.ifPresent(check -> check.errorStatus(sent, remote.status())));
            throw e;
        }
    }

    private void retryOrGiveUp(PushItem item, int attempt, Instant firstAttempt, Instant now, GoldenException e) {
        MessageKey key = item.key();
        String error = e.code().wireCode() + ": " + e.getMessage();
        if (refusedForGood(e)) {
            store.finishPush(key, PushState.FAILED, error);
            LOG.warn("receiver {} refused message {} for good: {}", item.receiver(), key, error);
            return;
        }
        Duration delay = policy.delayBefore(attempt, Optional.empty(), ThreadLocalRandom.current());
        if (!policy.permitsAnotherAttempt(attempt, Duration.between(firstAttempt, now.plus(delay)))) {
            store.finishPush(key, PushState.FAILED, "gave up after " + attempt + " attempts: " + error);
            LOG.warn("gave up pushing message {} to {} after {} attempts: {}", key, item.receiver(), attempt, error);
            return;
        }
        store.recordAttempt(key, attempt, firstAttempt, error);
        LOG.info("push of message {} to {} failed ({}); retrying in {}", key, item.receiver(), error, delay);
        scheduleWake(key, item.receiver(), delay);
    }

    /** A receiver's 4xx answer other than 408 and 429 will not change on retry: the message is refused. */
    private static boolean refusedForGood(GoldenException e) {
        return e.remote().map(remote -> remote.status() >= 400 && remote.status() < 500
                && remote.status() != 408 && remote.status() != 429).orElse(false);
    }

    private HttpTransport requestTransport(URI endpoint, Duration timeout) {
        return requestTransports.computeIfAbsent(endpoint, uri -> HttpTransport.builder()
                .baseUri(uri)
                .tls(tls)
                .retryPolicy(RetryPolicy.none())
                .readTimeout(timeout.plusSeconds(5))
                .callTimeout(timeout.plusSeconds(10))
                .scheduler(scheduler)
                .build());
    }

    private HttpTransport transport(URI endpoint) {
        return transports.computeIfAbsent(endpoint, uri -> HttpTransport.builder()
                .baseUri(uri)
                .tls(tls)
                .retryPolicy(RetryPolicy.none())
                .scheduler(scheduler)
                .build());
    }
}
