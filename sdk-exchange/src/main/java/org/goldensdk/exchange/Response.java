package org.goldensdk.exchange;

import java.util.Objects;

/**
 * A provider's answer to {@link ExchangeClient#request}: the typed body and the provider's signed
 * response envelope, already verified — signed by the provider, addressed to the caller and bound to
 * the request by the request's envelope digest ({@link #REQUEST_DIGEST_PROPERTY}) — to keep for the
 * audit trail. Immutable.
 *
 * @param <T> the type of the body
 */
public final class Response<T> {
    /**
     * The signed header property binding a response to its request: the request envelope's digest,
     * as {@code ALG:hex}. The response's {@code replyTo} names the request's message id.
     */
    public static final String REQUEST_DIGEST_PROPERTY = "golden.request-digest";

    private final T body;
    private final Envelope envelope;

    Response(T body, Envelope envelope) {
        this.body = Objects.requireNonNull(body, "body");
        this.envelope = Objects.requireNonNull(envelope, "envelope");
    }

    /** The provider's answer, decoded from the verified payload. */
    public T body() {
        return body;
    }

    /** The provider's verified signed response envelope, exactly as signed. */
    public Envelope envelope() {
        return envelope;
    }

    /** The response envelope's header. */
    public EnvelopeHeader header() {
        return envelope.header();
    }

    @Override
    public String toString() {
        return "Response[" + envelope.header().messageId() + " from " + envelope.header().sender() + "]";
    }
}
