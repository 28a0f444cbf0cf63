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
 * normally. If it throws, the same receipt (and those stored after it) is offered again on the next
 * receipt poll or after a restart; if the process stops, so are the receipts passed on since the
 * last record of them (they are recorded together, after up to 100 calls). Make the handling idempotent, e.g.
 * keyed by {@code (receipt.messageId(), receipt.state())}.
 *
 * <p>The same listener is told of each message that becomes a {@link DeadLetter}
 * ({@link #onDeadLetter}), durably and at least once in the same way, after the receipts stored
 * before it. Several clients sharing one store (a cluster) share these notifications: one node's
 * listener is told, more than one if a node stops before recording the call.
 */
@FunctionalInterface
public interface ReceiptListener {

    /** Handles one verified receipt; throwing leaves it to be offered again later. */
    void onReceipt(Receipt receipt);

    /**
     * Handles a message the client gave up delivering (refused by the hub, out of attempts, or
     * expired); throwing leaves it to be offered again later. Does nothing by default: dead letters
     * stay listed in {@link ExchangeClient#deadLetters()} either way.
     */
    default void onDeadLetter(DeadLetter deadLetter) {
    }
}
