package org.goldensdk.exchange.internal.endpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.CertificatePurpose;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.CryptoException;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.Signer;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.core.ValidationException;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.EnvelopeDecryptor;
import org.goldensdk.exchange.EnvelopeHeader;
import org.goldensdk.exchange.EnvelopeVerifier;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code POST /deliveries} without HTTP: checks that the caller is the hub, decodes the delivery,
 * verifies the envelope and its parts itself (never trusting the hub), deduplicates in the
 * {@link Inbox}, calls the handler once and answers the receiver's signed receipts as
 * {@code {"receipts":[…]}}. Thread-safe.
 */
public final class DeliveryProcessor {

    /** The reason code of the REJECTED receipt for a service this endpoint has no handler for. */
    public static final String UNKNOWN_SERVICE = "E_UNKNOWN_SERVICE";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryProcessor.class);
    private static final EnvelopeCodec JSON = EnvelopeCodec.json();
    /** The errors that refuse a message for good: receiving it again cannot go otherwise. */
    private static final Set<ErrorCode> REFUSALS = EnumSet.of(ErrorCode.SIGNATURE, ErrorCode.VALIDATION,
            ErrorCode.MALFORMED_INPUT, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.ACCESS_DENIED, ErrorCode.CONFLICT);
    private static final int MAX_REASON = 500;

    private final PartyId party;
    private final PartyId hub;
    private final TrustAnchors trustAnchors;
    private final EnvelopeVerifier verifier;
    private final EnvelopeDecryptor decryptor;
    private final Signer signer;
    private final Clock clock;
    private final long maxDeliveryBytes;
    private final Inbox inbox;
    private final Dispatcher dispatcher;
    private final ReceivedAttachments.Source hubAttachments;
    private final ReceivedAttachments.Limits attachmentLimits;

    /**
     * What the processor needs; every value is required but {@code hubAttachments}, which is null
     * when the endpoint has no hub link (it then takes only deliveries that carry their attachments).
     */
    public record Settings(PartyId party, PartyId hub, TrustAnchors trustAnchors, Clock clock, Signer signer,
            EnvelopeDecryptor decryptor, long maxDeliveryBytes, Inbox inbox, Dispatcher dispatcher,
            ReceivedAttachments.Source hubAttachments, ReceivedAttachments.Limits attachmentLimits) {
    }

    /** A processor with these settings. */
    public DeliveryProcessor(Settings settings) {
        this.party = Objects.requireNonNull(settings.party(), "party");
        this.hub = Objects.requireNonNull(settings.hub(), "hub");
        this.trustAnchors = Objects.requireNonNull(settings.trustAnchors(), "trustAnchors");
        this.clock = Objects.requireNonNull(settings.clock(), "clock");
        this.verifier = EnvelopeVerifier.builder().trustAnchors(trustAnchors).clock(clock).build();
        this.decryptor = Objects.requireNonNull(settings.decryptor(), "decryptor");
        this.signer = Objects.requireNonNull(settings.signer(), "signer");
        this.maxDeliveryBytes = settings.maxDeliveryBytes();
        this.inbox = Objects.requireNonNull(settings.inbox(), "inbox");
        this.dispatcher = Objects.requireNonNull(settings.dispatcher(), "dispatcher");
        this.hubAttachments = settings.hubAttachments();
        this.attachmentLimits = Objects.requireNonNull(settings.attachmentLimits(), "attachmentLimits");
    }

    /** The request body limit in bytes. */
    public long maxDeliveryBytes() {
        return maxDeliveryBytes;
    }

    /** The attachments one message may carry, in bytes, all together (over SOAP: its MTOM parts). */
    public long maxAttachmentBytesPerMessage() {
        return attachmentLimits.sizes().maxMessageBytes();
    }

    /**
     * Handles one delivery from {@code caller} (its TLS client certificate chain, leaf first) and
     * returns the JSON response body {@code {"receipts":[SignedReceipt…]}}.
     *
     * @throws AccessDeniedException if the caller is not the hub, or the envelope is not for this party
     * @throws org.goldensdk.core.MalformedInputException if the body is no delivery or too large
     * @throws org.goldensdk.core.SignatureException if the envelope, its signer or a part does not verify
     * @throws ValidationException if the envelope breaks a rule (expired, secret, parts missing)
     * @throws ConflictException if the message id was handled before with another envelope
     */
    public byte[] deliver(List<X509Certificate> caller, InputStream body) {
        return response(deliver(caller, JSON.decodeDelivery(body, maxDeliveryBytes)));
    }

    /** {@link #deliver(List, InputStream)} for a delivery already read (SOAP); returns the receipts as JSON. */
    public List<String> deliver(List<X509Certificate> caller, Delivery delivery) {
        requireHub(caller);
        return receive(delivery);
    }

    /**
     * Handles one delivery the endpoint fetched itself from its hub inbox (pull): the same checks
     * as {@link #deliver} but the caller's; returns the receipts to acknowledge it with, as JSON.
     */
    public List<String> receive(Delivery delivery) {
        Envelope envelope = delivery.envelope();
        EnvelopeHeader header = verifier.verify(envelope);
        if (!header.receiver().equals(party)) {
            throw new AccessDeniedException("envelope " + header.messageId() + " is addressed to " + header.receiver()
                    + ", not to this endpoint's party " + party + "; the hub must route it to its receiver");
        }
        String previous = MDC.get("messageId");
        MDC.put("messageId", header.messageId().toString());
        try {
            return receive(delivery, header).receipts();
        } finally {
            if (previous == null) {
                MDC.remove("messageId");
            } else {
                MDC.put("messageId", previous);
            }
        }
    }

    /**
     * The signed receipts refusing a pulled delivery that {@link #receive} refused for good with
     * {@code refusal} — it does not verify, is not for this party, is too large, or reuses a message
     * id: DELIVERED (it arrived) and REJECTED with the error's code as reason code, so the hub stops
     * offering it and the sender learns why. Nothing is recorded in the inbox and no handler runs.
     * Empty for a failure another attempt may get past (the hub's or this endpoint's trouble, a
     * failing handler), which leaves the message to come back.
     */
    public Optional<List<String>> refusal(Delivery delivery, GoldenException refusal) {
        if (refusal.remote().isPresent() || !REFUSALS.contains(refusal.code())) {
            return Optional.empty();
        }
        String reason = refusal.getMessage() == null ? refusal.code().wireCode() : refusal.getMessage();
        return Optional.of(List.of(encode(issue(delivery.envelope(), ReceiptState.DELIVERED, null, null)),
                encode(issue(delivery.envelope(), ReceiptState.REJECTED, refusal.code().wireCode(),
                        reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON)))));
    }

    /**
     * Answers one request the hub pushed ({@code POST /request-deliveries}) from {@code caller}, which
     * must be the hub; returns the signed response as Delivery JSON.
     */
    public byte[] respond(List<X509Certificate> caller, InputStream body) {
        return respond(caller, JSON.decodeDelivery(body, maxDeliveryBytes));
    }

    /** {@link #respond(List, InputStream)} for a request already read (SOAP). */
    public byte[] respond(List<X509Certificate> caller, Delivery request) {
        requireHub(caller);
        return respond(request);
    }

    /**
     * Answers one request (pushed, or fetched from the hub inbox): verifies it like a delivery,
     * decrypts it and calls the service's request handler. Nothing is recorded.
     *
     * @throws NotFoundException if no request handler is registered for the service
     * @throws GoldenException {@link ErrorCode#UNAVAILABLE} if the handler failed
     */
    public byte[] respond(Delivery request) {
        Envelope envelope = request.envelope();
        EnvelopeHeader header = verifier.verify(envelope);
        if (!header.receiver().equals(party)) {
            throw new AccessDeniedException("request " + header.messageId() + " is addressed to " + header.receiver()
                    + ", not to this endpoint's party " + party);
        }
        if (!dispatcher.responds(header.service())) {
            throw new NotFoundException(party + " answers no requests for service " + header.service());
        }
        byte[] payload = verified(verifier.payload(envelope, request.payload().open()));
        try (ReceivedAttachments attachments = attachments(request, header, payload.length)) {
            return dispatcher.respond(decrypt(envelope, header, payload, attachments));
        } catch (GoldenException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GoldenException(ErrorCode.UNAVAILABLE, "the request handler for " + header.service()
                    + " failed on request " + header.messageId() + "; the caller may ask again", e);
        }
    }

    /**
     * Decides a message its handler left pending: signs the PROCESSED or REJECTED receipt and
     * stores it as unreported (see {@link Inbox#complete}).
     *
     * @throws ConflictException if the message was decided before with another outcome
     */
    public Inbox.Completed complete(MessageId messageId, Outcome outcome) {
        if (outcome.isPending()) {
            throw new ValidationException("outcome", "complete.outcome", "complete a message with Outcome.processed() or"
                    + " Outcome.rejected(code, reason), not pending()");
        }
        Inbox.Completed completed = inbox.complete(messageId, pending -> encode(Receipt.issue(pending.messageId(),
                pending.envelopeDigest(), outcome.state(), party, signer, clock.instant(), outcome.reasonCode().orElse(null),
                outcome.reason().orElse(null))));
        Receipt stored = JSON.decodeReceipt(completed.outcomeReceipt().getBytes(StandardCharsets.UTF_8));
        if (!completed.isNew() && (stored.state() != outcome.state() || !stored.reasonCode().equals(outcome.reasonCode()))) {
            throw new ConflictException("message " + messageId + " was decided before as " + stored.state()
                    + stored.reasonCode().map(code -> " " + code).orElse("") + "; an outcome is final");
        }
        return completed;
    }

    private Inbox.Recorded receive(Delivery delivery, EnvelopeHeader header) {
        Envelope envelope = delivery.envelope();
        Optional<Inbox.Recorded> before = inbox.find(header.sender(), header.messageId());
        if (before.isPresent()) {
            // Handled before: answer its receipts without reading (or fetching) its parts again.
            return sameEnvelope(before.get(), envelope, header);
        }
        byte[] payload = verified(verifier.payload(envelope, delivery.payload().open()));
        Inbox.Entry entry = new Inbox.Entry(header.sender(), header.messageId(), envelope.digest(), header.service(),
                header.expiresAt());
        try (ReceivedAttachments attachments = attachments(delivery, header, payload.length)) {
            return sameEnvelope(inbox.recordOnce(entry, clock.instant(),
                    () -> encode(issue(envelope, ReceiptState.DELIVERED, null, null)),
                    (transaction, delivered) -> encodeOrNull(outcome(envelope, header, payload, attachments,
                            delivered, transaction))), envelope, header);
        }
    }

    private static Inbox.Recorded sameEnvelope(Inbox.Recorded recorded, Envelope envelope, EnvelopeHeader header) {
        if (!recorded.envelopeDigest().equals(envelope.digest())) {
            throw new ConflictException("message " + header.messageId() + " from " + header.sender()
                    + " was received before with another envelope (digest " + recorded.envelopeDigest()
                    + "); a message id names one envelope only");
        }
        return recorded;
    }

    private ReceivedAttachments attachments(Delivery delivery, EnvelopeHeader header, long payloadSize) {
        return ReceivedAttachments.receive(delivery, header, payloadSize, verifier, decryptor, hubAttachments,
                attachmentLimits);
    }

    private Receipt outcome(Envelope envelope, EnvelopeHeader header, byte[] payload, ReceivedAttachments attachments,
            String deliveredJson, Connection transaction) {
        if (!dispatcher.handles(header.service())) {
            LOG.info("rejected message {}: no handler for service {}", header.messageId(), header.service());
            return issue(envelope, ReceiptState.REJECTED, UNKNOWN_SERVICE,
                    party + " has no handler for service " + header.service());
        }
        PlainMessage message = decrypt(envelope, header, payload, attachments);
        Receipt delivered = JSON.decodeReceipt(deliveredJson.getBytes(StandardCharsets.UTF_8));
        Outcome outcome;
        try {
            outcome = Objects.requireNonNull(dispatcher.dispatch(message, delivered, transaction), "the handler returned no outcome");
        } catch (RuntimeException e) {
            // Logged with its cause where the 503 is answered (sdk-cxf's error mapping).
            throw new GoldenException(ErrorCode.UNAVAILABLE, "the handler for " + header.service() + " failed on message "
                    + header.messageId() + "; nothing was recorded, deliver it again later", e);
        }
        LOG.debug("message {} for {} handled: {}", header.messageId(), header.service(), outcome);
        if (outcome.isPending()) {
            return null;
        }
        return issue(envelope, outcome.state(), outcome.reasonCode().orElse(null), outcome.reason().orElse(null));
    }

    private void requireHub(List<X509Certificate> caller) {
        // A GoldenServer port already checked the chain in the handshake; a servlet container may
        // trust more CAs than the platform's, so check it against ours in every case.
        trustAnchors.validate(caller, CertificatePurpose.TLS_CLIENT, clock.instant());
        Optional<org.goldensdk.core.CreditCode> creditCode = Certificates.creditCode(caller.get(0));
        if (creditCode.isEmpty() || !creditCode.get().equals(hub.creditCode())) {
            throw new AccessDeniedException("only the exchange hub " + hub + " may deliver messages to this endpoint; the caller's"
                    + " certificate names " + creditCode.map(Object::toString).orElse("no credit code"));
        }
    }

    private PlainMessage decrypt(Envelope envelope, EnvelopeHeader header, byte[] payload, ReceivedAttachments attachments) {
        try {
            Content plainPayload = header.payloadEncryption().isPresent()
                    ? Content.of(decrypted(out -> decryptor.decryptPayload(envelope, new ByteArrayInputStream(payload), out)))
                    : Content.of(payload);
            return new PlainMessage(envelope, header, plainPayload, attachments.contents());
        } catch (CryptoException e) {
            throw new ValidationException("payloadEncryption", "envelope.decrypt", "envelope " + header.messageId()
                    + " cannot be decrypted with " + party + "'s encryption key (" + e.getMessage()
                    + "); the sender must encrypt for this party's current encryption certificate");
        }
    }

    private Receipt issue(Envelope envelope, ReceiptState state, String reasonCode, String reason) {
        return Receipt.issue(envelope, state, party, signer, clock.instant(), reasonCode, reason);
    }

    private static String encodeOrNull(Receipt receipt) {
        return receipt == null ? null : encode(receipt);
    }

    private static String encode(Receipt receipt) {
        return new String(JSON.encode(receipt), StandardCharsets.UTF_8);
    }

    private static byte[] response(List<String> receipts) {
        return ("{\"receipts\":[" + String.join(",", receipts) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] verified(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a delivered part from memory", e);
        }
    }

    private interface Decryption {
        void into(ByteArrayOutputStream out);
    }

    private static byte[] decrypted(Decryption decryption) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        decryption.into(out);
        return out.toByteArray();
    }
}
