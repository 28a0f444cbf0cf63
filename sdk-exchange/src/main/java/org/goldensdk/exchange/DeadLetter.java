package org.goldensdk.exchange;

import java.time.Instant;
import java.util.Objects;
import org.goldensdk.core.PartyId;

/**
 * A message an {@link ExchangeClient} gave up delivering, with the error that ended it: the hub
 * refused it or the attempt budget was spent ({@link DeliveryStatus.State#FAILED}, which
 * {@link ExchangeClient#redrive} can queue again), or it expired before the hub accepted it
 * ({@link DeliveryStatus.State#EXPIRED}, final: send a new message). Immutable.
 */
public final class DeadLetter {
    private final MessageId messageId;
    private final PartyId receiver;
    private final ServiceId service;
    private final DeliveryStatus.State state;
    private final int attempts;
    private final String errorCode;
    private final String errorMessage;
    private final Instant deadAt;
    private final Instant expiresAt;

    DeadLetter(MessageId messageId, PartyId receiver, ServiceId service, DeliveryStatus.State state, int attempts,
            String errorCode, String errorMessage, Instant deadAt, Instant expiresAt) {
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.service = Objects.requireNonNull(service, "service");
        this.state = Objects.requireNonNull(state, "state");
        this.attempts = attempts;
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.errorMessage = Objects.requireNonNull(errorMessage, "errorMessage");
        this.deadAt = Objects.requireNonNull(deadAt, "deadAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The message. */
    public MessageId messageId() {
        return messageId;
    }

    /** The party it was sent to. */
    public PartyId receiver() {
        return receiver;
    }

    /** The service it was sent for. */
    public ServiceId service() {
        return service;
    }

    /** FAILED (refused, or out of attempts; re-drivable) or EXPIRED (final). */
    public DeliveryStatus.State state() {
        return state;
    }

    /** Delivery attempts made since it was queued (or last re-driven). */
    public int attempts() {
        return attempts;
    }

    /** The last error's code, e.g. {@code E_ACCESS_DENIED} or {@code E_UNAVAILABLE}; {@code E_VALIDATION} when expired. */
    public String errorCode() {
        return errorCode;
    }

    /** What the last error said (the hub's explanation when it gave one). */
    public String errorMessage() {
        return errorMessage;
    }

    /** When it became a dead letter. */
    public Instant deadAt() {
        return deadAt;
    }

    /** When its signed envelope expires; the hub refuses it after that. */
    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter other && messageId.equals(other.messageId) && state == other.state
                && attempts == other.attempts && errorCode.equals(other.errorCode)
                && errorMessage.equals(other.errorMessage) && deadAt.equals(other.deadAt)
                && receiver.equals(other.receiver) && service.equals(other.service) && expiresAt.equals(other.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, state, attempts, errorCode, deadAt);
    }

    @Override
    public String toString() {
        return "DeadLetter[" + messageId + " " + state + " " + errorCode + " after " + attempts + " attempts]";
    }
}
