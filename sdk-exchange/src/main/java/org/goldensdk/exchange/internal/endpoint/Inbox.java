package org.goldensdk.exchange.internal.endpoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.goldensdk.core.BackpressureException;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.StorageException;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.ServiceId;

/**
 * The endpoint's inbox table ({@code golden_inbox_message}, migration V2): which messages were
 * handled, by (sender, message id), and the receipts answered for each. A message's row, its
 * DELIVERED receipt and the handler's outcome are committed in one transaction, so after a crash
 * either all of them exist or none does (and the message is handled again when redelivered).
 * Thread-safe.
 */
public final class Inbox {

    /** SQLSTATE of a unique-key violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    /** An inbox in {@code dataSource}, whose schema is already migrated. */
    public Inbox(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** A message already handled: the digest of its envelope and its receipts as JSON, oldest first. */
    public record Recorded(DigestValue envelopeDigest, List<String> receipts) {
        /** Copies the list. */
        public Recorded {
            receipts = List.copyOf(receipts);
        }
    }

    /** Handles a message inside the inbox's transaction and returns its outcome receipt as JSON. */
    @FunctionalInterface
    public interface Handling {
        /**
         * @param transaction the inbox's connection in the open transaction, valid only during this
         *     call; it refuses commit, rollback and close
         * @param deliveredReceipt the DELIVERED receipt about to be committed, as JSON
         * @return the outcome receipt as JSON, or null when the handler left the outcome pending
         */
        String outcome(Connection transaction, String deliveredReceipt);
    }

    /** What identifies and describes a message in the inbox. */
    public record Entry(PartyId sender, MessageId messageId, DigestValue envelopeDigest, ServiceId service,
            Instant expiresAt) {
    }

    /** The committed record of a message, if it was handled before. */
    public Optional<Recorded> find(PartyId sender, MessageId messageId) {
        try (Connection connection = dataSource.getConnection()) {
            return select(connection, sender, messageId);
        } catch (SQLException e) {
            throw storageFailure(e);
        }
    }

    /**
     * Records a message not handled before, in one transaction: inserts its row with the receipt
     * {@code delivered} supplies, then stores what {@code outcome} (the handler) makes of the
     * DELIVERED receipt (null when the handler left the outcome pending) — the handler may write
     * through the transaction's connection — then commits. If the message was recorded meanwhile (a
     * concurrent or earlier delivery), returns that record without calling either. If
     * {@code outcome} throws, nothing is recorded, the handler's writes are rolled back too, and the
     * exception propagates.
     *
     * @throws BackpressureException if another delivery of the same message is being handled right
     *     now and did not commit; retrying later answers its receipts
     * @throws StorageException if the database fails
     */
    public Recorded recordOnce(Entry entry, Instant receivedAt, Supplier<String> delivered, Handling outcome) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                return recordOnce(connection, entry, receivedAt, delivered, outcome);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw storageFailure(e);
        }
    }

    private Recorded recordOnce(Connection connection, Entry entry, Instant receivedAt, Supplier<String> delivered,
            Handling outcome) throws SQLException {
        try {
            Optional<Recorded> earlier = select(connection, entry.sender(), entry.messageId());
            if (earlier.isPresent()) {
                connection.commit();
                return earlier.get();
            }
            String deliveredReceipt = delivered.get();
            insert(connection, entry, receivedAt, deliveredReceipt);
            String outcomeReceipt = handle(connection, outcome, deliveredReceipt);
            if (outcomeReceipt == null) {
                connection.commit();
                return new Recorded(entry.envelopeDigest(), List.of(deliveredReceipt));
            }
            update(connection, entry.sender(), entry.messageId(), outcomeReceipt, false);
            connection.commit();
            return new Recorded(entry.envelopeDigest(), List.of(deliveredReceipt, outcomeReceipt));
        } catch (SQLException e) {
            connection.rollback();
            // A concurrent delivery of the same message inserted first: answer what it committed.
            Optional<Recorded> concurrent = select(connection, entry.sender(), entry.messageId());
            connection.commit();
            if (concurrent.isPresent()) {
                return concurrent.get();
            }
            if (UNIQUE_VIOLATION.equals(e.getSQLState()) || isLockTimeout(e)) {
                throw new BackpressureException("message " + entry.messageId() + " from " + entry.sender()
                        + " is being handled by another delivery right now; deliver it again later");
            }
            throw e;
        } catch (RuntimeException | Error e) {
            connection.rollback();
            throw e;
        }
    }

    private static String handle(Connection connection, Handling outcome, String deliveredReceipt) {
        LentConnection lent = new LentConnection(connection);
        try {
            return outcome.outcome(lent.view(), deliveredReceipt);
        } finally {
            lent.end();
        }
    }

    private static Optional<Recorded> select(Connection connection, PartyId sender, MessageId messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT envelope_digest, delivered_receipt, outcome_receipt"
                + " FROM golden_inbox_message WHERE sender = ? AND message_id = ?")) {
            select.setString(1, sender.toString());
            select.setString(2, messageId.toString());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String outcome = row.getString(3);
                List<String> receipts = outcome == null ? List.of(row.getString(2)) : List.of(row.getString(2), outcome);
                return Optional.of(new Recorded(DigestValue.parse(row.getString(1)), receipts));
            }
        }
    }

    private static void insert(Connection connection, Entry entry, Instant receivedAt, String deliveredReceipt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO golden_inbox_message (sender, message_id,"
                + " envelope_digest, service, received_at, expires_at, delivered_receipt) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, entry.sender().toString());
            insert.setString(2, entry.messageId().toString());
            insert.setString(3, entry.envelopeDigest().toString());
            insert.setString(4, entry.service().toString());
            insert.setObject(5, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
            insert.setObject(6, OffsetDateTime.ofInstant(entry.expiresAt(), ZoneOffset.UTC));
            insert.setString(7, deliveredReceipt);
            insert.executeUpdate();
        }
    }

    private static void update(Connection connection, PartyId sender, MessageId messageId, String outcomeReceipt,
            boolean unreported) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE golden_inbox_message SET outcome_receipt = ?,"
                + " outcome_unreported = ? WHERE sender = ? AND message_id = ?")) {
            update.setString(1, outcomeReceipt);
            update.setBoolean(2, unreported);
            update.setString(3, sender.toString());
            update.setString(4, messageId.toString());
            update.executeUpdate();
        }
    }

    /** A message whose handler answered pending, as {@link #complete} finds it. */
    public record Pending(PartyId sender, MessageId messageId, DigestValue envelopeDigest) {
    }

    /** What {@link #complete} did: the outcome receipt stored for the message, and whether this call stored it. */
    public record Completed(PartyId sender, MessageId messageId, String outcomeReceipt, boolean isNew) {
    }

    /**
     * Decides a pending message: in one transaction (the row locked), stores the receipt
     * {@code receipt} makes as its outcome, marked unreported until {@link #reported} is called.
     * A message decided before answers the receipt stored then, with {@code isNew} false.
     *
     * @throws NotFoundException if no message with this id was received
     * @throws ConflictException if two senders used this message id (name the sender)
     */
    public Completed complete(MessageId messageId, Function<Pending, String> receipt) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("SELECT sender, envelope_digest, outcome_receipt"
                    + " FROM golden_inbox_message WHERE message_id = ? FOR UPDATE")) {
                select.setString(1, messageId.toString());
                Completed completed;
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new NotFoundException("no message " + messageId + " was received by this endpoint");
                    }
                    PartyId sender = PartyId.parse(row.getString(1));
                    DigestValue digest = DigestValue.parse(row.getString(2));
                    String stored = row.getString(3);
                    if (row.next()) {
                        throw new ConflictException("two senders used message id " + messageId + "; it does not name one message");
                    }
                    completed = stored != null ? new Completed(sender, messageId, stored, false)
                            : new Completed(sender, messageId, receipt.apply(new Pending(sender, messageId, digest)), true);
                }
                if (completed.isNew()) {
                    update(connection, completed.sender(), messageId, completed.outcomeReceipt(), true);
                }
                connection.commit();
                return completed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw storageFailure(e);
        }
    }

    /** Outcome receipts stored by {@link #complete} that the hub has not acknowledged yet, oldest first. */
    public List<Completed> unreported(int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT sender, message_id, outcome_receipt"
                        + " FROM golden_inbox_message WHERE outcome_unreported = TRUE ORDER BY received_at")) {
            select.setMaxRows(limit);
            List<Completed> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new Completed(PartyId.parse(row.getString(1)), MessageId.parse(row.getString(2)),
                            row.getString(3), false));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw storageFailure(e);
        }
    }

    /** The hub acknowledged the outcome receipt of this message. */
    public void reported(PartyId sender, MessageId messageId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE golden_inbox_message SET outcome_unreported"
                        + " = FALSE WHERE sender = ? AND message_id = ?")) {
            update.setString(1, sender.toString());
            update.setString(2, messageId.toString());
            update.executeUpdate();
        } catch (SQLException e) {
            throw storageFailure(e);
        }
    }

    /** H2's lock timeout (HYT00) or PostgreSQL's lock_not_available (55P03). */
    private static boolean isLockTimeout(SQLException e) {
        return "HYT00".equals(e.getSQLState()) || "55P03".equals(e.getSQLState());
    }

    private static StorageException storageFailure(SQLException e) {
        return new StorageException("the exchange inbox cannot be read or written: " + e.getMessage(), e);
    }
}
