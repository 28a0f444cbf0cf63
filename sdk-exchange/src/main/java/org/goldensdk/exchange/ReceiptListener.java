package org.goldensdk.exchange;

/**
 * Receives the verified receipts of the messages an {@link ExchangeClient} sent, registered when
 * the client is built. Every receipt passed here has been verified (signature, certificate path,
 * issuer: the hub for ACCEPTED, the receiver for the others; message id and envelope digest of the
 * sent envelope) and stored before the call; for one client, calls come one at a time, in the order
 * the receipts were stored, so a message's states arrive in order (ACCEPTED, DELIVERED, then
 * PROCESSED or REJECTED).
 *
 * <p>Delivery is <em>at least once</em>: a receipt counts as passed on only when this method returns
 * normally. If it throws, or the process stops first, the same receipt (and those stored after it)
 * is offered again on the next receipt poll or after a restart. Make the handling idempotent, e.g.
 * keyed by {@code (receipt.messageId(), receipt.state())}.
 */
@FunctionalInterface
public interface ReceiptListener {

    /** Handles one verified receipt; throwing leaves it to be offered again later. */
    void onReceipt(Receipt receipt);
}
