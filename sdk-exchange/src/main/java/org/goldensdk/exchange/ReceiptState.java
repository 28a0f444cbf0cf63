package org.goldensdk.exchange;

/**
 * How far a message got, as reported by a signed {@link Receipt}. States are ordered: ACCEPTED
 * (the hub stored it) before DELIVERED (the receiver has it) before the handler's final outcome,
 * PROCESSED or REJECTED. {@link DeliveryProgress} enforces that order.
 */
public enum ReceiptState {
    /** The hub verified and durably stored the envelope. */
    ACCEPTED(1),
    /** The receiver verified and durably stored the envelope. */
    DELIVERED(2),
    /** The receiver's handler processed the message. Implies DELIVERED. */
    PROCESSED(3),
    /** The receiver's handler refused the message, with a reason code. Implies DELIVERED. */
    REJECTED(3);

    private final int rank;

    ReceiptState(int rank) {
        this.rank = rank;
    }

    /** Whether this is a handler's outcome, after which nothing changes. */
    public boolean isFinal() {
        return rank == 3;
    }

    int rank() {
        return rank;
    }
}
