package org.goldensdk.exchange;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.goldensdk.core.BackpressureException;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.Settings;
import org.goldensdk.core.StorageException;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TokenSource;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.core.ValidationException;
import org.goldensdk.exchange.internal.soap.SoapHubTransport;
import org.goldensdk.exchange.internal.client.Dispatcher;
import org.goldensdk.exchange.internal.client.MdcKeys;
import org.goldensdk.exchange.internal.client.MessageFingerprint;
import org.goldensdk.exchange.internal.client.PeriodicTask;
import org.goldensdk.exchange.internal.client.ReceiptNotifier;
import org.goldensdk.exchange.internal.client.ReceiptPoller;
import org.goldensdk.exchange.internal.client.ReceiptRecorder;
import org.goldensdk.exchange.internal.client.Requester;
import org.goldensdk.exchange.internal.store.ExchangeDatabase;
import org.goldensdk.exchange.internal.store.OutboxAttachments;
import org.goldensdk.exchange.internal.store.OutboxStore;
import org.goldensdk.exchange.internal.store.OutboxStore.DeadRow;
import org.goldensdk.exchange.internal.store.OutboxStore.NewMessage;
import org.goldensdk.exchange.internal.store.OutboxStore.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends messages of one party through the exchange hub, store-and-forward: {@link #send} seals the
 * message and returns once its envelope is durably in the local outbox; a background dispatcher
 * delivers it to the hub over mutual TLS, retrying with the {@link RetryPolicy} until the hub
 * accepts it or it expires; the receipts of every sent message (ACCEPTED from the hub, DELIVERED,
 * PROCESSED or REJECTED from the receiver) are verified and passed to the {@link ReceiptListener}
 * from a durable cursor — at least once, none missed across a restart. Thread-safe;
 * {@link #close()} it when done.
 *
 * <p>The outbox is an embedded H2 database under {@code golden-store/<party>} unless
 * {@link Builder#store(DataSource)} gives one (H2 or PostgreSQL; the schema is migrated at build,
 * into tables prefixed {@code golden_}). Several clients of one party on one database — one per
 * application node — share its outbox: each message is claimed by one node at a time under a lease
 * ({@link Builder#leaseDuration}), and a stopped node's messages return to the others when its
 * leases lapse. The outbox is bounded ({@link Builder#maxOutboxMessages}); messages the client
 * gives up on are dead letters ({@link #deadLetters()}, {@link #redrive}); messages whose final
 * receipt is in are purged after {@link Builder#retention}. See docs/exchange-client.md.
 */
public final class ExchangeClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeClient.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(5);
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    private static final int PURGE_BATCH = 500;
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    private static final Duration UPLOAD_CALL_TIMEOUT = Duration.ofHours(2);
    /** How long {@link #request} waits for an answer unless told otherwise ({@link Builder#requestTimeout}). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final PartyId party;
    private final Clock clock;
    private final EnvelopeSealer sealer;
    private final OutboxStore store;
    private final OutboxAttachments attachments;
    private final AttachmentLimits attachmentLimits;
    private final HttpTransport transport;
    private final HttpTransport requestTransport;
    private final HttpTransport uploadTransport;
    private final Requester requester;
    private final Duration requestTimeout;
    private final Scheduler ownedScheduler;
    private final HikariDataSource ownedDataSource;
    private final Dispatcher dispatcher;
    private final PeriodicTask dispatchTask;
    private final PeriodicTask pollTask;
    private final PeriodicTask purgeTask;
    private final long maxOutboxMessages;
    private final Duration retention;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ExchangeClient(Builder b, Scheduler scheduler, Clock clock, EnvelopeSealer sealer, DataSource dataSource,
            HikariDataSource ownedDataSource, HttpTransport transport, HttpTransport requestTransport,
            HttpTransport uploadTransport) {
        this.party = b.party;
        this.requestTransport = requestTransport;
        this.uploadTransport = uploadTransport;
        this.requestTimeout = b.requestTimeout;
        this.requester = new Requester(requestTransport, sealer, EnvelopeVerifier.builder().trustAnchors(b.trustAnchors)
                .clock(clock).build(), b.party, clock, MAX_RESPONSE_BYTES);
        this.clock = clock;
        this.sealer = sealer;
        this.ownedScheduler = b.scheduler == null ? scheduler : null;
        this.ownedDataSource = ownedDataSource;
        this.transport = transport;
        this.store = new OutboxStore(dataSource, party);
        this.attachments = new OutboxAttachments(b.attachmentDirectory(), party);
        this.attachmentLimits = b.attachmentLimits;
        this.maxOutboxMessages = b.maxOutboxMessages;
        this.retention = b.retention;
        ReceiptRecorder recorder = new ReceiptRecorder(store, b.trustAnchors, b.hubParty, clock);
        ReceiptListener listener = b.receiptListener;
        ReceiptNotifier notifier = new ReceiptNotifier(store, listener, row -> listener.onDeadLetter(deadLetter(row)));
        // A crash between storing a receipt and the listener's return left it un-notified: offer it first.
        notifier.notifyPending();
        Duration lease = b.leaseDuration == null ? Dispatcher.defaultLease(b.retryPolicy) : b.leaseDuration;
        this.dispatcher = new Dispatcher(store, attachments, transport, uploadTransport, recorder, notifier, clock,
                new Dispatcher.Options(
                b.retryPolicy, b.dispatchInterval, lease, b.maxDeliveryAttempts, b.orderedConversations,
                b.dispatchConcurrency));
        ReceiptPoller poller = new ReceiptPoller(store, transport, recorder, notifier, transport.baseUri().toString(),
                b.receiptPollInterval);
        this.dispatchTask = new PeriodicTask(scheduler, "exchange dispatcher", dispatcher::runOnce, AFTER_FAILURE);
        this.pollTask = new PeriodicTask(scheduler, "exchange receipt poller", poller::runOnce, AFTER_FAILURE);
        this.purgeTask = new PeriodicTask(scheduler, "exchange retention", () -> {
            purgeNow();
            return PURGE_INTERVAL;
        }, AFTER_FAILURE);
        dispatchTask.start(Duration.ZERO);
        pollTask.start(Duration.ZERO);
        purgeTask.start(PURGE_INTERVAL);
    }

    /**
     * Asks {@code provider} a synchronous question through the hub and waits for the answer up to
     * the {@linkplain Builder#requestTimeout request timeout}: {@code body} travels as JSON in an
     * envelope this party signs (not through the outbox — nothing is stored, the caller waits);
     * the hub routes it to the provider, pushed or picked up by a pulling provider. The answer is
     * accepted only if it is signed by the provider, addressed to this party and bound to this
     * request by the request's envelope digest; its payload is then bound from JSON to
     * {@code type}.
     *
     * <pre>{@code
     * Response<CompanyStatus> status = exchange.request(tax, ServiceId.of("tax.company-status", 1),
     *         new StatusQuery("91420100MA4K00002Y"), CompanyStatus.class);
     * }</pre>
     *
     * @throws RequestTimeoutException if the provider did not answer in time; a later answer is discarded
     * @throws org.goldensdk.core.SignatureException if the answer does not verify, was tampered with or is bound to another request
     * @throws org.goldensdk.core.AccessDeniedException if the platform does not let this party ask the provider this service
     * @throws org.goldensdk.core.MalformedInputException if the answer's body is not JSON of {@code type}
     */
    public <T> Response<T> request(PartyId provider, ServiceId service, Object body, Class<T> type) {
        return request(provider, service, body, type, requestTimeout);
    }

    /**
     * Like {@link #request(PartyId, ServiceId, Object, Class)}, waiting at most {@code timeout}.
     *
     * @throws ValidationException if {@code timeout} is not positive or longer than the client's request timeout
     */
    public <T> Response<T> request(PartyId provider, ServiceId service, Object body, Class<T> type, Duration timeout) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(type, "type");
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(requestTimeout) > 0) {
            throw new ValidationException("timeout", "request.timeout", "the timeout must be positive and at most the"
                    + " client's request timeout " + requestTimeout + " (Builder.requestTimeout), got " + timeout);
        }
        Requester.Answer answer = requester.request(Message.to(provider).service(service).json(body).expiresIn(timeout).build(),
                timeout);
        return new Response<>(JsonCodec.of().read(answer.payload(), type), answer.envelope());
    }

    /** A builder; hub, hub party, party, credentials and trust anchors are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The party this client sends for. */
    public PartyId party() {
        return party;
    }

    /**
     * Seals {@code message} and stores it in the outbox in one transaction; returns once that is
     * committed (durable), before delivery. Sending again with the same caller-chosen message id
     * ({@link Message.Builder#messageId}) and the same content returns the id without a second
     * delivery.
     *
     * @return the message id (the caller's, or a new one)
     * @throws BackpressureException if the outbox already holds {@link Builder#maxOutboxMessages}
     *     messages queued or being sent; nothing is stored
     * @throws ConflictException if the message id was already used for other content
     * @throws org.goldensdk.core.ValidationException if the message breaks an envelope rule
     * @throws org.goldensdk.core.MalformedInputException (E_PAYLOAD_TOO_LARGE) if an attachment or
     *     the message passes the {@linkplain Builder#attachmentLimits attachment limits}; nothing is stored
     * @throws StorageException if the outbox cannot be written
     */
    public MessageId send(Message message) {
        Objects.requireNonNull(message, "message");
        requireOpen();
        String fingerprint = MessageFingerprint.of(message);
        Optional<StoredMessage> existing = message.messageId().flatMap(store::find);
        if (existing.isPresent()) {
            return sameOrConflict(existing.get(), fingerprint);
        }
        requireRoom(store.inTransaction(store::countQueued), 1);
        MessageId id;
        boolean inserted;
        try (SealedMessage sealed = sealer.seal(message)) {
            NewMessage row = row(sealed, fingerprint);
            id = row.id();
            try {
                inserted = store.insert(row, clock.instant());
            } catch (RuntimeException e) {
                attachments.delete(id);
                throw e;
            }
        }
        if (!inserted) {
            return sameOrConflict(store.find(id).orElseThrow(), fingerprint);
        }
        logQueued(id, message);
        dispatchTask.wakeUp();
        return id;
    }

    /**
     * Seals {@code message} and inserts it into the outbox <em>inside the caller's transaction</em>
     * on {@code connection}, which must belong to this client's store ({@link Builder#store}): the
     * message becomes durable, and visible to the dispatcher, when the caller commits — together
     * with the caller's own changes — and vanishes if the caller rolls back. Nothing is committed
     * here and the connection's auto-commit is left alone. The dispatcher finds the committed row
     * within the dispatch interval.
     *
     * @throws BackpressureException if the outbox already holds {@link Builder#maxOutboxMessages}
     *     messages queued or being sent; nothing is written
     * @throws ConflictException if the message id was already used for other content, or another
     *     transaction is inserting the same id (the caller's transaction should then roll back)
     * @throws StorageException if the insert fails
     */
    public MessageId send(Message message, Connection connection) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(connection, "connection");
        requireOpen();
        String fingerprint = MessageFingerprint.of(message);
        try {
            Optional<MessageId> existing = alreadyQueued(connection, message, fingerprint);
            if (existing.isPresent()) {
                return existing.get();
            }
            requireRoom(store.countQueued(connection), 1);
            return insertNew(connection, message, fingerprint);
        } catch (SQLException e) {
            throw new StorageException("cannot insert the message into the outbox in the caller's transaction: "
                    + e.getMessage() + "; the connection must belong to the client's store", e);
        }
    }

    /**
     * Seals {@code messages} and stores them in the outbox in <em>one</em> transaction: all of them
     * or none. Returns once that is committed, before delivery. A batch costs one commit instead of
     * one per message, so it persists messages several times faster than calling {@link #send}
     * for each (docs/exchange-client.md gives figures). Each message is treated as {@link #send}
     * treats it: one already in the outbox with the same caller-chosen id and content is not queued
     * again and its id is returned.
     *
     * @return the message ids, in the order of {@code messages}
     * @throws BackpressureException if the outbox cannot take them all without exceeding
     *     {@link Builder#maxOutboxMessages}; nothing is stored
     * @throws ConflictException if a message id was already used for other content (in the outbox or
     *     earlier in {@code messages}), or another transaction is inserting one of the ids; nothing
     *     is stored
     * @throws org.goldensdk.core.ValidationException if a message breaks an envelope rule; nothing is stored
     * @throws StorageException if the outbox cannot be written; nothing is stored
     */
    public List<MessageId> sendAll(List<Message> messages) {
        List<Message> batch = List.copyOf(Objects.requireNonNull(messages, "messages"));
        requireOpen();
        if (batch.isEmpty()) {
            return List.of();
        }
        List<MessageId> ids = store.inTransaction(connection -> {
            requireRoom(store.countQueued(connection), batch.size());
            List<MessageId> queued = new ArrayList<>();
            for (Message message : batch) {
                String fingerprint = MessageFingerprint.of(message);
                Optional<MessageId> existing = alreadyQueued(connection, message, fingerprint);
                queued.add(existing.isPresent() ? existing.get() : insertNew(connection, message, fingerprint));
            }
            return queued;
        });
        dispatchTask.wakeUp();
        return ids;
    }

    /** The id of the message if its caller-chosen id is in the outbox already with the same content. */
    private Optional<MessageId> alreadyQueued(Connection connection, Message message, String fingerprint)
            throws SQLException {
        if (message.messageId().isEmpty()) {
            return Optional.empty();
        }
        Optional<StoredMessage> existing = store.find(connection, message.messageId().get());
        return existing.isPresent() ? Optional.of(sameOrConflict(existing.get(), fingerprint)) : Optional.empty();
    }

    private MessageId insertNew(Connection connection, Message message, String fingerprint) throws SQLException {
        try (SealedMessage sealed = sealer.seal(message)) {
            NewMessage row = row(sealed, fingerprint);
            if (!store.insert(connection, row, clock.instant())) {
                throw new ConflictException("message " + row.id() + " is being sent by another transaction at the"
                        + " same time; roll back and check its status before sending again");
            }
            logQueued(row.id(), message);
            return row.id();
        }
    }

    /**
     * Where the message stands in this client's outbox: queued (with the last failed attempt's
     * error, if any), sent (with the latest verified receipt state), failed (with the error that
     * ended it) or expired.
     *
     * @throws NotFoundException if this outbox holds no message with this id
     */
    public DeliveryStatus status(MessageId id) {
        Objects.requireNonNull(id, "id");
        StoredMessage stored = store.find(id).orElseThrow(() -> new NotFoundException("the outbox of " + party
                + " holds no message " + id + "; check the id returned by send"));
        return new DeliveryStatus(id, DeliveryStatus.State.valueOf(stored.state().name()),
                stored.progress().orElse(null), stored.attempts(), stored.errorCode().orElse(null),
                stored.errorMessage().orElse(null));
    }

    /**
     * The dead letters of this party's outbox, oldest first: messages the hub refused or that ran
     * out of attempts (FAILED, re-drivable with {@link #redrive}) and messages that expired before
     * the hub accepted them (EXPIRED). Each stays listed until re-driven, or until a receipt shows the
     * hub had it after all.
     */
    public List<DeadLetter> deadLetters() {
        requireOpen();
        return store.deadLetters().stream().map(ExchangeClient::deadLetter).toList();
    }

    /**
     * Queues a FAILED dead letter again, due now, with a fresh attempt budget and its error cleared;
     * the hub deduplicates by message id, so a message it had in fact received is not delivered twice.
     *
     * @throws NotFoundException if this outbox holds no message with this id
     * @throws ConflictException if the message is not a dead letter, or it EXPIRED (its signed
     *     expiry has passed: send the content again as a new message)
     */
    public void redrive(MessageId id) {
        Objects.requireNonNull(id, "id");
        requireOpen();
        switch (store.redrive(id, clock.instant())) {
            case QUEUED -> {
                try (MDC.MDCCloseable ignored = MDC.putCloseable(MdcKeys.MESSAGE_ID, id.toString())) {
                    LOG.info("Re-driven: the dead letter is queued again");
                }
                dispatchTask.wakeUp();
            }
            case NOT_FOUND -> throw new NotFoundException("the outbox of " + party + " holds no message " + id
                    + "; check the id in deadLetters()");
            case NOT_DEAD -> throw new ConflictException("message " + id + " is not a dead letter (it is "
                    + status(id).state() + "); only FAILED messages can be re-driven");
            case EXPIRED -> throw new ConflictException("message " + id + " expired; its signed envelope cannot be"
                    + " delivered any more: send the content again as a new message");
        }
    }

    /**
     * Deletes, now, the messages whose final receipt (PROCESSED or REJECTED) is older than the
     * {@link Builder#retention retention}, every receipt of them passed to the listener, and whose
     * expiry is more than {@link EnvelopeHeader#MAX_LIFETIME} ago — so a resend with the same
     * message id is recognised for as long as the hub and the receiver deduplicate it — with their
     * receipts. The client does this hourly by itself.
     *
     * @return how many messages were deleted
     */
    public int purgeNow() {
        requireOpen();
        Instant now = clock.instant();
        int purged = 0;
        int batch;
        do {
            List<MessageId> deleted = store.purgeFinished(now.minus(retention), now.minus(EnvelopeHeader.MAX_LIFETIME),
                    PURGE_BATCH);
            // Deleted when the hub accepted the message; left only if its acceptance came through the receipt feed.
            deleted.forEach(attachments::delete);
            batch = deleted.size();
            purged += batch;
        } while (batch == PURGE_BATCH);
        if (purged > 0) {
            LOG.info("Purged {} delivered messages past the retention of {}", purged, retention);
        }
        return purged;
    }

    /**
     * Stops the dispatcher and the receipt poller (waiting for a delivery in progress), closes the
     * HTTP transport, and the default scheduler and embedded store if this client made them. A
     * caller's {@code DataSource} and {@code Scheduler} stay open. Messages still queued are
     * delivered by the next client on the same store. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        dispatcher.close();
        dispatchTask.stop(STOP_TIMEOUT);
        pollTask.stop(STOP_TIMEOUT);
        purgeTask.stop(STOP_TIMEOUT);
        transport.close();
        requestTransport.close();
        if (uploadTransport != null) {
            uploadTransport.close();
        }
        if (ownedScheduler != null) {
            ownedScheduler.close();
        }
        if (ownedDataSource != null) {
            ownedDataSource.close();
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the exchange client is closed; build a new one");
        }
    }

    private void requireRoom(long queued, int adding) {
        if (queued + adding > maxOutboxMessages) {
            throw new BackpressureException("the outbox of " + party + " holds " + queued + " messages queued or being"
                    + " sent; " + adding + " more would pass its limit (maxOutboxMessages " + maxOutboxMessages + ");"
                    + " nothing was stored. Send again once the dispatcher has delivered some (is the hub reachable?"
                    + " see status() and the log), or raise golden.exchange.client.max-outbox-messages");
        }
    }

    private static DeadLetter deadLetter(DeadRow row) {
        return new DeadLetter(row.id(), row.receiver(), ServiceId.parse(row.service()),
                DeliveryStatus.State.valueOf(row.state().name()), row.attempts(), row.errorCode(), row.errorMessage(),
                row.deadAt(), row.expiresAt());
    }

    private static MessageId sameOrConflict(StoredMessage existing, String fingerprint) {
        if (existing.fingerprint().equals(fingerprint)) {
            LOG.debug("Message {} is already in the outbox with the same content; not queued again", existing.id());
            return existing.id();
        }
        throw new ConflictException("message id " + existing.id() + " was already sent with other content;"
                + " use a new message id for a new message, or send exactly the same content to retry");
    }

    /**
     * The outbox row of a sealed message within the attachment limits, its attachments written (and
     * forced to disk) beside the store first.
     */
    private NewMessage row(SealedMessage sealed, String fingerprint) {
        Envelope envelope = sealed.envelope();
        EnvelopeHeader header = envelope.header();
        attachmentLimits.requireWithin(header, sealed.payload().size(), "this client's");
        attachments.write(header.messageId(), header.attachments(), sealed.attachments());
        return new NewMessage(header.messageId(), header.receiver(), header.service().toString(),
                header.conversationId(), fingerprint,
                envelope.digest().toString(), EnvelopeCodec.json().encode(envelope), sealed.payload(), header.expiresAt());
    }

    private static void logQueued(MessageId id, Message message) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MdcKeys.MESSAGE_ID, id.toString())) {
            LOG.info("Queued a {} message for {} (service {})", message.classification(), message.receiver(),
                    message.service());
        }
    }

    /**
     * Collects the client's settings. Values from {@link #settings(Settings)} are applied when it
     * is called; later builder calls override them. Not thread-safe.
     */
    public static final class Builder {
        /** The {@code golden.exchange.client.*} keys {@link #settings(Settings)} reads; others in that namespace are rejected. */
        public static final List<String> SETTING_KEYS;
        private static final String PREFIX = "golden.exchange.client.";
        private static final String RETRY_PREFIX = PREFIX + "retry.";

        static {
            List<String> keys = new ArrayList<>(List.of("hub", "hub-party", "party", "store-directory", "attachment-directory", "suite",
                    "receipt-poll-interval", "dispatch-interval", "dispatch-concurrency", "lease-duration", "max-delivery-attempts",
                    "max-outbox-messages", "ordered-conversations", "retention", "transport"));
            RetryPolicy.SETTING_NAMES.forEach(name -> keys.add("retry." + name));
            SETTING_KEYS = keys.stream().map(key -> PREFIX + key).toList();
        }

        private URI hub;
        private PartyId hubParty;
        private PartyId party;
        private DepartmentCredentials credentials;
        private TrustAnchors trustAnchors;
        private ReceiptListener receiptListener = receipt -> { };
        private DataSource store;
        private Path storeDirectory;
        private Path attachmentDirectory;
        private AttachmentLimits attachmentLimits = AttachmentLimits.DEFAULTS;
        private CryptoSuite suite = CryptoSuite.GM;
        private Clock clock;
        private Scheduler scheduler;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration receiptPollInterval = Duration.ofSeconds(5);
        private Duration dispatchInterval = Duration.ofSeconds(1);
        private int dispatchConcurrency = 1;
        private Duration leaseDuration;
        private int maxDeliveryAttempts = Integer.MAX_VALUE;
        private long maxOutboxMessages = 100_000;
        private boolean orderedConversations;
        private Transport wire = Transport.REST;
        private Duration retention = Duration.ofDays(30);
        private Settings httpSettings;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private TokenSource tokens;

        private Builder() {
        }

        /**
         * The longest {@link ExchangeClient#request} waits for an answer (and the default wait);
         * {@link ExchangeClient#DEFAULT_REQUEST_TIMEOUT} unless set.
         *
         * @throws ConfigurationException if not positive or longer than 5 minutes
         */
        public Builder requestTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new ConfigurationException("requestTimeout", "the request timeout must be positive and at most 5"
                        + " minutes, got " + timeout);
            }
            this.requestTimeout = timeout;
            return this;
        }

        /** The hub's base URI (https; required), e.g. {@code https://exchange.example.gov/}. */
        public Builder hub(URI hub) {
            this.hub = Objects.requireNonNull(hub, "hub");
            return this;
        }

        /** The hub's party (required): only it may sign ACCEPTED receipts. */
        public Builder hubParty(PartyId hubParty) {
            this.hubParty = Objects.requireNonNull(hubParty, "hubParty");
            return this;
        }

        /** The sending party (required); its credit code must be the credentials'. */
        public Builder party(PartyId party) {
            this.party = Objects.requireNonNull(party, "party");
            return this;
        }

        /** The party's credentials (required): GM (or INTL) signing key for envelopes, INTL key for mutual TLS. */
        public Builder credentials(DepartmentCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The platform CA (required): receipts' signers and the hub's TLS certificate must chain to it. */
        public Builder trustAnchors(TrustAnchors trustAnchors) {
            this.trustAnchors = Objects.requireNonNull(trustAnchors, "trustAnchors");
            return this;
        }

        /** The platform CA from PEM files; see {@link #trustAnchors(TrustAnchors)}. */
        public Builder trustAnchors(Path... pemFiles) {
            return trustAnchors(TrustAnchors.fromPem(pemFiles));
        }

        /** Receives every verified receipt, at least once and in order; by default receipts are only recorded. */
        public Builder receiptListener(ReceiptListener listener) {
            this.receiptListener = Objects.requireNonNull(listener, "receiptListener");
            return this;
        }

        /**
         * The outbox database (H2 or PostgreSQL), which the client migrates and never closes. Share
         * the application's own {@code DataSource} to use {@link ExchangeClient#send(Message, Connection)}.
         */
        public Builder store(DataSource dataSource) {
            this.store = Objects.requireNonNull(dataSource, "store");
            return this;
        }

        /**
         * The directory of the default embedded H2 outbox; {@code golden-store/<party>} (relative to
         * the working directory) by default. Ignored with {@link #store(DataSource)}.
         */
        public Builder storeDirectory(Path directory) {
            this.storeDirectory = Objects.requireNonNull(directory, "storeDirectory");
            return this;
        }

        /**
         * Where the outbox keeps the attachments of queued messages, as files named by their digest
         * (one directory per party and message): {@code attachments} in the store directory, or
         * {@code golden-store/attachments} with {@link #store(DataSource)}. Several nodes sharing one
         * store must share this directory too (any node may deliver any message).
         */
        public Builder attachmentDirectory(Path directory) {
            this.attachmentDirectory = Objects.requireNonNull(directory, "attachmentDirectory");
            return this;
        }

        /**
         * The largest attachment and the largest message (payload and attachments as carried) this
         * client sends; {@link AttachmentLimits#DEFAULTS} (the sandbox hub's defaults) unless set.
         * {@link ExchangeClient#send} refuses a larger message with a MalformedInputException
         * (E_PAYLOAD_TOO_LARGE) and stores nothing; set them to your hub's limits to fail before
         * the upload rather than at the hub.
         */
        public Builder attachmentLimits(AttachmentLimits limits) {
            this.attachmentLimits = Objects.requireNonNull(limits, "attachmentLimits");
            return this;
        }

        private Path attachmentDirectory() {
            if (attachmentDirectory != null) {
                return attachmentDirectory;
            }
            return storeDirectory != null && store == null ? storeDirectory.resolve("attachments")
                    : Path.of("golden-store", "attachments");
        }

        /** The suite envelopes are signed in; GM by default. */
        public Builder suite(CryptoSuite suite) {
            this.suite = Objects.requireNonNull(suite, "suite");
            return this;
        }

        /** The clock for creation times, expiry and receipt verification; the scheduler's by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The scheduler the dispatcher and receipt poller run on (their work runs on its thread);
         * by default a real-time one the client owns and closes.
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * The retry policy: the HTTP transport's retries within one delivery attempt (honouring
         * {@code Retry-After}), and the backoff between delivery attempts, which continue until the
         * message expires. {@link RetryPolicy#defaults()} by default.
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * App tokens sent to the hub as {@code Authorization: Bearer …} besides mutual TLS (e.g.
         * {@code identity.appTokens()} of sdk-identity); a token refused with 401 is renewed once.
         * The hub then also checks that the token names the same party as the certificate.
         */
        public Builder tokens(TokenSource tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /** The pause between receipt polls that found nothing more; 5 s by default. */
        public Builder receiptPollInterval(Duration interval) {
            this.receiptPollInterval = positive(PREFIX + "receipt-poll-interval", interval);
            return this;
        }

        /**
         * The longest time between two looks at the outbox when nothing is due; 1 s by default.
         * Messages inserted in a caller's transaction are picked up this way after the commit.
         */
        public Builder dispatchInterval(Duration interval) {
            this.dispatchInterval = positive(PREFIX + "dispatch-interval", interval);
            return this;
        }

        /**
         * How many messages the dispatcher posts to the hub at a time; 1 (one after the other) by
         * default. The hub's round trip dominates a delivery, so a few at a time multiply a node's
         * dispatch rate (docs/exchange-client.md gives figures). Ordered conversations keep their
         * order: a conversation's next message is claimed only once the earlier one was accepted.
         *
         * @throws ConfigurationException if below 1 or above 64
         */
        public Builder dispatchConcurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 64) {
                throw new ConfigurationException(PREFIX + "dispatch-concurrency",
                        "the dispatch concurrency must be 1 to 64, got " + concurrency);
            }
            this.dispatchConcurrency = concurrency;
            return this;
        }

        /**
         * How long a node's claim on a message holds: another client on the same store takes the
         * message only after that, so a node that died mid-delivery leaves its messages for this
         * long. Must exceed the longest single delivery (the transport's retries and
         * {@code Retry-After} waits included), otherwise another node may post the message too (the
         * hub deduplicates it). By default the retry policy's budget plus its longest
         * {@code Retry-After} plus two minutes.
         */
        public Builder leaseDuration(Duration lease) {
            this.leaseDuration = positive(PREFIX + "lease-duration", lease);
            return this;
        }

        /**
         * Delivery attempts before a message that keeps failing (unreachable hub, 5xx, 429) becomes a
         * FAILED dead letter; unlimited by default: it is retried until it expires (an EXPIRED dead
         * letter). A refusal by the hub (400, 403, 409…) ends it at once either way.
         */
        public Builder maxDeliveryAttempts(int attempts) {
            if (attempts < 1) {
                throw new ConfigurationException(PREFIX + "max-delivery-attempts", "must be at least 1, got " + attempts);
            }
            this.maxDeliveryAttempts = attempts;
            return this;
        }

        /**
         * The most messages the party's outbox may hold queued or being sent; {@link #send} fails
         * fast with a {@link BackpressureException} beyond it, storing nothing. Checked before each
         * insert, so sends racing on several threads or nodes may overshoot by their number.
         * 100,000 by default.
         */
        public Builder maxOutboxMessages(long max) {
            if (max < 1) {
                throw new ConfigurationException(PREFIX + "max-outbox-messages", "must be at least 1, got " + max);
            }
            this.maxOutboxMessages = max;
            return this;
        }

        /**
         * With {@code true}, messages of one conversation ({@link Message.Builder#conversation})
         * reach the hub in the order they were sent: a message is not posted before every earlier
         * message of its conversation was accepted by the hub (one that became a dead letter no
         * longer holds the others back). Unordered by default. Every client on a shared store must
         * agree.
         */
        public Builder orderedConversations(boolean ordered) {
            this.orderedConversations = ordered;
            return this;
        }

        /**
         * How long a message is kept after its final receipt (PROCESSED or REJECTED) before it and
         * its receipts are purged; never before {@link EnvelopeHeader#MAX_LIFETIME} has passed since
         * its expiry (the deduplication window). 30 days by default.
         */
        public Builder retention(Duration retention) {
            this.retention = positive(PREFIX + "retention", retention);
            return this;
        }

        /**
         * How the client talks to the hub: {@link Transport#REST} (default) or {@link Transport#SOAP}
         * (needs sdk-cxf on the class path). Outbox, retries, receipts and requests are the same
         * either way.
         */
        public Builder transport(Transport transport) {
            this.wire = java.util.Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Applies the {@code golden.exchange.client.*} keys present in {@code settings} (see
         * {@link #SETTING_KEYS} and docs/exchange-client.md); its {@code golden.http.*} keys
         * (timeouts, proxy, user agent) configure the HTTP transport, except base URI and retries,
         * which come from this client.
         *
         * @throws ConfigurationException naming the key of an unknown key or an invalid value
         */
        public Builder settings(Settings settings) {
            settings.requireKnownKeys(PREFIX, SETTING_KEYS);
            settings.getUri(PREFIX + "hub").ifPresent(this::hub);
            settings.get(PREFIX + "hub-party").ifPresent(text -> hubParty(partyId(PREFIX + "hub-party", text)));
            settings.get(PREFIX + "party").ifPresent(text -> party(partyId(PREFIX + "party", text)));
            settings.getPath(PREFIX + "store-directory").ifPresent(this::storeDirectory);
            settings.getPath(PREFIX + "attachment-directory").ifPresent(this::attachmentDirectory);
            settings.getEnum(PREFIX + "suite", CryptoSuite.class).ifPresent(this::suite);
            settings.getDuration(PREFIX + "receipt-poll-interval").ifPresent(this::receiptPollInterval);
            settings.getDuration(PREFIX + "dispatch-interval").ifPresent(this::dispatchInterval);
            settings.getInt(PREFIX + "dispatch-concurrency").ifPresent(this::dispatchConcurrency);
            settings.getDuration(PREFIX + "lease-duration").ifPresent(this::leaseDuration);
            settings.getDuration(PREFIX + "retention").ifPresent(this::retention);
            settings.getInt(PREFIX + "max-delivery-attempts").ifPresent(this::maxDeliveryAttempts);
            settings.getInt(PREFIX + "max-outbox-messages").ifPresent(this::maxOutboxMessages);
            settings.getBoolean(PREFIX + "ordered-conversations").ifPresent(this::orderedConversations);
            settings.getEnum(PREFIX + "transport", Transport.class).ifPresent(this::transport);
            if (settings.names().stream().anyMatch(name -> name.startsWith(RETRY_PREFIX)
                    || name.startsWith(Settings.environmentVariable(RETRY_PREFIX)))) {
                retryPolicy(RetryPolicy.fromSettings(settings, RETRY_PREFIX));
            }
            this.httpSettings = settings;
            return this;
        }

        /**
         * Validates the configuration, migrates the store, re-offers receipts stored but not yet
         * passed to the listener (a crash between storing and the listener's return), then starts
         * the dispatcher and the receipt poller.
         *
         * @throws ConfigurationException naming the key that is missing or invalid
         * @throws StorageException if the store cannot be opened or migrated
         */
        public ExchangeClient build() {
            require(hub, "hub", "the hub's base URI is required: hub(URI.create(\"https://exchange.example.gov/\"))");
            if (!"https".equalsIgnoreCase(hub.getScheme())) {
                throw new ConfigurationException("hub", "'" + hub + "' is not https; every hub call is mutual TLS");
            }
            require(hubParty, "hubParty", "the hub's party is required: it alone may sign ACCEPTED receipts");
            require(party, "party", "the sending party is required: party(PartyId.parse(\"CN/...\"))");
            require(credentials, "credentials", "the party's credentials are required: credentials(DepartmentCredentials...)");
            require(trustAnchors, "trustAnchors", "the platform CA is required: trustAnchors(TrustAnchors...)");
            Clock effectiveClock = clock;
            Scheduler effectiveScheduler = scheduler == null ? Scheduler.system() : scheduler;
            if (effectiveClock == null) {
                effectiveClock = effectiveScheduler.clock();
            }
            HikariDataSource owned = null;
            HttpTransport transport = null;
            HttpTransport requestTransport = null;
            HttpTransport uploadTransport = null;
            try {
                EnvelopeSealer sealer = EnvelopeSealer.builder().party(party).credentials(credentials).suite(suite)
                        .clock(effectiveClock).build();
                TlsConfig tls = tls();
                DataSource dataSource = store;
                if (dataSource == null) {
                    owned = ExchangeDatabase.embeddedH2(storeDirectory == null
                            ? Path.of("golden-store", fileSafe(party)) : storeDirectory, "outbox");
                    dataSource = owned;
                }
                ExchangeDatabase.migrate(dataSource);
                HttpTransport.Builder http = HttpTransport.builder();
                if (httpSettings != null) {
                    http.settings(httpSettings);
                }
                if (wire == Transport.SOAP) {
                    if (tokens != null) {
                        throw new ConfigurationException(PREFIX + "transport", "app tokens are sent over REST only; the SOAP"
                                + " transport authenticates by mutual TLS and WS-Security — drop tokens(...) or use Transport.REST");
                    }
                    transport = SoapHubTransport.create(hub, credentials, tls, Duration.ofSeconds(60), MAX_RESPONSE_BYTES,
                            PREFIX + "transport");
                    requestTransport = SoapHubTransport.create(hub, credentials, tls, requestTimeout.plusSeconds(15),
                            MAX_RESPONSE_BYTES, PREFIX + "transport");
                } else {
                    if (tokens != null) {
                        http.tokenSource(tokens);
                    }
                    transport = http.baseUri(hub).tls(tls).retryPolicy(retryPolicy).scheduler(effectiveScheduler).build();
                    // A request is not repeated (the provider may act on it); its answer may take the whole timeout.
                    requestTransport = http.baseUri(hub).tls(tls).retryPolicy(RetryPolicy.none()).scheduler(effectiveScheduler)
                            .readTimeout(requestTimeout.plusSeconds(15)).callTimeout(requestTimeout.plusSeconds(30)).build();
                    // An attachment upload may take long as a whole; a stalled one is caught by the write timeout.
                    uploadTransport = http.retryPolicy(retryPolicy).callTimeout(UPLOAD_CALL_TIMEOUT).build();
                }
                return new ExchangeClient(this, effectiveScheduler, effectiveClock, sealer, dataSource, owned, transport,
                        requestTransport, uploadTransport);
            } catch (RuntimeException e) {
                if (transport != null) {
                    transport.close();
                }
                if (requestTransport != null) {
                    requestTransport.close();
                }
                if (uploadTransport != null) {
                    uploadTransport.close();
                }
                if (owned != null) {
                    owned.close();
                }
                if (scheduler == null) {
                    effectiveScheduler.close();
                }
                throw e;
            }
        }

        private TlsConfig tls() {
            return TlsConfig.of(credentials, trustAnchors);
        }

        private static String fileSafe(PartyId party) {
            return party.toString().replace('/', '_');
        }

        private static PartyId partyId(String key, String text) {
            try {
                return PartyId.parse(text);
            } catch (GoldenException e) {
                throw new ConfigurationException(key, "is not a party id CN/{division}/{creditCode}/{system}: "
                        + e.getMessage(), e);
            }
        }

        private static Duration positive(String key, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new ConfigurationException(key, "must be a positive duration, got " + value);
            }
            return value;
        }

        private static void require(Object value, String key, String message) {
            if (value == null) {
                throw new ConfigurationException(key, message);
            }
        }
    }
}
