package org.goldensdk.sandbox.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.StorageException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.exchange.Transport;

/**
 * The hub's state in embedded H2: parties and their certificates, access rights, messages with
 * their parts, and the receipt feed. Schema migrations live in {@code org/goldensdk/sandbox/db}
 * and are applied by Flyway into {@code sandbox_schema_history}.
 *
 * <p>Every write to the receipt feed happens under one lock, held until its transaction commits,
 * so feed positions become visible in increasing order: a reader that saw position n never later
 * finds a smaller position appear (it would skip it, since it asks for what follows n).
 */
public final class HubStore implements AutoCloseable {
    private static final String MIGRATIONS = "classpath:org/goldensdk/sandbox/db";

    /** Where a message is in its push to the receiver. */
    public enum PushState { PENDING, DELIVERED, EXPIRED, FAILED }

    /** A message's key: the hub deduplicates by (sender, message id). */
    public record MessageKey(PartyId sender, MessageId messageId) {
        @Override
        public String toString() {
            return sender + "#" + messageId;
        }
    }

    /** A new message to store: its payload, and its attachments by digest (already in the {@link #spool()}). */
    public record NewMessage(MessageKey key, PartyId receiver, ServiceId service, String envelopeDigest,
            byte[] envelope, Instant expiresAt, Instant acceptedAt, byte[] payload, List<DigestValue> attachments) {
    }

    /** What {@link #accept} did: stored the message now, or found the same one stored before. */
    public record Accepted(boolean isNew, byte[] receipt) {
    }

    /** One receipt in the feed. */
    public record FeedEntry(long position, byte[] receipt) {
    }

    /**
     * A stored message as the pusher needs it: the envelope and the payload; the attachments stay in
     * the {@link #spool()}, fetched by the receiver by digest.
     */
    public record PushItem(MessageKey key, PartyId receiver, String envelopeDigest, byte[] envelope, byte[] payload,
            Instant expiresAt, PushState state, int attempts, Instant firstPushAt, List<ReceiptState> recorded) {
    }

    private final HikariDataSource dataSource;
    private final AttachmentSpool spool;
    private final ReentrantLock feedLock = new ReentrantLock();

    private HubStore(HikariDataSource dataSource, AttachmentSpool spool) {
        this.dataSource = dataSource;
        this.spool = spool;
    }

    /** The attachment files, named by digest ({@code attachments/} beside the database, or a temporary directory). */
    public AttachmentSpool spool() {
        return spool;
    }

    /**
     * Opens the store: in memory when {@code directory} is null, else an H2 file database there
     * (with {@code WRITE_DELAY=0}), and brings its schema up to date.
     */
    public static HubStore open(Path directory) {
        HikariDataSource dataSource = EmbeddedDatabase.open("hub", directory, MIGRATIONS, "sandbox_schema_history");
        return new HubStore(dataSource, AttachmentSpool.open(directory == null ? null : directory.resolve("attachments")));
    }

    /** The SHA-256 of a certificate's DER, as the registry stores it. */
    public static String fingerprint(X509Certificate certificate) {
        return CryptoSuite.INTL.digest(Certificates.encoded(certificate)).hex();
    }

    /** Registers {@code party} (or adds to it) with these certificates. */
    public void registerParty(PartyId party, Collection<X509Certificate> certificates) {
        inTransaction(c -> {
            try (PreparedStatement merge = c.prepareStatement(
                    "MERGE INTO hub_party (party_id, credit_code) KEY (party_id) VALUES (?, ?)")) {
                merge.setString(1, party.toString());
                merge.setString(2, party.creditCode().value());
                merge.executeUpdate();
            }
            try (PreparedStatement merge = c.prepareStatement(
                    "MERGE INTO hub_party_certificate (party_id, certificate_sha256) KEY (party_id, certificate_sha256) VALUES (?, ?)")) {
                for (X509Certificate certificate : certificates) {
                    merge.setString(1, party.toString());
                    merge.setString(2, fingerprint(certificate));
                    merge.addBatch();
                }
                merge.executeBatch();
            }
            return null;
        });
    }

    /** Sets the push endpoint of a registered party and how it is called; false if the party is not registered. */
    public boolean registerEndpoint(PartyId party, URI endpoint, Transport transport) {
        return inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE hub_party SET push_endpoint = ?, push_transport = ? WHERE party_id = ?")) {
                update.setString(1, endpoint.toString());
                update.setString(2, transport.name());
                update.setString(3, party.toString());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** How {@code party}'s endpoint is called: REST unless it registered a SOAP endpoint. */
    public Transport pushTransport(PartyId party) {
        return query("SELECT push_transport FROM hub_party WHERE party_id = ?", rs -> Transport.valueOf(rs.getString(1)),
                party.toString()).stream().findFirst().orElse(Transport.REST);
    }

    /** Allows {@code sender} to call {@code service} of {@code receiver}. */
    public void allow(PartyId sender, PartyId receiver, ServiceId service) {
        inTransaction(c -> {
            try (PreparedStatement merge = c.prepareStatement("MERGE INTO hub_access_right (sender_party, receiver_party, service)"
                    + " KEY (sender_party, receiver_party, service) VALUES (?, ?, ?)")) {
                merge.setString(1, sender.toString());
                merge.setString(2, receiver.toString());
                merge.setString(3, service.toString());
                merge.executeUpdate();
            }
            return null;
        });
    }

    /** The parties registered with the certificate of this fingerprint. */
    public List<PartyId> partiesOf(String certificateFingerprint) {
        return query("SELECT party_id FROM hub_party_certificate WHERE certificate_sha256 = ? ORDER BY party_id",
                rs -> PartyId.parse(rs.getString(1)), certificateFingerprint);
    }

    /** Whether {@code party} is registered. */
    public boolean isRegistered(PartyId party) {
        return !query("SELECT 1 FROM hub_party WHERE party_id = ?", rs -> 1, party.toString()).isEmpty();
    }

    /** Whether {@code sender} may call {@code service} of {@code receiver}. */
    public boolean isAllowed(PartyId sender, PartyId receiver, ServiceId service) {
        return !query("SELECT 1 FROM hub_access_right WHERE sender_party = ? AND receiver_party = ? AND service = ?",
                rs -> 1, sender.toString(), receiver.toString(), service.toString()).isEmpty();
    }

    /** The push endpoint of {@code party}, if it registered one. */
    public Optional<URI> endpoint(PartyId party) {
        return query("SELECT push_endpoint FROM hub_party WHERE party_id = ? AND push_endpoint IS NOT NULL",
                rs -> URI.create(rs.getString(1)), party.toString()).stream().findFirst();
    }

    /**
     * Stores a new message, its parts and its ACCEPTED receipt (made by {@code receipt}) in one
     * transaction and appends the receipt to the sender's feed — or, when (sender, message id) is
     * stored already with the same envelope digest, returns the receipt answered then.
     *
     * @throws ConflictException when the id is stored with another envelope digest
     */
    public Accepted accept(NewMessage message, Supplier<byte[]> receipt) {
        return underFeedLock(() -> inTransaction(c -> {
            MessageKey key = message.key();
            try (PreparedStatement find = c.prepareStatement(
                    "SELECT envelope_digest FROM hub_message WHERE sender_party = ? AND message_id = ?")) {
                bindKey(find, key);
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        if (!rs.getString(1).equals(message.envelopeDigest())) {
                            throw new ConflictException("message " + key.messageId() + " of " + key.sender()
                                    + " was accepted before with another envelope digest; a new message needs a new id");
                        }
                        return new Accepted(false, receipt(c, key, ReceiptState.ACCEPTED).orElseThrow());
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO hub_message (sender_party, message_id, "
                    + "sender_credit_code, receiver_party, service, envelope_digest, envelope, expires_at, accepted_at, push_state)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bindKey(insert, key);
                insert.setString(3, key.sender().creditCode().value());
                insert.setString(4, message.receiver().toString());
                insert.setString(5, message.service().toString());
                insert.setString(6, message.envelopeDigest());
                insert.setBytes(7, message.envelope());
                insert.setObject(8, utc(message.expiresAt()));
                insert.setObject(9, utc(message.acceptedAt()));
                insert.setString(10, PushState.PENDING.name());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO hub_message_part (sender_party, message_id, part_index, content) VALUES (?, ?, 0, ?)")) {
                bindKey(insert, key);
                insert.setBytes(3, message.payload());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO hub_message_attachment (sender_party, message_id,"
                    + " attachment_index, digest, size) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < message.attachments().size(); i++) {
                    DigestValue digest = message.attachments().get(i);
                    bindKey(insert, key);
                    insert.setInt(3, i);
                    insert.setString(4, digest.toString());
                    // Checked under the feed lock, which the clean-up of unlisted uploads takes too.
                    insert.setLong(5, spool.sizeOf(digest).orElseThrow(() -> new ValidationException("attachments",
                            "delivery.attachments", "attachment " + (message.attachments().indexOf(digest) + 1) + " ("
                            + digest + ") is not in the hub's spool any more; upload it again with PUT /attachments/"
                            + digest + " and submit again")));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            byte[] accepted = receipt.get();
            appendReceipt(c, key, ReceiptState.ACCEPTED, accepted);
            return new Accepted(true, accepted);
        }));
    }

    /**
     * Appends the receiver's receipts (states not recorded yet, in the order given) to the feed and
     * marks the message DELIVERED, in one transaction.
     */
    public void recordDelivery(MessageKey key, List<ReceiptState> states, List<byte[]> receipts) {
        underFeedLock(() -> inTransaction(c -> {
            for (int i = 0; i < states.size(); i++) {
                if (receipt(c, key, states.get(i)).isEmpty()) {
                    appendReceipt(c, key, states.get(i), receipts.get(i));
                }
            }
            updatePush(c, key, PushState.DELIVERED, null);
            return null;
        }));
    }

    /** Records a failed push attempt that will be retried. */
    public void recordAttempt(MessageKey key, int attempts, Instant firstPushAt, String error) {
        inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE hub_message SET push_attempts = ?, first_push_at = ?,"
                    + " last_error = ? WHERE sender_party = ? AND message_id = ?")) {
                update.setInt(1, attempts);
                update.setObject(2, utc(firstPushAt));
                update.setString(3, truncate(error));
                update.setString(4, key.sender().toString());
                update.setString(5, key.messageId().toString());
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Ends the push of a message: expired or failed for good. */
    public void finishPush(MessageKey key, PushState state, String reason) {
        inTransaction(c -> {
            updatePush(c, key, state, reason);
            return null;
        });
    }

    /** The message as the pusher needs it, if stored. */
    public Optional<PushItem> pushItem(MessageKey key) {
        return inTransaction(c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT receiver_party, envelope_digest, envelope, expires_at,"
                    + " push_state, push_attempts, first_push_at FROM hub_message WHERE sender_party = ? AND message_id = ?")) {
                bindKey(find, key);
                try (ResultSet rs = find.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    OffsetDateTime first = rs.getObject(7, OffsetDateTime.class);
                    return Optional.of(new PushItem(key, PartyId.parse(rs.getString(1)), rs.getString(2), rs.getBytes(3),
                            payload(c, key), rs.getObject(4, OffsetDateTime.class).toInstant(), PushState.valueOf(rs.getString(5)),
                            rs.getInt(6), first == null ? null : first.toInstant(), recordedStates(c, key)));
                }
            }
        });
    }

    /** The state of a message's push, if the message is stored. */
    public Optional<PushState> pushState(MessageKey key) {
        return query("SELECT push_state FROM hub_message WHERE sender_party = ? AND message_id = ?",
                rs -> PushState.valueOf(rs.getString(1)), key.sender().toString(), key.messageId().toString())
                .stream().findFirst();
    }

    /** The messages still to be pushed to {@code receiver}. */
    public List<MessageKey> pendingFor(PartyId receiver) {
        return query("SELECT sender_party, message_id FROM hub_message WHERE receiver_party = ? AND push_state = ?",
                rs -> new MessageKey(PartyId.parse(rs.getString(1)), MessageId.parse(rs.getString(2))),
                receiver.toString(), PushState.PENDING.name());
    }

    /**
     * Leases the oldest message waiting for {@code receiver} that is not leased at {@code now}
     * (never fetched, or its lease ran out unacknowledged) until {@code leaseUntil}. Two pulls never
     * hold the same lease: the lease is taken by a conditional update.
     */
    public Optional<MessageKey> leaseNext(PartyId receiver, Instant now, Instant leaseUntil) {
        return inTransaction(c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT sender_party, message_id FROM hub_message"
                    + " WHERE receiver_party = ? AND push_state = ? AND expires_at > ? AND (lease_until IS NULL OR lease_until <= ?)"
                    + " ORDER BY accepted_at, message_id FETCH FIRST 10 ROWS ONLY");
                    PreparedStatement lease = c.prepareStatement("UPDATE hub_message SET lease_until = ? WHERE sender_party = ?"
                            + " AND message_id = ? AND push_state = ? AND (lease_until IS NULL OR lease_until <= ?)")) {
                find.setString(1, receiver.toString());
                find.setString(2, PushState.PENDING.name());
                find.setObject(3, utc(now));
                find.setObject(4, utc(now));
                List<MessageKey> candidates = new ArrayList<>();
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(new MessageKey(PartyId.parse(rs.getString(1)), MessageId.parse(rs.getString(2))));
                    }
                }
                for (MessageKey key : candidates) {
                    lease.setObject(1, utc(leaseUntil));
                    lease.setString(2, key.sender().toString());
                    lease.setString(3, key.messageId().toString());
                    lease.setString(4, PushState.PENDING.name());
                    lease.setObject(5, utc(now));
                    if (lease.executeUpdate() == 1) {
                        return Optional.of(key);
                    }
                }
                return Optional.empty();
            }
        });
    }

    /** The message {@code messageId} addressed to {@code receiver} with this envelope digest, if stored. */
    public Optional<MessageKey> messageTo(PartyId receiver, MessageId messageId, String envelopeDigest) {
        return query("SELECT sender_party FROM hub_message WHERE receiver_party = ? AND message_id = ? AND envelope_digest = ?",
                rs -> new MessageKey(PartyId.parse(rs.getString(1)), messageId), receiver.toString(), messageId.toString(),
                envelopeDigest).stream().findFirst();
    }

    /** Up to {@code limit} receipts of messages sent by {@code creditCode}'s parties, after {@code position}. */
    public List<FeedEntry> feed(String creditCode, long position, int limit) {
        return query("SELECT position, receipt FROM hub_receipt WHERE sender_credit_code = ? AND position > ?"
                + " ORDER BY position FETCH FIRST " + limit + " ROWS ONLY",
                rs -> new FeedEntry(rs.getLong(1), rs.getBytes(2)), creditCode, position);
    }

    /** Every receipt of the message {@code messageId} sent by one of {@code creditCode}'s parties, oldest first. */
    public List<FeedEntry> receiptsOf(String creditCode, MessageId messageId) {
        return query("SELECT position, receipt FROM hub_receipt WHERE sender_credit_code = ? AND message_id = ? ORDER BY position",
                rs -> new FeedEntry(rs.getLong(1), rs.getBytes(2)), creditCode, messageId.toString());
    }

    /**
     * Notes that the attachment {@code digest} was stored or uploaded again at {@code at}: the
     * clean-up of {@link #deleteUnlistedUploads} counts its retention from the latest upload.
     */
    public void recordUpload(DigestValue digest, Instant at) {
        inTransaction(c -> {
            try (PreparedStatement merge = c.prepareStatement(
                    "MERGE INTO hub_attachment_upload (digest, uploaded_at) KEY (digest) VALUES (?, ?)")) {
                merge.setString(1, digest.toString());
                merge.setObject(2, utc(at));
                merge.executeUpdate();
            }
            return null;
        });
    }

    /** Whether a stored message addressed to one of {@code parties} lists the attachment {@code digest}. */
    public boolean listsAttachmentFor(DigestValue digest, List<PartyId> parties) {
        return parties.stream().anyMatch(party -> !query("SELECT 1 FROM hub_message_attachment a JOIN hub_message m"
                + " ON a.sender_party = m.sender_party AND a.message_id = m.message_id"
                + " WHERE a.digest = ? AND m.receiver_party = ? FETCH FIRST 1 ROWS ONLY", rs -> true,
                digest.toString(), party.toString()).isEmpty());
    }

    /**
     * Deletes the spooled attachments last uploaded before {@code uploadedBefore} that no stored
     * message lists (their senders never submitted the envelope, or submitted another); under the
     * feed lock, so a submission listing one either is stored first (and keeps the file) or finds it
     * gone (and is refused with a typed error).
     *
     * @return how many files were deleted
     */
    public int deleteUnlistedUploads(Instant uploadedBefore) {
        return underFeedLock(() -> inTransaction(c -> {
            List<String> unlisted = new ArrayList<>();
            try (PreparedStatement find = c.prepareStatement("SELECT digest FROM hub_attachment_upload u WHERE uploaded_at < ?"
                    + " AND NOT EXISTS (SELECT 1 FROM hub_message_attachment a WHERE a.digest = u.digest)")) {
                find.setObject(1, utc(uploadedBefore));
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        unlisted.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM hub_attachment_upload WHERE digest = ?")) {
                for (String digest : unlisted) {
                    spool.delete(DigestValue.parse(digest));
                    delete.setString(1, digest);
                    delete.executeUpdate();
                }
            }
            return unlisted.size();
        }));
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return dataSource.isClosed();
    }

    /** Closes the connections; an in-memory database is dropped. */
    @Override
    public void close() {
        try (Connection c = dataSource.getConnection(); Statement shutdown = c.createStatement()) {
            shutdown.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already shut down: nothing left to release but the pool
        } finally {
            dataSource.close();
            spool.close();
        }
    }

    private static Optional<byte[]> receipt(Connection c, MessageKey key, ReceiptState state) throws SQLException {
        try (PreparedStatement find = c.prepareStatement(
                "SELECT receipt FROM hub_receipt WHERE sender_party = ? AND message_id = ? AND state = ?")) {
            bindKey(find, key);
            find.setString(3, state.name());
            try (ResultSet rs = find.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    private static void appendReceipt(Connection c, MessageKey key, ReceiptState state, byte[] receipt) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO hub_receipt (sender_party, message_id,"
                + " sender_credit_code, state, receipt) VALUES (?, ?, ?, ?, ?)")) {
            bindKey(insert, key);
            insert.setString(3, key.sender().creditCode().value());
            insert.setString(4, state.name());
            insert.setBytes(5, receipt);
            insert.executeUpdate();
        }
    }

    private static List<ReceiptState> recordedStates(Connection c, MessageKey key) throws SQLException {
        List<ReceiptState> states = new ArrayList<>();
        try (PreparedStatement find = c.prepareStatement(
                "SELECT state FROM hub_receipt WHERE sender_party = ? AND message_id = ? ORDER BY position")) {
            bindKey(find, key);
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    states.add(ReceiptState.valueOf(rs.getString(1)));
                }
            }
        }
        return states;
    }

    private static byte[] payload(Connection c, MessageKey key) throws SQLException {
        try (PreparedStatement find = c.prepareStatement(
                "SELECT content FROM hub_message_part WHERE sender_party = ? AND message_id = ? AND part_index = 0")) {
            bindKey(find, key);
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("message " + key + " has no payload row");
                }
                return rs.getBytes(1);
            }
        }
    }

    private static void updatePush(Connection c, MessageKey key, PushState state, String reason) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE hub_message SET push_state = ?, last_error = ?"
                + " WHERE sender_party = ? AND message_id = ? AND push_state = ?")) {
            update.setString(1, state.name());
            update.setString(2, truncate(reason));
            update.setString(3, key.sender().toString());
            update.setString(4, key.messageId().toString());
            update.setString(5, PushState.PENDING.name());
            update.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement statement, MessageKey key) throws SQLException {
        statement.setString(1, key.sender().toString());
        statement.setString(2, key.messageId().toString());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private <T> T underFeedLock(Supplier<T> work) {
        feedLock.lock();
        try {
            return work.get();
        } finally {
            feedLock.unlock();
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... parameters) {
        return inTransaction(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row.read(rs));
                    }
                }
                return rows;
            }
        });
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("the sandbox hub's store failed: " + e.getMessage(), e);
        }
    }
}
