package org.goldensdk.exchange;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link MessageHandler} may want beside the message itself: the verified envelope (for an
 * audit trail) and the receipts this endpoint has issued for the message so far — today the
 * DELIVERED receipt, committed together with the handler's outcome. Immutable.
 */
public final class MessageContext {
    private final Envelope envelope;
    private final List<Receipt> receipts;

    MessageContext(Envelope envelope, List<Receipt> receipts) {
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.receipts = List.copyOf(receipts);
    }

    /** The verified signed envelope, exactly as the sender signed it. */
    public Envelope envelope() {
        return envelope;
    }

    /** The receipts issued for this message before the handler was called, oldest first. */
    public List<Receipt> receipts() {
        return receipts;
    }

    @Override
    public String toString() {
        return "MessageContext[" + envelope + ", " + receipts.size() + " receipts]";
    }
}
