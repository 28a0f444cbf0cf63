package org.goldensdk.exchange;

import java.util.List;
import java.util.Objects;

/**
 * An envelope together with its payload and attachments as carried — what a sender submits to
 * the hub and what the hub pushes to a receiver (the {@code Delivery} of docs/exchange/openapi.yaml).
 * Encoded by {@link EnvelopeCodec#encode(Delivery)}; nothing in it is verified until
 * {@link EnvelopeVerifier#verify} and the verifying part streams have run. Immutable.
 *
 * @param envelope the signed envelope
 * @param payload the payload bytes as carried
 * @param attachments the attachments as carried, in manifest order
 */
public record Delivery(Envelope envelope, Content payload, List<Content> attachments) {
    /** Checks presence and copies the list. */
    public Delivery {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(payload, "payload");
        attachments = List.copyOf(attachments);
    }

    /** The delivery of a freshly sealed message. */
    public static Delivery of(SealedMessage sealed) {
        return new Delivery(sealed.envelope(), sealed.payload(), sealed.attachments());
    }
}
