package org.goldensdk.exchange;

import java.sql.Connection;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link MessageHandler} may want beside the message itself: the verified envelope (for an
 * audit trail), the receipts this endpoint has issued for the message so far — today the DELIVERED
 * receipt, committed together with the handler's outcome — and the inbox's open transaction, so the
 * handler's own writes commit together with the message's "handled" mark. Valid only during the
 * handler call.
 */
public final class MessageContext {
    private final Envelope envelope;
    private final List<Receipt> receipts;
    private final Connection transaction;

    MessageContext(Envelope envelope, List<Receipt> receipts, Connection transaction) {
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.receipts = List.copyOf(receipts);
        this.transaction = transaction;
    }

    /** The context of a request: a request is answered, not recorded, so there is no inbox transaction. */
    MessageContext(Envelope envelope) {
        this(envelope, List.of(), null);
    }

    /** The verified signed envelope, exactly as the sender signed it. */
    public Envelope envelope() {
        return envelope;
    }

    /** The receipts issued for this message before the handler was called, oldest first. */
    public List<Receipt> receipts() {
        return receipts;
    }

    /**
     * The inbox store's JDBC connection inside the transaction that records this message as handled
     * (its row, the DELIVERED receipt and the handler's outcome): what the handler writes through it
     * commits in the same transaction, or not at all. That gives exactly-once handling across
     * crashes and redeliveries: either the business change and the handled mark both exist, or
     * neither does and the hub delivers the message again. Useful when the endpoint's
     * {@link ExchangeEndpoint.Builder#store(javax.sql.DataSource) store} is the application's own
     * database (H2 or PostgreSQL), so the handler's tables live beside the inbox's.
     *
     * <ul>
     *   <li>Valid only during the handler call: afterwards every use fails with an
     *       {@link java.sql.SQLException} and the statements the handler left open are closed.</li>
     *   <li>The endpoint owns the transaction: {@code commit}, {@code rollback()}, {@code close},
     *       {@code setAutoCommit}, {@code setTransactionIsolation}, {@code setReadOnly},
     *       {@code setSchema}, {@code setCatalog} and {@code abort} are refused with an
     *       {@code SQLException}. Savepoints and rolling back to one's own savepoint work.</li>
     *   <li>If the handler throws, everything is rolled back — its writes and the handled mark — and
     *       the hub is answered 503, so it delivers the message again later. A statement that fails
     *       leaves the transaction unusable on PostgreSQL: throw rather than return an outcome.</li>
     *   <li>Use it on the handler's own thread only; the endpoint calls handlers of different
     *       messages concurrently, each with its own transaction.</li>
     * </ul>
     *
     * @throws IllegalStateException for a {@link RequestHandler}: a request is answered, not
     *     recorded in the inbox, so there is no transaction to join
     */
    public Connection connection() {
        if (transaction == null) {
            throw new IllegalStateException("a request handler has no inbox transaction: requests are answered, not"
                    + " recorded in the inbox; open the application's own transaction if the answer needs one");
        }
        return transaction;
    }

    @Override
    public String toString() {
        return "MessageContext[" + envelope + ", " + receipts.size() + " receipts]";
    }
}
