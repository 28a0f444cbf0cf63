package org.goldensdk.exchange;

import java.util.Objects;
import java.util.Optional;
import org.goldensdk.core.ConflictException;

/**
 * The state machine of one message's receipts: it never goes backwards, and a final outcome
 * (PROCESSED or REJECTED) is accepted only after DELIVERED. Receipts arrive at least once, so an
 * older or repeated state is absorbed without change; a contradiction is refused. Immutable.
 */
public final class DeliveryProgress {
    private static final DeliveryProgress NONE = new DeliveryProgress(null);

    private final ReceiptState state;

    private DeliveryProgress(ReceiptState state) {
        this.state = state;
    }

    /** A message with no receipt yet. */
    public static DeliveryProgress none() {
        return NONE;
    }

    /** The progress of a message whose latest receipt state is {@code state}. */
    public static DeliveryProgress at(ReceiptState state) {
        return new DeliveryProgress(Objects.requireNonNull(state, "state"));
    }

    /** The latest state, if any receipt arrived. */
    public Optional<ReceiptState> state() {
        return Optional.ofNullable(state);
    }

    /**
     * The progress after a receipt in state {@code next}: unchanged ({@code this}) for an older or
     * repeated state, advanced otherwise.
     *
     * @throws ConflictException for a final outcome before DELIVERED, or a second, different outcome
     */
    public DeliveryProgress advance(ReceiptState next) {
        Objects.requireNonNull(next, "next");
        int current = state == null ? 0 : state.rank();
        if (next.rank() < current || next == state) {
            return this;
        }
        if (next.rank() == current) {
            throw new ConflictException("the message already ended " + state + " and cannot also be " + next
                    + "; the receiver reported two different outcomes");
        }
        if (next.isFinal() && current < ReceiptState.DELIVERED.rank()) {
            throw new ConflictException(next + " cannot precede DELIVERED: a handler's outcome implies the receiver"
                    + " has the message; " + (state == null ? "no receipt" : state) + " is the latest state recorded");
        }
        return new DeliveryProgress(next);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeliveryProgress other && state == other.state;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(state);
    }

    @Override
    public String toString() {
        return "DeliveryProgress[" + (state == null ? "none" : state) + "]";
    }
}
