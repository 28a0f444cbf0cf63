package org.goldensdk.exchange;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one sent message stands in the local outbox of an {@link ExchangeClient}, as recorded by
 * this client (it does not ask the hub). Immutable.
 */
public final class DeliveryStatus {

    /** The outbox state of a message. */
    public enum State {
        /** Durably stored, waiting for the dispatcher (first attempt or a retry). */
        QUEUED,
        /** The hub has it: a verified receipt is stored ({@link #receiptState()} says how far it got). */
        SENT,
        /** Refused by the hub, or out of delivery attempts; a dead letter with the last error, re-drivable. */
        FAILED,
        /** Its expiry passed before the hub accepted it; a dead letter. */
        EXPIRED
    }

    private final MessageId messageId;
    private final State state;
    private final ReceiptState receiptState;
    private final int attempts;
    private final String errorCode;
    private final String errorMessage;

    DeliveryStatus(MessageId messageId, State state, ReceiptState receiptState, int attempts, String errorCode,
            String errorMessage) {
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.state = Objects.requireNonNull(state, "state");
        this.receiptState = receiptState;
        this.attempts = attempts;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    /** The message. */
    public MessageId messageId() {
        return messageId;
    }

    /** The outbox state. */
    public State state() {
        return state;
    }

    /** The latest verified receipt state, once the hub accepted the message. */
    public Optional<ReceiptState> receiptState() {
        return Optional.ofNullable(receiptState);
    }

    /** Delivery attempts that ended without the hub's ACCEPTED receipt. */
    public int attempts() {
        return attempts;
    }

    /** For FAILED and EXPIRED: the error code that ended it, e.g. {@code E_ACCESS_DENIED}; an expired
     * message has {@code E_VALIDATION} (the envelope rule {@code envelope.expired}). For QUEUED: the
     * last failed attempt's, if one failed. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** What went wrong, as reported, with {@link #errorCode()}. */
    public Optional<String> errorMessage() {
        return Optional.ofNullable(errorMessage);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeliveryStatus other && messageId.equals(other.messageId) && state == other.state
                && receiptState == other.receiptState && attempts == other.attempts
                && Objects.equals(errorCode, other.errorCode) && Objects.equals(errorMessage, other.errorMessage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, state, receiptState, attempts, errorCode);
    }

    @Override
    public String toString() {
        return "DeliveryStatus[" + messageId + " " + state + (receiptState == null ? "" : " " + receiptState)
                + (errorCode == null ? "" : " " + errorCode) + "]";
    }
}
