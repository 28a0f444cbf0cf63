package org.goldensdk.exchange;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link MessageHandler} made of a message: {@link #processed()}, {@link #rejected(String,
 * String) rejected} with a reason code, or {@link #pending()} — decided later through
 * {@link ExchangeEndpoint#complete(MessageId, Outcome)}. The endpoint turns it into the receiver's
 * signed PROCESSED or REJECTED receipt, committed together with the message id, so the handler is
 * not called again for that message. Immutable.
 */
public final class Outcome {
    private static final Outcome PROCESSED = new Outcome(ReceiptState.PROCESSED, null, null);
    private static final Outcome PENDING = new Outcome(ReceiptState.DELIVERED, null, null);

    private final ReceiptState state;
    private final String reasonCode;
    private final String reason;

    private Outcome(ReceiptState state, String reasonCode, String reason) {
        this.state = state;
        this.reasonCode = reasonCode;
        this.reason = reason;
    }

    /** The message was handled; the sender gets a PROCESSED receipt. */
    public static Outcome processed() {
        return PROCESSED;
    }

    /**
     * The decision is not taken yet (parallel approval takes days): the message is recorded as
     * handled, the sender gets only the DELIVERED receipt now, and the PROCESSED or REJECTED receipt
     * once someone calls {@link ExchangeEndpoint#complete(MessageId, Outcome)} — on any endpoint
     * sharing this store, also after a restart. The handler is not called again for the message.
     */
    public static Outcome pending() {
        return PENDING;
    }

    /** Whether the decision is left for {@link ExchangeEndpoint#complete(MessageId, Outcome)}. */
    public boolean isPending() {
        return this == PENDING;
    }

    /**
     * The handler refuses the message for a business reason; the sender gets a REJECTED receipt
     * carrying {@code reasonCode} and {@code reason}. Refusing is final: the message is not
     * redelivered. (To have it redelivered later, throw instead.)
     *
     * @param reasonCode 2 to 64 characters of {@code A-Z}, {@code 0-9} and {@code _}, starting with a
     *     letter, e.g. {@code E_UNKNOWN_COMPANY}
     * @param reason a short explanation for the sender (1 to 1024 characters, no personal data), or null
     * @throws org.goldensdk.core.ValidationException if the code or the reason breaks those rules
     */
    public static Outcome rejected(String reasonCode, String reason) {
        Objects.requireNonNull(reasonCode, "reasonCode");
        Receipt.requireReason(ReceiptState.REJECTED, reasonCode, reason);
        return new Outcome(ReceiptState.REJECTED, reasonCode, reason);
    }

    /** {@link ReceiptState#PROCESSED} or {@link ReceiptState#REJECTED}; {@link ReceiptState#DELIVERED} while pending. */
    public ReceiptState state() {
        return state;
    }

    /** The reason code of a rejection. */
    public Optional<String> reasonCode() {
        return Optional.ofNullable(reasonCode);
    }

    /** The explanation of a rejection, if one was given. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outcome other && state == other.state && Objects.equals(reasonCode, other.reasonCode)
                && Objects.equals(reason, other.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, reasonCode, reason);
    }

    @Override
    public String toString() {
        if (isPending()) {
            return "Outcome[PENDING]";
        }
        return reasonCode == null ? "Outcome[" + state + "]" : "Outcome[" + state + " " + reasonCode + "]";
    }
}
