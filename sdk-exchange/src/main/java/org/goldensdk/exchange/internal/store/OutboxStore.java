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
 * The sending client's tables (migrations {@code V1__outbox.sql}, {@code V3__outbox_cluster.sql})
 * for one sending party: the outbox rows with their parts, the receipts of sent messages and the
 * receipt feed's cursor. One JDBC implementation for H2 and PostgreSQL; several nodes (clients) may
 * share one store: a dispatcher claims rows with {@code SELECT … FOR UPDATE SKIP LOCKED} and marks
 * them leased to its node until a given instant. Every method that takes a {@link Connection} works
 * inside the caller's transaction and never commits; the others run their own. SQL failures become
 * {@link StorageException}. Thread-safe.
 */
public final class OutboxStore {
    /** SQLSTATE of a unique-key violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_ERROR_MESSAGE = 1000;
    /** A condition on outbox row {@code o}: no earlier message of its conversation is still queued. */
    private static final String NOT_HELD_BACK = " AND NOT EXISTS (SELECT 1 FROM golden_outbox earlier"
            + " WHERE earlier.sender = o.sender AND earlier.conversation_id = o.conversation_id"
            + " AND earlier.state = 'QUEUED' AND earlier.queue_seq < o.queue_seq)";

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
        /** Refused by the hub or out of attempts; a dead letter. */
        FAILED,
        /** Expired before the hub accepted it; a dead letter. */
        EXPIRED
    }

    /**
     * A message to queue: the sealed envelope's JSON and its payload as carried (the attachments are
     * files of the {@link OutboxAttachments}, listed by digest in the envelope).
     */
    public record NewMessage(MessageId id, PartyId receiver, String service, MessageId conversationId,
            String fingerprint, String envelopeDigest, byte[] envelopeJson, Content payload, Instant expiresAt) {
    }

    /** What the store knows about one message. */
    public record StoredMessage(MessageId id, PartyId receiver, String envelopeDigest, String fingerprint,
            RowState state, int attempts, Instant expiresAt, Optional<ReceiptState> progress, Optional<String> errorCode,
            Optional<String> errorMessage) {
    }

    /** A stored receipt the listener has not yet returned from. */
    public record PendingReceipt(long seq, byte[] json) {
    }

    /** A dead letter: a message that ended FAILED or EXPIRED, with the error that ended it. */
    public record DeadRow(MessageId id, PartyId receiver, String service, RowState state, int attempts,
            String errorCode, String errorMessage, Instant deadAt, Instant expiresAt) {
    }

    /** What {@link #redrive} found. */
    public enum Redrive {
        /** The dead letter is queued again with no attempts made. */
        QUEUED,
        /** No message with this id. */
        NOT_FOUND,
        /** The message is not a dead letter (queued or sent). */
        NOT_DEAD,
        /** The message expired; its signed envelope cannot be delivered any more. */
        EXPIRED
    }

    /** Runs {@code work} in one transaction of its own, committing on success. */
    public <T> T inTransaction(SqlWork<T> work) {
        return inTransaction(work, result -> true, "the outbox transaction failed");
    }

    /**
     * Runs {@code work} in one transaction of its own and commits if {@code commitIf} accepts its
     * result, else rolls back (on PostgreSQL a refused statement leaves the transaction unusable).
     */
    private <T> T inTransaction(SqlWork<T> work, java.util.function.Predicate<T> commitIf, String failure) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                if (commitIf.test(result)) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw storage(failure, e);
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
                + " next_attempt_at, expires_at, queued_at, conversation_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?, ?)")) {
            insert.setString(1, sender);
            insert.setString(2, message.id().toString());
            insert.setString(3, message.receiver().toString());
            insert.setString(4, message.service());
            insert.setString(5, message.fingerprint());
            insert.setString(6, message.envelopeDigest());
            insert.setBytes(7, message.envelopeJson());
            insert.setInt(8, 1);
            insert.setLong(9, now.toEpochMilli());
            insert.setLong(10, message.expiresAt().toEpochMilli());
            insert.setLong(11, now.toEpochMilli());
            insert.setString(12, message.conversationId().toString());
            insert.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
        try (PreparedStatement part = connection.prepareStatement("INSERT INTO golden_outbox_part (sender, message_id,"
                + " part_index, content) VALUES (?, ?, 0, ?)");
                InputStream in = message.payload().open()) {
            part.setString(1, sender);
            part.setString(2, message.id().toString());
            part.setBinaryStream(3, in, message.payload().size());
            part.executeUpdate();
        } catch (java.io.IOException e) {
            throw storage("cannot read the payload of message " + message.id(), e);
        }
        return true;
    }

    /**
     * Inserts a queued message and its parts in a transaction of its own.
     *
     * @return false if a message with this id already exists (nothing inserted)
     */
    public boolean insert(NewMessage message, Instant now) {
        return inTransaction(connection -> insert(connection, message, now), inserted -> inserted,
                "cannot store message " + message.id() + " in the outbox");
    }

    /** How many messages are queued or being sent (the bounded part of the outbox), read on {@code connection}. */
    public long countQueued(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM golden_outbox WHERE sender = ? AND state = 'QUEUED'")) {
            select.setString(1, sender);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * Claims for {@code node} up to {@code limit} queued messages due at {@code now} that no live
     * lease holds, leasing them until {@code leaseUntil}; a lease left by a crashed node lapses at its
     * end. Rows another node is claiming at this moment are skipped ({@code FOR UPDATE SKIP LOCKED}),
     * never waited for. With {@code ordered}, a message is claimable only when no earlier message of
     * its conversation is still queued (not yet accepted by the hub).
     */
    public List<MessageId> claimDue(String node, Instant now, Instant leaseUntil, int limit, boolean ordered) {
        String select = "SELECT message_id FROM golden_outbox o WHERE sender = ? AND state = 'QUEUED'"
                + " AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)"
                + (ordered ? NOT_HELD_BACK : "")
                + " ORDER BY next_attempt_at, queue_seq LIMIT ? FOR UPDATE SKIP LOCKED";
        return inTransaction(connection -> {
            List<MessageId> ids = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(select)) {
                query.setString(1, sender);
                query.setLong(2, now.toEpochMilli());
                query.setLong(3, now.toEpochMilli());
                query.setInt(4, limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(MessageId.parse(rows.getString(1)));
                    }
                }
            }
            if (ids.isEmpty()) {
                return ids;
            }
            try (PreparedStatement claim = connection.prepareStatement("UPDATE golden_outbox SET claimed_until = ?,"
                    + " claimed_by = ? WHERE sender = ? AND message_id = ?")) {
                for (MessageId id : ids) {
                    claim.setLong(1, leaseUntil.toEpochMilli());
                    claim.setString(2, node);
                    claim.setString(3, sender);
                    claim.setString(4, id.toString());
                    claim.addBatch();
                }
                claim.executeBatch();
            }
            return ids;
        });
    }

    /**
     * Extends {@code node}'s lease on a queued message to {@code leaseUntil}, if it still holds a
     * live one at {@code now}; false when the lease lapsed and the message may be another node's.
     */
    public boolean renewClaim(String node, MessageId id, Instant now, Instant leaseUntil) {
        return inTransaction(connection -> {
            try (PreparedStatement renew = connection.prepareStatement("UPDATE golden_outbox SET claimed_until = ?"
                    + " WHERE sender = ? AND message_id = ? AND state = 'QUEUED' AND claimed_by = ? AND claimed_until > ?")) {
                renew.setLong(1, leaseUntil.toEpochMilli());
                renew.setString(2, sender);
                renew.setString(3, id.toString());
                renew.setString(4, node);
                renew.setLong(5, now.toEpochMilli());
                return renew.executeUpdate() == 1;
            }
        });
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

    /** The payload of a stored message as carried. */
    public Content payload(MessageId id) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT content FROM golden_outbox_part"
                    + " WHERE sender = ? AND message_id = ? AND part_index = 0")) {
                select.setString(1, sender);
                select.setString(2, id.toString());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new StorageException("the payload of message " + id + " vanished from the outbox", null);
                    }
                    return Content.of(rows.getBytes(1));
                }
            }
        });
    }

    /**
     * Records a failed attempt and its error: the row stays queued, due again at
     * {@code nextAttemptAt}, unclaimed.
     */
    public void scheduleRetry(MessageId id, Instant nextAttemptAt, String errorCode, String errorMessage) {
        update(id, "UPDATE golden_outbox SET attempts = attempts + 1, next_attempt_at = ?, claimed_until = NULL,"
                + " error_code = ?, error_message = ? WHERE sender = ? AND message_id = ? AND state = 'QUEUED'",
                nextAttemptAt.toEpochMilli(), errorCode, truncated(errorMessage));
    }

    /**
     * Makes a queued row a dead letter in {@code state} (FAILED or EXPIRED) with the error that ended
     * it, to be announced to the listener; {@code attempted} says whether an attempt ended it (a
     * message found expired is not attempted again).
     */
    public void endUndelivered(MessageId id, RowState state, boolean attempted, String errorCode, String errorMessage,
            Instant now) {
        update(id, "UPDATE golden_outbox SET state = ?, attempts = attempts + ?, claimed_until = NULL, error_code = ?,"
                + " error_message = ?, dead_at = ?, dead_notified = FALSE WHERE sender = ? AND message_id = ?"
                + " AND state = 'QUEUED'", state.name(), attempted ? 1 : 0, errorCode, truncated(errorMessage),
                now.toEpochMilli());
    }

    /** The dead letters, oldest first. */
    public List<DeadRow> deadLetters() {
        return inTransaction(connection -> deadRows(connection, "state IN ('FAILED', 'EXPIRED') ORDER BY dead_at, queue_seq"));
    }

    /** The dead letters the listener has not yet returned from, oldest first. */
    public List<DeadRow> unannouncedDeadLetters(int limit) {
        return inTransaction(connection -> deadRows(connection, "dead_notified = FALSE ORDER BY dead_at, queue_seq"
                + " LIMIT " + limit));
    }

    /** Records that the listener returned normally for the dead letter {@code id}. */
    public void markDeadLetterAnnounced(MessageId id) {
        update(id, "UPDATE golden_outbox SET dead_notified = TRUE WHERE sender = ? AND message_id = ?"
                + " AND dead_notified = FALSE");
    }

    /**
     * Puts a FAILED dead letter back in the queue, due at {@code now}, with no attempts made and its
     * error cleared; an EXPIRED one stays (its signed expiry has passed).
     */
    public Redrive redrive(MessageId id, Instant now) {
        return inTransaction(connection -> {
            RowState state;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state FROM golden_outbox WHERE sender = ? AND message_id = ? FOR UPDATE")) {
                select.setString(1, sender);
                select.setString(2, id.toString());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Redrive.NOT_FOUND;
                    }
                    state = RowState.valueOf(row.getString(1));
                }
            }
            if (state == RowState.EXPIRED) {
                return Redrive.EXPIRED;
            }
            if (state != RowState.FAILED) {
                return Redrive.NOT_DEAD;
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE golden_outbox SET state = 'QUEUED',"
                    + " attempts = 0, next_attempt_at = ?, claimed_until = NULL, claimed_by = NULL, error_code = NULL,"
                    + " error_message = NULL, dead_at = NULL, dead_notified = NULL WHERE sender = ? AND message_id = ?")) {
                update.setLong(1, now.toEpochMilli());
                update.setString(2, sender);
                update.setString(3, id.toString());
                update.executeUpdate();
            }
            return Redrive.QUEUED;
        });
    }

    /**
     * Deletes up to {@code limit} finished messages (final receipt PROCESSED or REJECTED stored at or
     * before {@code finishedBefore}, every receipt passed to the listener) whose expiry is at or
     * before {@code expiredBefore}, with their parts and receipts.
     *
     * @return the ids of the deleted messages
     */
    public List<MessageId> purgeFinished(Instant finishedBefore, Instant expiredBefore, int limit) {
        return inTransaction(connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT message_id FROM golden_outbox o"
                    + " WHERE sender = ? AND finished_at <= ? AND expires_at <= ? AND state = 'SENT'"
                    + " AND NOT EXISTS (SELECT 1 FROM golden_outbox_receipt r WHERE r.sender = o.sender"
                    + " AND r.message_id = o.message_id AND r.notified = FALSE) ORDER BY finished_at LIMIT ?")) {
                select.setString(1, sender);
                select.setLong(2, finishedBefore.toEpochMilli());
                select.setLong(3, expiredBefore.toEpochMilli());
                select.setInt(4, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
            }
            for (String table : List.of("golden_outbox_part", "golden_outbox_receipt", "golden_outbox")) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE sender = ? AND message_id = ?")) {
                    for (String id : ids) {
                        delete.setString(1, sender);
                        delete.setString(2, id);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
            }
            return ids.stream().map(MessageId::parse).toList();
        });
    }

    private List<DeadRow> deadRows(Connection connection, String condition) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT message_id, receiver, service, state,"
                + " attempts, error_code, error_message, dead_at, expires_at FROM golden_outbox WHERE sender = ? AND "
                + condition)) {
            select.setString(1, sender);
            List<DeadRow> dead = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    dead.add(new DeadRow(MessageId.parse(rows.getString(1)), PartyId.parse(rows.getString(2)),
                            rows.getString(3), RowState.valueOf(rows.getString(4)), rows.getInt(5), rows.getString(6),
                            rows.getString(7), Instant.ofEpochMilli(rows.getLong(8)),
                            Instant.ofEpochMilli(rows.getLong(9))));
                }
            }
            return dead;
        }
    }

    private static String truncated(String errorMessage) {
        return errorMessage.length() > MAX_ERROR_MESSAGE ? errorMessage.substring(0, MAX_ERROR_MESSAGE - 1) + "…"
                : errorMessage;
    }

    /** Releases {@code node}'s claim on a queued row so another node may take it at once. */
    public void releaseClaim(String node, MessageId id) {
        update(id, "UPDATE golden_outbox SET claimed_until = NULL WHERE claimed_by = ? AND sender = ? AND message_id = ?",
                node);
    }

    /**
     * When the earliest queued message may next be claimed: its next attempt, or the end of another
     * node's lease on it; with {@code ordered}, only messages no earlier one of their conversation
     * holds back count. Empty if none.
     */
    public Optional<Instant> nextDue(boolean ordered) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT MIN(CASE WHEN claimed_until >"
                    + " next_attempt_at THEN claimed_until ELSE next_attempt_at END) FROM golden_outbox o"
                    + " WHERE sender = ? AND state = 'QUEUED'" + (ordered ? NOT_HELD_BACK : ""))) {
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
     * receipt proves the hub holds the message, so the row becomes SENT whatever it was (a dead
     * letter too); a final state (PROCESSED, REJECTED) starts the retention age.
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
        boolean finished = progress == ReceiptState.PROCESSED || progress == ReceiptState.REJECTED;
        try (PreparedStatement update = connection.prepareStatement("UPDATE golden_outbox SET progress = ?,"
                + " state = 'SENT', sent_at = COALESCE(sent_at, ?), claimed_until = NULL, error_code = NULL,"
                + " error_message = NULL, dead_at = NULL, dead_notified = NULL,"
                + " finished_at = COALESCE(finished_at, ?) WHERE sender = ? AND message_id = ?")) {
            update.setString(1, progress.name());
            update.setLong(2, now.toEpochMilli());
            if (finished) {
                update.setLong(3, now.toEpochMilli());
            } else {
                update.setNull(3, java.sql.Types.BIGINT);
            }
            update.setString(4, sender);
            update.setString(5, id.toString());
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

    /** Records, in one transaction, that the listener returned normally for the receipts {@code seqs}. */
    public void markNotified(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE golden_outbox_receipt SET notified = TRUE WHERE seq = ?")) {
                for (long seq : seqs) {
                    update.setLong(1, seq);
                    update.addBatch();
                }
                return update.executeBatch();
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
