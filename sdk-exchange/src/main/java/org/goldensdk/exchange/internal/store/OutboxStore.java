package org.goldensdk.exchange.internal.store;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.StorageException;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.ReceiptState;

/**
 * The sending client's tables (migration {@code V1__outbox.sql}) for one sending party: the outbox
 * rows with their parts, the receipts of sent messages and the receipt feed's cursor. Every method
 * that takes a {@link Connection} works inside the caller's transaction and never commits; the
 * others run their own. SQL failures become {@link StorageException}. Thread-safe.
 */
public final class OutboxStore {
    /** SQLSTATE of a unique-key violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_ERROR_MESSAGE = 1000;

    private final DataSource dataSource;
    private final String sender;

    /** The store of {@code sender}'s messages in {@code dataSource} (already migrated). */
    public OutboxStore(DataSource dataSource, PartyId sender) {
        this.dataSource = dataSource;
        this.sender = sender.toString();
    }

    /** Delivery states of an outbox row. */
    public enum RowState {
        /** Waiting for (another) delivery attempt. */
        QUEUED,
        /** The hub's ACCEPTED receipt (or a later one) is stored. */
        SENT,
        /** Refused by the hub; a dead letter. */
        FAILED,
        /** Expired before the hub accepted it; a dead letter. */
        EXPIRED
    }

    /** A message to queue: the sealed envelope's JSON and its parts as carried. */
    public record NewMessage(MessageId id, PartyId receiver, String service, String fingerprint, String envelopeDigest,
            byte[] envelopeJson, List<Content> parts, Instant expiresAt) {
    }

    /** What the store knows about one message. */
    public record StoredMessage(MessageId id, PartyId receiver, String envelopeDigest, String fingerprint,
            RowState state, int attempts, Instant expiresAt, Optional<ReceiptState> progress, Optional<String> errorCode,
            Optional<String> errorMessage) {
    }

    /** A stored receipt the listener has not yet returned from. */
    public record PendingReceipt(long seq, byte[] json) {
    }

    /** Runs {@code work} in one transaction of its own, committing on success. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw storage("the outbox transaction failed", e);
        }
    }

    /** The message with this id, read on {@code connection}. */
    public Optional<StoredMessage> find(Connection connection, MessageId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT receiver, envelope_digest, fingerprint, state,"
                + " attempts, expires_at, progress, error_code, error_message FROM golden_outbox"
                + " WHERE sender = ? AND message_id = ?")) {
            select.setString(1, sender);
            select.setString(2, id.toString());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredMessage(id, PartyId.parse(row.getString(1)), row.getString(2),
                        row.getString(3), RowState.valueOf(row.getString(4)), row.getInt(5),
                        Instant.ofEpochMilli(row.getLong(6)),
                        Optional.ofNullable(row.getString(7)).map(ReceiptState::valueOf),
                        Optional.ofNullable(row.getString(8)), Optional.ofNullable(row.getString(9))));
            }
        }
    }

    /** The message with this id, in a transaction of its own. */
    public Optional<StoredMessage> find(MessageId id) {
        return inTransaction(connection -> find(connection, id));
    }

    /**
     * Inserts a queued message and its parts on {@code connection}, due at {@code now}.
     *
     * @return false if a message with this id already exists (nothing inserted; on PostgreSQL the
     *     caller's transaction is then aborted)
     */
    public boolean insert(Connection connection, NewMessage message, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO golden_outbox (sender, message_id,"
                + " receiver, service, fingerprint, envelope_digest, envelope, part_count, state, attempts,"
                + " next_attempt_at, expires_at, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?)")) {
            insert.setString(1, sender);
            insert.setString(2, message.id().toString());
            insert.setString(3, message.receiver().toString());
            insert.setString(4, message.service());
            insert.setString(5, message.fingerprint());
            insert.setString(6, message.envelopeDigest());
            insert.setBytes(7, message.envelopeJson());
            insert.setInt(8, message.parts().size());
            insert.setLong(9, now.toEpochMilli());
            insert.setLong(10, message.expiresAt().toEpochMilli());
            insert.setLong(11, now.toEpochMilli());
            insert.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
        try (PreparedStatement part = connection.prepareStatement("INSERT INTO golden_outbox_part (sender, message_id,"
                + " part_index, content) VALUES (?, ?, ?, ?)")) {
            for (int index = 0; index < message.parts().size(); index++) {
                Content content = message.parts().get(index);
                try (InputStream in = content.open()) {
                    part.setString(1, sender);
                    part.setString(2, message.id().toString());
                    part.setInt(3, index);
                    part.setBinaryStream(4, in, content.size());
                    part.executeUpdate();
                } catch (java.io.IOException e) {
                    throw storage("cannot read part " + index + " of message " + message.id(), e);
                }
            }
        }
        return true;
    }

    /**
     * Inserts a queued message and its parts in a transaction of its own.
     *
     * @return false if a message with this id already exists (nothing inserted)
     */
    public boolean insert(NewMessage message, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                boolean inserted = insert(connection, message, now);
                if (inserted) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return inserted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw storage("cannot store message " + message.id() + " in the outbox", e);
        }
    }

    /**
     * Claims up to {@code limit} queued messages due at {@code now} that no live claim holds, until
     * {@code claimUntil}; a claim left by a crashed process lapses at its end.
     */
    public List<MessageId> claimDue(Instant now, Instant claimUntil, int limit) {
        List<MessageId> candidates = inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT message_id FROM golden_outbox"
                    + " WHERE sender = ? AND state = 'QUEUED' AND next_attempt_at <= ?"
                    + " AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY next_attempt_at, message_id LIMIT ?")) {
                select.setString(1, sender);
                select.setLong(2, now.toEpochMilli());
                select.setLong(3, now.toEpochMilli());
                select.setInt(4, limit);
                List<MessageId> ids = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(MessageId.parse(rows.getString(1)));
                    }
                }
                return ids;
            }
        });
        List<MessageId> claimed = new ArrayList<>();
        for (MessageId id : candidates) {
            int updated = inTransaction(connection -> {
                try (PreparedStatement claim = connection.prepareStatement("UPDATE golden_outbox SET claimed_until = ?"
                        + " WHERE sender = ? AND message_id = ? AND state = 'QUEUED'"
                        + " AND (claimed_until IS NULL OR claimed_until <= ?)")) {
                    claim.setLong(1, claimUntil.toEpochMilli());
                    claim.setString(2, sender);
                    claim.setString(3, id.toString());
                    claim.setLong(4, now.toEpochMilli());
                    return claim.executeUpdate();
                }
            });
            if (updated == 1) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    /** The signed envelope's JSON of a stored message. */
    public byte[] envelopeJson(MessageId id) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT envelope FROM golden_outbox WHERE sender = ? AND message_id = ?")) {
                select.setString(1, sender);
                select.setString(2, id.toString());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new StorageException("message " + id + " vanished from the outbox", null);
                    }
                    return row.getBytes(1);
                }
            }
        });
    }

    /** The parts of a stored message as carried, payload first. */
    public List<Content> parts(MessageId id) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT content FROM golden_outbox_part"
                    + " WHERE sender = ? AND message_id = ? ORDER BY part_index")) {
                select.setString(1, sender);
                select.setString(2, id.toString());
                List<Content> parts = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        parts.add(Content.of(rows.getBytes(1)));
                    }
                }
                return parts;
            }
        });
    }

    /** Records a failed attempt: the row stays queued, due again at {@code nextAttemptAt}, unclaimed. */
    public void scheduleRetry(MessageId id, Instant nextAttemptAt) {
        update(id, "UPDATE golden_outbox SET attempts = attempts + 1, next_attempt_at = ?, claimed_until = NULL"
                + " WHERE sender = ? AND message_id = ? AND state = 'QUEUED'", nextAttemptAt.toEpochMilli());
    }

    /** Makes a queued row a dead letter in {@code state} (FAILED or EXPIRED) with the error that ended it. */
    public void endUndelivered(MessageId id, RowState state, String errorCode, String errorMessage) {
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE golden_outbox SET state = ?,"
                    + " attempts = attempts + 1, claimed_until = NULL, error_code = ?, error_message = ?"
                    + " WHERE sender = ? AND message_id = ? AND state = 'QUEUED'")) {
                update.setString(1, state.name());
                update.setString(2, errorCode);
                update.setString(3, errorMessage.length() > MAX_ERROR_MESSAGE
                        ? errorMessage.substring(0, MAX_ERROR_MESSAGE - 1) + "…" : errorMessage);
                update.setString(4, sender);
                update.setString(5, id.toString());
                return update.executeUpdate();
            }
        });
    }

    /** Releases this process's claims on queued rows so another client on the store may take them at once. */
    public void releaseClaim(MessageId id) {
        update(id, "UPDATE golden_outbox SET claimed_until = NULL WHERE sender = ? AND message_id = ?");
    }

    /** When the earliest queued message falls due, if any is queued. */
    public Optional<Instant> nextDue() {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT MIN(next_attempt_at) FROM golden_outbox"
                    + " WHERE sender = ? AND state = 'QUEUED'")) {
                select.setString(1, sender);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    long due = row.getLong(1);
                    return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(due));
                }
            }
        });
    }

    /**
     * Locks the message's row on {@code connection} and returns its current receipt progress; empty
     * when the message is not in this outbox.
     */
    public Optional<Optional<ReceiptState>> lockProgress(Connection connection, MessageId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT progress FROM golden_outbox"
                + " WHERE sender = ? AND message_id = ? FOR UPDATE")) {
            select.setString(1, sender);
            select.setString(2, id.toString());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(Optional.ofNullable(row.getString(1)).map(ReceiptState::valueOf));
            }
        }
    }

    /** Whether a receipt of this state is already stored for the message. */
    public boolean hasReceipt(Connection connection, MessageId id, ReceiptState state) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM golden_outbox_receipt"
                + " WHERE sender = ? AND message_id = ? AND state = ?")) {
            select.setString(1, sender);
            select.setString(2, id.toString());
            select.setString(3, state.name());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * Stores a verified receipt, not yet notified, and moves the message to {@code progress}: a
     * receipt proves the hub holds the message, so the row becomes SENT whatever it was.
     */
    public void addReceipt(Connection connection, MessageId id, ReceiptState state, byte[] json, ReceiptState progress,
            Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO golden_outbox_receipt (sender,"
                + " message_id, state, receipt, received_at, notified) VALUES (?, ?, ?, ?, ?, FALSE)")) {
            insert.setString(1, sender);
            insert.setString(2, id.toString());
            insert.setString(3, state.name());
            insert.setBytes(4, json);
            insert.setLong(5, now.toEpochMilli());
            insert.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE golden_outbox SET progress = ?,"
                + " state = 'SENT', sent_at = COALESCE(sent_at, ?), claimed_until = NULL, error_code = NULL,"
                + " error_message = NULL WHERE sender = ? AND message_id = ?")) {
            update.setString(1, progress.name());
            update.setLong(2, now.toEpochMilli());
            update.setString(3, sender);
            update.setString(4, id.toString());
            update.executeUpdate();
        }
    }

    /** The receipts stored but not yet notified, oldest first. */
    public List<PendingReceipt> unnotified(int limit) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT seq, receipt FROM golden_outbox_receipt"
                    + " WHERE sender = ? AND notified = FALSE ORDER BY seq LIMIT ?")) {
                select.setString(1, sender);
                select.setInt(2, limit);
                List<PendingReceipt> pending = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        pending.add(new PendingReceipt(rows.getLong(1), rows.getBytes(2)));
                    }
                }
                return pending;
            }
        });
    }

    /** Records that the listener returned normally for the receipt {@code seq}. */
    public void markNotified(long seq) {
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE golden_outbox_receipt SET notified = TRUE WHERE seq = ?")) {
                update.setLong(1, seq);
                return update.executeUpdate();
            }
        });
    }

    /** The last position of {@code hub}'s receipt feed processed; {@code "0"} before the first. */
    public String cursor(String hub) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT position FROM golden_receipt_cursor WHERE sender = ? AND hub = ?")) {
                select.setString(1, sender);
                select.setString(2, hub);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getString(1) : "0";
                }
            }
        });
    }

    /** Moves {@code hub}'s feed cursor to {@code position} on {@code connection}. */
    public void saveCursor(Connection connection, String hub, String position) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE golden_receipt_cursor SET position = ? WHERE sender = ? AND hub = ?")) {
            update.setString(1, position);
            update.setString(2, sender);
            update.setString(3, hub);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO golden_receipt_cursor (sender, hub, position) VALUES (?, ?, ?)")) {
            insert.setString(1, sender);
            insert.setString(2, hub);
            insert.setString(3, position);
            insert.executeUpdate();
        }
    }

    private void update(MessageId id, String sql, Object... leading) {
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int index = 1;
                for (Object value : leading) {
                    update.setObject(index++, value);
                }
                update.setString(index++, sender);
                update.setString(index, id.toString());
                return update.executeUpdate();
            }
        });
    }

    private static StorageException storage(String what, Exception cause) {
        return new StorageException(what + ": " + cause.getMessage()
                + "; check that the outbox database is reachable and writable", cause);
    }

    /** Work done on a connection inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        /** Does the work; the transaction commits when it returns. */
        T run(Connection connection) throws SQLException;
    }
}
