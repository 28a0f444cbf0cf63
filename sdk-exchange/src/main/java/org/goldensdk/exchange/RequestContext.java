package org.goldensdk.exchange;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link RequestHandler} may want beside the request itself: the verified request envelope
 * (for an audit trail) and the deadline by which the caller must have the answer. Immutable.
 */
public final class RequestContext {
    private final Envelope envelope;

    RequestContext(Envelope envelope) {
        this.envelope = Objects.requireNonNull(envelope, "envelope");
    }

    /** The verified signed request envelope, exactly as the caller signed it. */
    public Envelope envelope() {
        return envelope;
    }

    /** When the caller stops waiting (the request's expiry): an answer after it is discarded. */
    public Instant deadline() {
        return envelope.header().expiresAt();
    }

    @Override
    public String toString() {
        return "RequestContext[" + envelope + "]";
    }
}
