package org.goldensdk.sandbox.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.exchange.DeliveryProgress;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.sandbox.internal.HubStore.PushItem;

/**
 * Records the receipts a receiver issued for one of its messages — answered to a push, or sent by
 * a pulling receiver as its acknowledgement, or later as the outcome of a pending message — after
 * checking each: signed by the receiver, about exactly the stored envelope, in a receiver's state.
 * New states are appended to the sender's feed in order; the progress never goes backwards.
 */
final class ReceiverReceipts {
    private final HubStore store;
    private final TrustAnchors trustAnchors;

    ReceiverReceipts(HubStore store, TrustAnchors trustAnchors) {
        this.store = store;
        this.trustAnchors = trustAnchors;
    }

    /**
     * Verifies {@code receipts} for {@code item} and records the states not recorded yet.
     *
     * @throws SignatureException if a receipt is forged, issued by another party or about another envelope
     * @throws MalformedInputException if, afterwards, the message would still not be DELIVERED
     */
    void record(PushItem item, List<Receipt> receipts, Instant now) {
        DeliveryProgress progress = DeliveryProgress.none();
        for (ReceiptState recorded : item.recorded()) {
            progress = progress.advance(recorded);
        }
        List<ReceiptState> states = new ArrayList<>();
        List<byte[]> encoded = new ArrayList<>();
        for (Receipt receipt : receipts) {
            requireReceiverReceipt(item, receipt, now);
            DeliveryProgress next = progress.advance(receipt.state());
            if (!next.equals(progress)) {
                states.add(receipt.state());
                encoded.add(EnvelopeCodec.json().encode(receipt));
                progress = next;
            }
        }
        if (progress.state().filter(state -> state != ReceiptState.ACCEPTED).isEmpty()) {
            throw new MalformedInputException("the receiver answered no DELIVERED receipt for " + item.key(), null);
        }
        store.recordDelivery(item.key(), states, encoded);
    }

    /** A receipt counts only if the receiver signed it, about exactly the stored envelope, in a receiver's state. */
    private void requireReceiverReceipt(PushItem item, Receipt receipt, Instant now) {
        receipt.verify(trustAnchors, now);
        if (!receipt.issuer().equals(item.receiver())) {
            throw new SignatureException("a receipt for " + item.key() + " is issued by " + receipt.issuer()
                    + ", not by the receiver " + item.receiver());
        }
        if (!receipt.messageId().equals(item.key().messageId())
                || !receipt.envelopeDigest().equals(DigestValue.parse(item.envelopeDigest()))) {
            throw new SignatureException("a receipt answered for " + item.key() + " is about message " + receipt.messageId()
                    + " with digest " + receipt.envelopeDigest() + ", not about the envelope stored");
        }
        if (receipt.state() == ReceiptState.ACCEPTED) {
            throw new SignatureException("the receiver answered an ACCEPTED receipt for " + item.key()
                    + "; only the hub accepts, a receiver answers DELIVERED, PROCESSED or REJECTED");
        }
    }
}
