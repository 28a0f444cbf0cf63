package org.goldensdk.exchange.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.StorageException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.EnvelopeHeader;
import org.goldensdk.exchange.EnvelopeSealer;
import org.goldensdk.exchange.EnvelopeVerifier;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.RequestTimeoutException;
import org.goldensdk.exchange.Response;
import org.goldensdk.exchange.SealedMessage;

/**
 * Request/response through the hub ({@code POST exchange/v1/requests}): seals the request, waits
 * for the provider's answer within the deadline, and accepts it only if it verifies and is bound to
 * this request — signed by the provider, addressed to this party, {@code replyTo} the request's id
 * and {@link Response#REQUEST_DIGEST_PROPERTY} the request envelope's digest. Thread-safe.
 */
public final class Requester {
    private static final String REQUESTS = "exchange/v1/requests";
    private static final EnvelopeCodec JSON = EnvelopeCodec.json();

    private final HttpTransport transport;
    private final EnvelopeSealer sealer;
    private final EnvelopeVerifier verifier;
    private final PartyId party;
    private final Clock clock;
    private final long maxResponseBytes;

    /** A requester sending through {@code transport}, whose read timeout must outlast the longest request. */
    public Requester(HttpTransport transport, EnvelopeSealer sealer, EnvelopeVerifier verifier, PartyId party, Clock clock,
            long maxResponseBytes) {
        this.transport = transport;
        this.sealer = sealer;
        this.verifier = verifier;
        this.party = party;
        this.clock = clock;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** A verified response: the provider's envelope and its verified payload. */
    public record Answer(Envelope envelope, byte[] payload) {
    }

    /**
     * Sends {@code request} (whose expiry is the deadline) and returns the verified answer.
     *
     * @throws RequestTimeoutException if no answer arrived before the deadline (a later one is discarded)
     * @throws SignatureException if the answer does not verify or is bound to another request
     */
    public Answer request(Message request, Duration timeout) {
        try (SealedMessage sealed = sealer.seal(request)) {
            Envelope asked = sealed.envelope();
            Instant deadline = asked.header().expiresAt();
            byte[] body = JSON.encode(Delivery.of(sealed));
            Delivery answer;
            try (HttpResponse response = transport.execute(HttpRequest.builder("POST", REQUESTS)
                    .body(HttpBody.of(body, "application/json")).build())) {
                answer = JSON.decodeDelivery(response.body(), maxResponseBytes);
            } catch (GoldenException e) {
                if (e.remote().filter(remote -> remote.status() == 504).isPresent()
                        || e instanceof org.goldensdk.core.TransportException && clock.instant().isAfter(deadline)) {
                    throw timeout(asked, timeout, e);
                }
                throw e;
            }
            if (clock.instant().isAfter(deadline)) {
                throw timeout(asked, timeout, null);
            }
            return verified(asked, answer);
        }
    }

    private Answer verified(Envelope asked, Delivery answer) {
        Envelope envelope = answer.envelope();
        EnvelopeHeader header = verifier.verify(envelope);
        byte[] payload;
        try (InputStream verifying = verifier.payload(envelope, answer.payload().open())) {
            payload = verifying.readAllBytes();
        } catch (IOException e) {
            throw new StorageException("cannot read the response payload from memory: " + e.getMessage(), e);
        }
        EnvelopeHeader question = asked.header();
        if (!header.sender().equals(question.receiver())) {
            throw new SignatureException("the response to " + question.messageId() + " is signed by " + header.sender()
                    + ", not by the provider " + question.receiver() + "; it is refused");
        }
        if (!header.receiver().equals(party)) {
            throw new SignatureException("the response to " + question.messageId() + " is addressed to " + header.receiver()
                    + ", not to " + party + "; it is refused");
        }
        String boundTo = header.properties().get(Response.REQUEST_DIGEST_PROPERTY);
        if (!asked.digest().toString().equals(boundTo) || !header.replyTo().equals(Optional.of(question.messageId()))) {
            throw new SignatureException("the response " + header.messageId() + " is bound to another request (request digest "
                    + boundTo + ", reply to " + header.replyTo().map(Object::toString).orElse("none") + "), not to "
                    + question.messageId() + " with digest " + asked.digest() + "; it is refused");
        }
        if (!header.attachments().isEmpty() || !answer.attachments().isEmpty()) {
            throw new ValidationException("attachments", "response.attachments", "a response carries no attachments; ask"
                    + " the provider to send documents as messages");
        }
        return new Answer(envelope, payload);
    }

    private static RequestTimeoutException timeout(Envelope asked, Duration timeout, Throwable cause) {
        EnvelopeHeader question = asked.header();
        return new RequestTimeoutException(question.messageId(), question.receiver() + " did not answer request "
                + question.messageId() + " (" + question.service() + ") within " + timeout
                + "; a later answer is discarded — ask again if the question still stands", cause);
    }
}
