package org.goldensdk.sandbox.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.Signer;
import org.goldensdk.core.StorageException;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.core.ValidationException;
import org.goldensdk.exchange.AttachmentInfo;
import org.goldensdk.exchange.AttachmentLimits;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.EnvelopeHeader;
import org.goldensdk.exchange.EnvelopeVerifier;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.sandbox.internal.HubStore.MessageKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub does for each REST operation, apart from HTTP: authorise the caller, verify,
 * deduplicate and store a submission, answer receipt feeds. Every caller is named by the TLS
 * client certificate it presented, which must be registered for a party. Thread-safe.
 */
public final class HubService {
    /** Largest page of the receipt feed. */
    public static final int MAX_PAGE = 500;
    private static final int DEFAULT_PAGE = 100;
    private static final Pattern POSITION = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final Pattern LIMIT = Pattern.compile("[1-9][0-9]{0,2}");
    private static final JsonCodec JSON = JsonCodec.of();
    private static final Logger LOG = LoggerFactory.getLogger(HubService.class);
    /** The longest a pull waits at the hub. */
    public static final Duration MAX_PULL_WAIT = Duration.ofSeconds(60);
    /**
     * How long a pulling provider has to answer a request it fetched before the request is offered
     * to the next pull (the provider may have died with it); its caller's deadline still applies.
     */
    public static final Duration REQUEST_OFFERED_AGAIN_AFTER = Duration.ofSeconds(10);
    /** The longest the hub holds a request waiting for its answer. */
    public static final Duration MAX_REQUEST_WAIT = Duration.ofMinutes(5);
    private static final Pattern WAIT = Pattern.compile("0|[1-9][0-9]{0,3}");

    private final HubStore store;
    private final EnvelopeVerifier verifier;
    private final PartyId hubParty;
    private final Signer hubSigner;
    private final Clock clock;
    private final long maxRequestBytes;
    private final Pusher pusher;
    private final Inboxes inboxes;
    private final ReceiverReceipts receiverReceipts;
    private final AttachmentLimits limits;
    private final Duration unlistedRetention;

    /**
     * How the hub serves pulling receivers and requests: time line, waiting pulls, visibility timeout
     * of a fetched message, requests waiting for their answers.
     */
    public record Inboxes(Scheduler scheduler, PullWaiters waiters, Duration visibilityTimeout, TrustAnchors trustAnchors,
            PendingRequests requests) {
    }

    /** What a pull fetched: a stored message, or a request to answer (its Delivery JSON). */
    public record Pulled(byte[] delivery, boolean isRequest) {
    }

    /**
     * The answer to a request: the provider's verified response Delivery JSON, or the error to
     * answer with {@code status} (504 when the provider did not answer in time, 502 when its answer
     * failed or did not verify).
     */
    public record Answered(byte[] response, int status, GoldenException error) {
    }

    /**
     * The hub over {@code store}, signing ACCEPTED receipts as {@code hubParty} with {@code hubSigner},
     * taking attachments within {@code limits} and keeping an upload no stored message lists for
     * {@code unlistedRetention}.
     */
    public HubService(HubStore store, EnvelopeVerifier verifier, PartyId hubParty, Signer hubSigner, Clock clock,
            long maxRequestBytes, Pusher pusher, Inboxes inboxes, AttachmentLimits limits, Duration unlistedRetention) {
        this.inboxes = inboxes;
        this.limits = limits;
        this.unlistedRetention = unlistedRetention;
        this.receiverReceipts = new ReceiverReceipts(store, inboxes.trustAnchors());
        this.store = store;
        this.verifier = verifier;
        this.hubParty = hubParty;
        this.hubSigner = hubSigner;
        this.clock = clock;
        this.maxRequestBytes = maxRequestBytes;
        this.pusher = pusher;
    }

    /** The answer to a submission: 202 for a newly stored message, 200 for a resend, with the signed ACCEPTED receipt. */
    public record Submitted(int status, byte[] receipt) {
    }

    /**
     * Accepts a submitted delivery from {@code caller}: the caller must be the registered sender;
     * the envelope, payload and attachments must verify; the receiver must be registered and the
     * (sender, receiver, service) right granted; secret data is refused by the header's parse.
     */
    public Submitted submit(X509Certificate caller, InputStream body) {
        requireRegistered(caller);
        return submit(caller, EnvelopeCodec.json().decodeDelivery(body, maxRequestBytes));
    }

    /**
     * {@link #submit(X509Certificate, InputStream)} of a decoded delivery (SOAP): its carried
     * attachments are streamed into the spool one after the other, each verified against the signed
     * manifest on the way, never read into memory.
     */
    public Submitted submit(X509Certificate caller, Delivery delivery) {
        List<PartyId> callerParties = requireRegistered(caller);
        Envelope envelope = delivery.envelope();
        EnvelopeHeader claimed = envelope.header();
        if (!callerParties.contains(claimed.sender())) {
            throw new AccessDeniedException("the caller (certificate of " + Certificates.subject(caller)
                    + ") is not the envelope's sender " + claimed.sender() + "; a party submits only its own messages");
        }
        EnvelopeHeader header = authorised(envelope, delivery);
        byte[] payload = read(verifier.payload(envelope, delivery.payload().open()));
        List<DigestValue> attachments = spooledAttachments(envelope, header, delivery, payload.length);
        MessageKey key = new MessageKey(header.sender(), header.messageId());
        Instant now = clock.instant();
        HubStore.Accepted accepted = store.accept(new HubStore.NewMessage(key, header.receiver(), header.service(),
                envelope.digest().toString(), EnvelopeCodec.json().encode(envelope), header.expiresAt(), now, payload,
                attachments),
                () -> EnvelopeCodec.json().encode(Receipt.issue(envelope, ReceiptState.ACCEPTED, hubParty, hubSigner, now,
                        null, null)));
        if (accepted.isNew()) {
            pusher.accepted(key, header.receiver(), header.expiresAt());
            inboxes.waiters().wake(header.receiver());
            return new Submitted(202, accepted.receipt());
        }
        return new Submitted(200, accepted.receipt());
    }

    /** The receipts of the caller's messages after position {@code after} (a ReceiptPage). */
    public ObjectNode feed(X509Certificate caller, String after, String limit) {
        requireRegistered(caller);
        String start = after == null || after.isEmpty() ? "0" : after;
        if (!POSITION.matcher(start).matches()) {
            throw new ValidationException("after", "receipts.after", "after is a feed position: 0 or a positive decimal"
                    + " number of at most 19 digits, as returned in 'last'");
        }
        int size = DEFAULT_PAGE;
        if (limit != null) {
            if (!LIMIT.matcher(limit).matches() || Integer.parseInt(limit) > MAX_PAGE) {
                throw new ValidationException("limit", "receipts.limit", "limit is a number from 1 to " + MAX_PAGE);
            }
            size = Integer.parseInt(limit);
        }
        return page(store.feed(creditCode(caller), Long.parseLong(start), size), start);
    }

    /** Every receipt of one of the caller's messages; 404 for a message the caller did not send. */
    public ObjectNode messageReceipts(X509Certificate caller, String messageId) {
        requireRegistered(caller);
        MessageId id = MessageId.parse(messageId);
        List<HubStore.FeedEntry> receipts = store.receiptsOf(creditCode(caller), id);
        if (receipts.isEmpty()) {
            throw new NotFoundException("no message " + id + " sent by you is known to this hub");
        }
        return page(receipts, "0");
    }

    /**
     * {@code GET /inbox?party=&wait=}: the next message for {@code party}, which the caller must be
     * registered for, waiting up to {@code wait} seconds (at most {@link #MAX_PULL_WAIT}) for one
     * to arrive. The message is leased for the visibility timeout: unless acknowledged by then, it
     * is offered again. Empty when nothing arrived in time.
     */
    public Optional<Pulled> pull(X509Certificate caller, String party, String wait) {
        PartyId owner = requireOwner(caller, party);
        if (wait != null && !WAIT.matcher(wait).matches() || wait != null && Integer.parseInt(wait) > MAX_PULL_WAIT.toSeconds()) {
            throw new ValidationException("wait", "inbox.wait", "wait is a whole number of seconds from 0 to "
                    + MAX_PULL_WAIT.toSeconds());
        }
        Scheduler scheduler = inboxes.scheduler();
        Instant deadline = scheduler.clock().instant().plusSeconds(wait == null ? 0 : Integer.parseInt(wait));
        while (true) {
            CompletableFuture<Void> signal = inboxes.waiters().register(owner);
            try {
                Instant now = scheduler.clock().instant();
                Optional<PendingRequests.Pending> request = inboxes.requests().nextFor(owner);
                if (request.isPresent()) {
                    PendingRequests.Pending handed = request.get();
                    scheduler.schedule(REQUEST_OFFERED_AGAIN_AFTER, () -> {
                        if (inboxes.requests().offerAgain(handed)) {
                            inboxes.waiters().wake(owner);
                        }
                    });
                    return Optional.of(new Pulled(handed.delivery(), true));
                }
                Optional<MessageKey> leased = store.leaseNext(owner, now, now.plus(inboxes.visibilityTimeout()));
                if (leased.isPresent()) {
                    // When the lease runs out unacknowledged, a waiting pull takes the message again.
                    scheduler.schedule(inboxes.visibilityTimeout(), () -> inboxes.waiters().wake(owner));
                    return store.pushItem(leased.get()).map(item -> new Pulled(Pusher.deliveryOf(item), false));
                }
                Duration left = Duration.between(now, deadline);
                if (left.isNegative() || left.isZero() || inboxes.waiters().isClosed()) {
                    return Optional.empty();
                }
                Scheduler.Cancellable timer = scheduler.schedule(left, () -> signal.complete(null));
                try {
                    signal.get();
                } finally {
                    timer.cancel();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a pull signal cannot fail", e);
            } finally {
                inboxes.waiters().remove(owner, signal);
            }
        }
    }

    /**
     * {@code POST /inbox/receipts}: receipts the caller issued as the receiver of its messages — the
     * acknowledgement of a pulled message (DELIVERED, and PROCESSED or REJECTED), or the outcome of
     * a pending one. Each must be signed by a party the caller is registered for, about a message
     * addressed to that party; new states reach the sender's feed in order.
     */
    public void acknowledge(X509Certificate caller, InputStream body) {
        List<PartyId> parties = requireRegistered(caller);
        JsonNode answer = JSON.readTree(body);
        JsonNode list = answer == null ? null : answer.get("receipts");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ValidationException("receipts", "inbox.receipts", "send {\"receipts\":[SignedReceipt…]} with at least one receipt");
        }
        Instant now = clock.instant();
        for (JsonNode item : list) {
            Receipt receipt = EnvelopeCodec.json().decodeReceipt(JSON.write(item));
            if (!parties.contains(receipt.issuer())) {
                throw new AccessDeniedException("the caller is not registered for " + receipt.issuer()
                        + ", the issuer of a receipt it sent; a party acknowledges only its own messages");
            }
            MessageKey key = store.messageTo(receipt.issuer(), receipt.messageId(), receipt.envelopeDigest().toString())
                    .orElseThrow(() -> new NotFoundException("no message " + receipt.messageId() + " with envelope digest "
                            + receipt.envelopeDigest() + " is addressed to " + receipt.issuer() + " on this hub"));
            receiverReceipts.record(store.pushItem(key).orElseThrow(), List.of(receipt), now);
        }
    }

    /**
     * {@code POST /requests}: verifies and authorises a request like a submission (nothing is
     * stored), routes it to the provider — pushed to its endpoint, or queued for its next pull —
     * and waits until the provider answers, the request expires or {@link #MAX_REQUEST_WAIT}
     * passes. The answer must verify and be bound to the request; otherwise, or on timeout, the
     * result carries the error.
     */
    public Answered request(X509Certificate caller, InputStream body) {
        List<PartyId> callerParties = requireRegistered(caller);
        Delivery delivery = EnvelopeCodec.json().decodeDelivery(body, maxRequestBytes);
        Envelope envelope = delivery.envelope();
        if (!callerParties.contains(envelope.header().sender())) {
            throw new AccessDeniedException("the caller (certificate of " + Certificates.subject(caller)
                    + ") is not the request's sender " + envelope.header().sender() + "; a party asks only for itself");
        }
        EnvelopeHeader header = authorised(envelope, delivery);
        verifiedParts(envelope, header, delivery);
        Scheduler scheduler = inboxes.scheduler();
        Instant now = scheduler.clock().instant();
        Instant deadline = header.expiresAt().isBefore(now.plus(MAX_REQUEST_WAIT)) ? header.expiresAt() : now.plus(MAX_REQUEST_WAIT);
        PendingRequests.Pending pending = inboxes.requests().open(new MessageKey(header.sender(), header.messageId()),
                header.receiver(), EnvelopeCodec.json().encode(delivery));
        Scheduler.Cancellable timer = scheduler.schedule(Duration.between(now, deadline).plusMillis(1),
                () -> pending.answer().completeExceptionally(new TimeoutException()));
        try {
            Optional<java.net.URI> endpoint = store.endpoint(header.receiver());
            if (endpoint.isPresent()) {
                pusher.pushRequest(endpoint.get(), store.pushTransport(header.receiver()), pending.delivery(), pending.answer(),
                        MAX_REQUEST_WAIT);
            } else {
                inboxes.requests().queueForPull(pending);
                inboxes.waiters().wake(header.receiver());
            }
            byte[] response = pending.answer().get();
            requireBound(EnvelopeCodec.json().decodeDelivery(new java.io.ByteArrayInputStream(response), maxRequestBytes),
                    envelope);
            return new Answered(response, 200, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answered(null, 503, new GoldenException(ErrorCode.UNAVAILABLE, "the hub is stopping; ask again later"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                return new Answered(null, 504, new GoldenException(ErrorCode.TIMEOUT, header.receiver()
                        + " did not answer request " + header.messageId() + " before " + deadline
                        + "; a later answer is discarded"));
            }
            GoldenException failure = e.getCause() instanceof GoldenException golden ? golden
                    : new GoldenException(ErrorCode.INTERNAL, "the request failed: " + e.getCause(), e.getCause());
            return new Answered(null, 502, new GoldenException(failure.code(), "the provider " + header.receiver()
                    + " could not answer request " + header.messageId() + ": " + failure.getMessage(), failure));
        } catch (GoldenException e) {
            return new Answered(null, 502, new GoldenException(e.code(), "the provider " + header.receiver()
                    + " answered request " + header.messageId() + " with a response that is refused: " + e.getMessage(), e));
        } finally {
            timer.cancel();
            inboxes.requests().close(pending);
        }
    }

    /**
     * {@code POST /responses}: a pulling provider answers a request it fetched. The response must
     * verify, come from the caller and be bound to a request still waiting; a late answer (the
     * caller stopped waiting) is refused as not found, and so discarded.
     */
    public void respond(X509Certificate caller, InputStream body) {
        List<PartyId> parties = requireRegistered(caller);
        Delivery response = EnvelopeCodec.json().decodeDelivery(body, maxRequestBytes);
        EnvelopeHeader header = verifier.verify(response.envelope());
        if (!parties.contains(header.sender())) {
            throw new AccessDeniedException("the caller is not registered for " + header.sender()
                    + ", the response's signer; a provider answers only for itself");
        }
        MessageId replyTo = header.replyTo().orElseThrow(() -> new ValidationException("replyTo", "response.replyTo",
                "a response names its request in replyTo"));
        PendingRequests.Pending pending = inboxes.requests().find(new MessageKey(header.receiver(), replyTo))
                .filter(found -> found.provider().equals(header.sender()))
                .orElseThrow(() -> new NotFoundException("no request " + replyTo + " of " + header.receiver()
                        + " waits for an answer from " + header.sender() + " (it timed out or was answered); the answer is discarded"));
        Envelope asked = EnvelopeCodec.json().decodeDelivery(new java.io.ByteArrayInputStream(pending.delivery()),
                maxRequestBytes).envelope();
        requireBound(response, asked);
        pending.answer().complete(EnvelopeCodec.json().encode(response));
    }

    /** The response must verify and be signed by the provider, addressed to the caller and bound to the request's digest. */
    private void requireBound(Delivery response, Envelope asked) {
        EnvelopeHeader header = verifier.verify(response.envelope());
        EnvelopeHeader question = asked.header();
        String boundTo = header.properties().get(org.goldensdk.exchange.Response.REQUEST_DIGEST_PROPERTY);
        if (!header.sender().equals(question.receiver()) || !header.receiver().equals(question.sender())
                || !asked.digest().toString().equals(boundTo) || !header.replyTo().equals(Optional.of(question.messageId()))) {
            throw new SignatureException("the response " + header.messageId() + " is not bound to request "
                    + question.messageId() + " (it must come from " + question.receiver() + ", reply to the request and carry"
                    + " its envelope digest)");
        }
        verifiedParts(response.envelope(), header, response);
    }

    private PartyId requireOwner(X509Certificate caller, String party) {
        List<PartyId> parties = requireRegistered(caller);
        if (party == null) {
            throw new ValidationException("party", "inbox.party", "name the inbox: party=CN/{division}/{creditCode}/{system}");
        }
        PartyId owner = PartyId.parse(party);
        if (!parties.contains(owner)) {
            throw new AccessDeniedException("the caller (certificate of " + Certificates.subject(caller)
                    + ") is not registered for " + owner + "; only a party itself may read its inbox");
        }
        return owner;
    }

    private List<PartyId> requireRegistered(X509Certificate caller) {
        List<PartyId> parties = store.partiesOf(HubStore.fingerprint(caller));
        if (parties.isEmpty()) {
            throw new AccessDeniedException("the client certificate " + Certificates.subject(caller)
                    + " is not registered for any party on this hub; register the party with its certificates");
        }
        return parties;
    }

    private static String creditCode(X509Certificate caller) {
        return Certificates.creditCode(caller).orElseThrow(() -> new AccessDeniedException(
                "the client certificate carries no credit code")).value();
    }

    /**
     * {@code PUT /attachments/{digest}}: streams an attachment into the spool before the envelope
     * that lists it is submitted; it is kept only if its content has that digest and stays within
     * the per-attachment limit. Repeating an upload (after a failure, or for another message with
     * the same attachment) stores nothing new. Any registered party may upload.
     *
     * @return the stored size
     */
    public long upload(X509Certificate caller, String digest, InputStream content) {
        requireRegistered(caller);
        return spool(parseDigest(digest), content);
    }

    /**
     * {@code GET /attachments/{digest}}: the spooled file of an attachment, for a caller registered
     * for the receiver of a stored message that lists it; to anyone else it does not exist.
     *
     * @throws NotFoundException if no message addressed to the caller lists the attachment
     */
    public Path download(X509Certificate caller, String digest) {
        List<PartyId> parties = requireRegistered(caller);
        DigestValue wanted = parseDigest(digest);
        Path file = store.spool().file(wanted);
        if (!store.listsAttachmentFor(wanted, parties) || !Files.exists(file)) {
            throw new NotFoundException("no message addressed to you lists the attachment " + wanted
                    + "; fetch only the attachments of a delivery you received");
        }
        return file;
    }

    /**
     * {@code delivery} (of a stored message, as pulled or pushed) with the attachments its manifest
     * lists as their spooled files, for a transport that carries them (SOAP) instead of the receiver
     * fetching each with {@code GET /attachments/{digest}}.
     */
    public Delivery withSpooledAttachments(Delivery delivery) {
        return store.spool().carrying(delivery);
    }

    /** The largest attachments one message may carry, in bytes, all together. */
    public long maxAttachmentBytesPerMessage() {
        return limits.maxMessageBytes();
    }

    /**
     * Deletes the uploaded attachments no stored message lists whose latest upload is older than
     * the retention (the constructor's {@code unlistedRetention}, on the hub's clock).
     *
     * @return how many were deleted
     */
    public int deleteUnlistedUploads() {
        return store.deleteUnlistedUploads(clock.instant().minus(unlistedRetention));
    }

    /**
     * Runs {@link #deleteUnlistedUploads} on the hub's scheduler every {@code interval} until the
     * store is closed.
     */
    public void startUploadCleanup(Duration interval) {
        inboxes.scheduler().schedule(interval, () -> {
            if (store.isClosed()) {
                return;
            }
            int deleted = deleteUnlistedUploads();
            if (deleted > 0) {
                LOG.info("deleted {} uploaded attachments no message"
                        + " lists, older than {}", deleted, unlistedRetention);
            }
            startUploadCleanup(interval);
        });
    }

    private long spool(DigestValue digest, InputStream content) {
        long size = store.spool().store(digest, limits.maxAttachmentBytes(), content);
        store.recordUpload(digest, clock.instant());
        return size;
    }

    private static DigestValue parseDigest(String digest) {
        try {
            return DigestValue.parse(digest);
        } catch (RuntimeException e) {
            throw new ValidationException("digest", "attachments.digest", "the path names the attachment's digest as"
                    + " SM3:<64 hex> or SHA-256:<64 hex>, got " + digest);
        }
    }

    /**
     * The attachments of a submission in the spool, in manifest order: carried inline (each verified
     * while streamed into the spool), or uploaded before ({@code PUT /attachments/{digest}}) when the
     * delivery carries none — each must then be in the spool with the size the signed manifest
     * declares. The per-attachment and per-message limits apply either way.
     */
    private List<DigestValue> spooledAttachments(Envelope envelope, EnvelopeHeader header, Delivery delivery,
            long payloadSize) {
        List<AttachmentInfo> manifest = header.attachments();
        boolean byReference = delivery.attachments().isEmpty();
        if (!byReference && delivery.attachments().size() != manifest.size()) {
            throw new ValidationException("attachments", "delivery.attachments", "the envelope lists " + manifest.size()
                    + " attachments but " + delivery.attachments().size() + " were carried; carry all of them, or none"
                    + " after uploading each with PUT /attachments/{digest}");
        }
        limits.requireWithin(header, payloadSize, "the hub's");
        List<DigestValue> digests = new ArrayList<>();
        for (int i = 0; i < manifest.size(); i++) {
            AttachmentInfo info = manifest.get(i);
            if (byReference) {
                Optional<Long> stored = store.spool().sizeOf(info.digest());
                if (stored.isEmpty() || stored.get() != info.size()) {
                    throw new ValidationException("attachments", "delivery.attachments", "attachment " + (i + 1) + " ("
                            + info.digest() + ") was not uploaded; PUT it to /attachments/" + info.digest()
                            + " before submitting the envelope");
                }
            } else {
                try (InputStream verified = verifier.attachment(envelope, i, delivery.attachments().get(i).open())) {
                    spool(info.digest(), verified);
                } catch (IOException e) {
                    throw new StorageException("cannot read a carried attachment: " + e.getMessage(), e);
                }
            }
            digests.add(info.digest());
        }
        return digests;
    }

    /**
     * Verifies the envelope and its parts, that its signer certificate is registered for the sender,
     * that the receiver is registered and that the platform allows the sender this service of it.
     */
    private EnvelopeHeader authorised(Envelope envelope, Delivery delivery) {
        EnvelopeHeader header = verifier.verify(envelope);
        if (!store.partiesOf(HubStore.fingerprint(envelope.signerChain().get(0))).contains(header.sender())) {
            throw new SignatureException("the envelope's signer certificate is not registered for " + header.sender()
                    + "; register the party's current certificates with the hub");
        }
        if (!store.isRegistered(header.receiver())) {
            throw new AccessDeniedException("the receiver " + header.receiver() + " is not registered on this hub;"
                    + " check the receiver's party id");
        }
        if (!store.isAllowed(header.sender(), header.receiver(), header.service())) {
            throw new AccessDeniedException(header.sender() + " may not call " + header.service() + " of "
                    + header.receiver() + "; ask the platform to grant this right");
        }
        return header;
    }

    /** Reads each part through the verifier, so a part that does not match its signed digest and size is refused. */
    private List<byte[]> verifiedParts(Envelope envelope, EnvelopeHeader header, Delivery delivery) {
        if (delivery.attachments().size() != header.attachments().size()) {
            throw new ValidationException("attachments", "delivery.attachments", "the envelope lists "
                    + header.attachments().size() + " attachments but " + delivery.attachments().size() + " were carried");
        }
        List<byte[]> parts = new ArrayList<>();
        parts.add(read(verifier.payload(envelope, delivery.payload().open())));
        for (int i = 0; i < delivery.attachments().size(); i++) {
            Content attachment = delivery.attachments().get(i);
            parts.add(read(verifier.attachment(envelope, i, attachment.open())));
        }
        return parts;
    }

    private static byte[] read(InputStream verifying) {
        try (InputStream in = verifying) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StorageException("cannot read a carried part: " + e.getMessage(), e);
        }
    }

    private static ObjectNode page(List<HubStore.FeedEntry> entries, String after) {
        ObjectNode page = JsonNodeFactory.instance.objectNode();
        ArrayNode receipts = page.putArray("receipts");
        String last = after;
        for (HubStore.FeedEntry entry : entries) {
            ObjectNode item = receipts.addObject();
            last = Long.toString(entry.position());
            item.put("position", last);
            item.set("receipt", JSON.readTree(entry.receipt()));
        }
        page.put("last", last);
        return page;
    }
}
