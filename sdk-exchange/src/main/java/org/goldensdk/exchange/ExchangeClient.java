package org.goldensdk.exchange;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.Settings;
import org.goldensdk.core.StorageException;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.exchange.internal.client.Dispatcher;
import org.goldensdk.exchange.internal.client.MdcKeys;
import org.goldensdk.exchange.internal.client.MessageFingerprint;
import org.goldensdk.exchange.internal.client.PeriodicTask;
import org.goldensdk.exchange.internal.client.ReceiptNotifier;
import org.goldensdk.exchange.internal.client.ReceiptPoller;
import org.goldensdk.exchange.internal.client.ReceiptRecorder;
import org.goldensdk.exchange.internal.store.ExchangeDatabase;
import org.goldensdk.exchange.internal.store.OutboxStore;
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
 * into tables prefixed {@code golden_}). See docs/exchange-client.md.
 */
public final class ExchangeClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeClient.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(5);

    private final PartyId party;
    private final Clock clock;
    private final EnvelopeSealer sealer;
    private final OutboxStore store;
    private final HttpTransport transport;
    private final Scheduler ownedScheduler;
    private final HikariDataSource ownedDataSource;
    private final Dispatcher dispatcher;
    private final PeriodicTask dispatchTask;
    private final PeriodicTask pollTask;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ExchangeClient(Builder b, Scheduler scheduler, Clock clock, EnvelopeSealer sealer, DataSource dataSource,
            HikariDataSource ownedDataSource, HttpTransport transport) {
        this.party = b.party;
        this.clock = clock;
        this.sealer = sealer;
        this.ownedScheduler = b.scheduler == null ? scheduler : null;
        this.ownedDataSource = ownedDataSource;
        this.transport = transport;
        this.store = new OutboxStore(dataSource, party);
        ReceiptRecorder recorder = new ReceiptRecorder(store, b.trustAnchors, b.hubParty, clock);
        ReceiptNotifier notifier = new ReceiptNotifier(store, b.receiptListener);
        // A crash between storing a receipt and the listener's return left it un-notified: offer it first.
        notifier.notifyPending();
        this.dispatcher = new Dispatcher(store, transport, recorder, notifier, b.retryPolicy, clock, b.dispatchInterval);
        ReceiptPoller poller = new ReceiptPoller(store, transport, recorder, notifier, transport.baseUri().toString(),
                b.receiptPollInterval);
        this.dispatchTask = new PeriodicTask(scheduler, "exchange dispatcher", dispatcher::runOnce, AFTER_FAILURE);
        this.pollTask = new PeriodicTask(scheduler, "exchange receipt poller", poller::runOnce, AFTER_FAILURE);
        dispatchTask.start(Duration.ZERO);
        pollTask.start(Duration.ZERO);
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
     * @throws ConflictException if the message id was already used for other content
     * @throws org.goldensdk.core.ValidationException if the message breaks an envelope rule
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
        MessageId id;
        boolean inserted;
        try (SealedMessage sealed = sealer.seal(message)) {
            NewMessage row = row(sealed, fingerprint);
            id = row.id();
            inserted = store.insert(row, clock.instant());
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
            if (message.messageId().isPresent()) {
                Optional<StoredMessage> existing = store.find(connection, message.messageId().get());
                if (existing.isPresent()) {
                    return sameOrConflict(existing.get(), fingerprint);
                }
            }
            try (SealedMessage sealed = sealer.seal(message)) {
                NewMessage row = row(sealed, fingerprint);
                if (!store.insert(connection, row, clock.instant())) {
                    throw new ConflictException("message " + row.id() + " is being sent by another transaction at the"
                            + " same time; roll back and check its status before sending again");
                }
                logQueued(row.id(), message);
                return row.id();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot insert the message into the outbox in the caller's transaction: "
                    + e.getMessage() + "; the connection must belong to the client's store", e);
        }
    }

    /**
     * Where the message stands in this client's outbox: queued, sent (with the latest verified
     * receipt state), failed (with the hub's error code and message) or expired.
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
        transport.close();
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

    private static MessageId sameOrConflict(StoredMessage existing, String fingerprint) {
        if (existing.fingerprint().equals(fingerprint)) {
            LOG.debug("Message {} is already in the outbox with the same content; not queued again", existing.id());
            return existing.id();
        }
        throw new ConflictException("message id " + existing.id() + " was already sent with other content;"
                + " use a new message id for a new message, or send exactly the same content to retry");
    }

    private static NewMessage row(SealedMessage sealed, String fingerprint) {
        Envelope envelope = sealed.envelope();
        EnvelopeHeader header = envelope.header();
        List<Content> parts = new ArrayList<>();
        parts.add(sealed.payload());
        parts.addAll(sealed.attachments());
        return new NewMessage(header.messageId(), header.receiver(), header.service().toString(), fingerprint,
                envelope.digest().toString(), EnvelopeCodec.json().encode(envelope), parts, header.expiresAt());
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
            List<String> keys = new ArrayList<>(List.of("hub", "hub-party", "party", "store-directory", "suite",
                    "receipt-poll-interval", "dispatch-interval"));
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
        private CryptoSuite suite = CryptoSuite.GM;
        private Clock clock;
        private Scheduler scheduler;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration receiptPollInterval = Duration.ofSeconds(5);
        private Duration dispatchInterval = Duration.ofSeconds(1);
        private Settings httpSettings;

        private Builder() {
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
            settings.getEnum(PREFIX + "suite", CryptoSuite.class).ifPresent(this::suite);
            settings.getDuration(PREFIX + "receipt-poll-interval").ifPresent(this::receiptPollInterval);
            settings.getDuration(PREFIX + "dispatch-interval").ifPresent(this::dispatchInterval);
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
                transport = http.baseUri(hub).tls(tls).retryPolicy(retryPolicy).scheduler(effectiveScheduler).build();
                return new ExchangeClient(this, effectiveScheduler, effectiveClock, sealer, dataSource, owned, transport);
            } catch (RuntimeException e) {
                if (transport != null) {
                    transport.close();
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
