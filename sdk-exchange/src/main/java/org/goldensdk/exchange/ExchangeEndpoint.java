package org.goldensdk.exchange;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.core.ValidationException;
import org.goldensdk.exchange.internal.endpoint.DeliveryProcessor;
import org.goldensdk.exchange.internal.endpoint.Dispatcher;
import org.goldensdk.exchange.internal.client.PeriodicTask;
import org.goldensdk.exchange.internal.endpoint.EndpointHttp;
import org.goldensdk.exchange.internal.endpoint.HubLink;
import org.goldensdk.exchange.internal.endpoint.Inbox;
import org.goldensdk.exchange.internal.endpoint.PlainMessage;
import org.goldensdk.exchange.internal.endpoint.ReceivedAttachments;
import org.goldensdk.exchange.internal.endpoint.Puller;
import org.goldensdk.exchange.internal.store.ExchangeDatabase;

/**
 * The receiving side of the exchange: the hub pushes messages for this department to
 * {@code POST /exchange/v1/deliveries} (docs/exchange/openapi.yaml), and the endpoint
 *
 * <ul>
 *   <li>accepts calls only from the hub (mutual TLS; the caller's certificate must name the hub's
 *       credit code), and only for envelopes addressed to this party;</li>
 *   <li>verifies each envelope itself — signature, the sender's certificate path to the platform CA,
 *       that the certificate is the sender's, expiry, secret markings, the payload's and each
 *       attachment's digest — never trusting the hub; SENSITIVE content is decrypted;</li>
 *   <li>handles each message once: (sender, message id) is recorded in the inbox store together with
 *       the handler's outcome, in one transaction; a redelivery is answered with the receipts issued
 *       before, the same id with another envelope is refused as a conflict;</li>
 *   <li>answers the receipts DELIVERED and PROCESSED or REJECTED, signed with this party's GM key.
 *       A service without a handler is REJECTED with reason code {@code E_UNKNOWN_SERVICE}.</li>
 * </ul>
 *
 * Serve it on its own HTTPS port ({@link Builder#listen}) or mount {@link #servlet()} in your servlet
 * container; either needs {@code org.goldensdk:sdk-cxf} on the classpath. Thread-safe;
 * {@link #close()} stops the port and releases the default store.
 *
 * <pre>{@code
 * try (ExchangeEndpoint endpoint = ExchangeEndpoint.builder()
 *         .party(customs).credentials(customsCredentials).trustAnchors(platformCa).hubParty(hub)
 *         .handle(ServiceId.of("tax.company-status", 1), (message, context) -> {
 *             declarations.record(message.json(CompanyStatus.class));
 *             return Outcome.processed();
 *         })
 *         .listen(8443)
 *         .build()) {
 *     endpoint.start();
 *     ...
 * }
 * }</pre>
 */
public final class ExchangeEndpoint implements AutoCloseable {

    /** The default request body limit: 16 MiB of delivery JSON (payload and attachments in base64). */
    public static final long DEFAULT_MAX_DELIVERY_BYTES = 16L * 1024 * 1024;

    /** How long one pull waits at the hub by default ({@link Builder#pullWait}). */
    public static final Duration DEFAULT_PULL_WAIT = Duration.ofSeconds(20);

    private static final Duration REPORT_INTERVAL = Duration.ofSeconds(30);
    private static final int REPORT_BATCH = 100;

    /** The default directory of the embedded H2 inbox, relative to the working directory. */
    public static final Path DEFAULT_STORE_DIRECTORY = Path.of("golden-exchange");

    private final PartyId party;
    private final DepartmentCredentials credentials;
    private final TrustAnchors trustAnchors;
    private final DeliveryProcessor processor;
    private final HikariDataSource ownedStore;
    private final String host;
    private final int port;
    private final boolean soap;
    private final Inbox inbox;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final HubLink hubLink;
    private final Puller puller;
    private final PeriodicTask reporter;
    private EndpointHttp http;
    private final EnvelopeSealer sealer;
    private final Clock clock;
    private boolean started;
    private boolean closed;

    private ExchangeEndpoint(Builder b, DataSource store, HikariDataSource ownedStore, Scheduler scheduler,
            boolean ownsScheduler) {
        this.party = b.party;
        this.inbox = new Inbox(store);
        this.scheduler = scheduler;
        this.ownsScheduler = ownsScheduler;
        this.credentials = b.credentials;
        this.trustAnchors = b.trustAnchors;
        this.ownedStore = ownedStore;
        this.host = b.host;
        this.port = b.port;
        this.soap = b.soap;
        Map<ServiceId, MessageHandler> handlers = Map.copyOf(b.handlers);
        Map<ServiceId, RequestHandler> responders = Map.copyOf(b.responders);
        this.sealer = EnvelopeSealer.builder().party(b.party).credentials(b.credentials).clock(b.clock).build();
        this.clock = b.clock;
        this.hubLink = b.hub == null ? null : new HubLink(b.hub, b.party, b.credentials, b.trustAnchors, scheduler,
                b.retryPolicy, b.pullWait, b.maxDeliveryBytes);
        Path attachmentDirectory = b.attachmentDirectory != null ? b.attachmentDirectory
                : (b.storeDirectory == null ? DEFAULT_STORE_DIRECTORY : b.storeDirectory).resolve("attachments");
        this.processor = new DeliveryProcessor(new DeliveryProcessor.Settings(b.party, b.hubParty, b.trustAnchors, b.clock,
                b.credentials.signer(CryptoSuite.GM), EnvelopeDecryptor.of(b.credentials), b.maxDeliveryBytes,
                inbox, new Dispatcher() {
                    @Override
                    public boolean handles(ServiceId service) {
                        return handlers.containsKey(service);
                    }

                    @Override
                    public Outcome dispatch(PlainMessage message, Receipt delivered, Connection transaction) {
                        List<Message.Attachment> attachments = new ArrayList<>();
                        for (int i = 0; i < message.attachments().size(); i++) {
                            AttachmentInfo info = message.header().attachments().get(i);
                            attachments.add(new Message.Attachment(info.name(), info.contentType(), message.attachments().get(i)));
                        }
                        return handlers.get(message.header().service()).handle(
                                new ReceivedMessage(message.header(), message.payload(), attachments),
                                new MessageContext(message.envelope(), List.of(delivered), transaction));
                    }

                    @Override
                    public boolean responds(ServiceId service) {
                        return responders.containsKey(service);
                    }

                    @Override
                    public byte[] respond(PlainMessage request) {
                        return answer(responders.get(request.header().service()), request);
                    }
                }, hubLink == null ? null : hubLink::attachment, new ReceivedAttachments.Limits(attachmentDirectory,
                        b.attachmentLimits)));
        if (b.hub == null) {
            this.puller = null;
            this.reporter = null;
        } else {
            this.puller = b.pull ? new Puller(hubLink, processor, scheduler, b.retryPolicy, "golden-exchange-pull-"
                    + b.party.system()) : null;
            this.reporter = new PeriodicTask(scheduler, "exchange outcome reporter", this::reportOutcomes, REPORT_INTERVAL);
            reporter.start(Duration.ZERO);
        }
    }

    /** Calls {@code handler} on a verified request and seals its answer, bound to the request by its digest. */
    private byte[] answer(RequestHandler handler, PlainMessage request) {
        EnvelopeHeader asked = request.header();
        List<Message.Attachment> attachments = new ArrayList<>();
        for (int i = 0; i < request.attachments().size(); i++) {
            AttachmentInfo info = asked.attachments().get(i);
            attachments.add(new Message.Attachment(info.name(), info.contentType(), request.attachments().get(i)));
        }
        Object body = Objects.requireNonNull(handler.respond(new ReceivedMessage(asked, request.payload(), attachments),
                new MessageContext(request.envelope())), "the request handler returned no response");
        Duration left = Duration.between(clock.instant(), asked.expiresAt());
        if (left.isNegative() || left.isZero()) {
            throw new ValidationException("expiresAt", "request.expiresAt", "request " + asked.messageId()
                    + " expired while it was answered; its caller no longer waits");
        }
        Message response = Message.to(asked.sender()).service(asked.service()).json(body)
                .replyTo(asked.messageId()).conversation(asked.conversationId())
                .property(Response.REQUEST_DIGEST_PROPERTY, request.envelope().digest().toString())
                .expiresIn(left).build();
        try (SealedMessage sealed = sealer.seal(response)) {
            return EnvelopeCodec.json().encode(Delivery.of(sealed));
        }
    }

    /**
     * Decides a message whose handler answered {@link Outcome#pending()}: the PROCESSED or REJECTED
     * receipt is signed and committed to the inbox before this returns, then sent to the hub (and
     * on to the sender) in the background, retried until the hub has it — also by another endpoint
     * sharing this store, or by this one after a restart. Calling it again with the same outcome
     * changes nothing.
     *
     * @throws ConfigurationException if no hub is configured ({@link Builder#hub(URI)} or {@link Builder#pullFrom(URI)})
     * @throws org.goldensdk.core.NotFoundException if this endpoint's store never received the message
     * @throws org.goldensdk.core.ConflictException if the message was decided before with another outcome
     * @throws org.goldensdk.core.ValidationException if {@code outcome} is pending
     */
    public void complete(MessageId messageId, Outcome outcome) {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(outcome, "outcome");
        if (hubLink == null) {
            throw new ConfigurationException("hub", "complete() sends the outcome to the hub; configure hub(URI) or pullFrom(URI)");
        }
        processor.complete(messageId, outcome);
        reporter.wakeUp();
    }

    private Duration reportOutcomes() {
        for (Inbox.Completed completed : inbox.unreported(REPORT_BATCH)) {
            hubLink.send(List.of(completed.outcomeReceipt()));
            inbox.reported(completed.sender(), completed.messageId());
        }
        return REPORT_INTERVAL;
    }

    /** A builder; party, credentials, trust anchors, hub party and at least one handler are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The party this endpoint receives for. */
    public PartyId party() {
        return party;
    }

    /**
     * Starts serving on the port given to {@link Builder#listen}; does nothing for an endpoint
     * only mounted through {@link #servlet()}, or one already started.
     *
     * @throws ConfigurationException if the port cannot be bound or the TLS material is unusable
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized ExchangeEndpoint start() {
        if (closed) {
            throw new IllegalStateException("this endpoint is closed; build a new one");
        }
        if (http == null && port >= 0) {
            http = EndpointHttp.listen(host, port, credentials, trustAnchors, processor,
                    soap ? Optional.of(scheduler) : Optional.empty());
        }
        if (!started && puller != null) {
            puller.start();
        }
        started = true;
        return this;
    }

    /**
     * The base URI of the REST API on the standalone port as bound, ending in {@code /}, e.g.
     * {@code https://127.0.0.1:8443/exchange/v1/} ({@code 0.0.0.0} when listening on every
     * interface: register the hub-reachable host name with this port and path).
     *
     * @throws IllegalStateException if the endpoint is not listening (not started, closed, or servlet only)
     */
    public synchronized URI uri() {
        if (http == null) {
            throw new IllegalStateException("the endpoint is not listening; configure listen(port) and call start()");
        }
        return http.uri();
    }

    /**
     * The address of the SOAP receiver service on the standalone port as bound, e.g.
     * {@code https://127.0.0.1:8443/exchange/soap/v1}: register it with the hub as a SOAP endpoint.
     *
     * @throws IllegalStateException if the endpoint is not listening or does not serve SOAP ({@link Builder#soap})
     */
    public synchronized URI soapUri() {
        if (http == null || http.soapUri().isEmpty()) {
            throw new IllegalStateException("the endpoint serves no SOAP; configure listen(port) and soap(true), and call start()");
        }
        return http.soapUri().get();
    }

    /**
     * A new servlet serving the REST API, for your own Servlet 6.1 ({@code jakarta.servlet}) container:
     * map it to {@code /exchange/v1/*} so the hub reaches {@code …/exchange/v1/deliveries}. The container
     * terminates TLS and must require client certificates; the endpoint still checks that the caller's
     * chain leads to the platform CA and names the hub.
     */
    public HttpServlet servlet() {
        return EndpointHttp.servlet(processor);
    }

    /** Stops the standalone port and closes the default embedded store (not a store you supplied); idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (puller != null) {
                puller.close();
            }
            if (reporter != null) {
                reporter.stop(Duration.ofSeconds(10));
            }
            if (http != null) {
                http.close();
                http = null;
            }
        } finally {
            if (hubLink != null) {
                hubLink.close();
            }
            if (ownsScheduler) {
                scheduler.close();
            }
            if (ownedStore != null) {
                ownedStore.close();
            }
        }
    }

    @Override
    public String toString() {
        return "ExchangeEndpoint[" + party + "]";
    }

    /** Collects an endpoint's settings; not thread-safe. */
    public static final class Builder {
        private PartyId party;
        private DepartmentCredentials credentials;
        private TrustAnchors trustAnchors;
        private PartyId hubParty;
        private final Map<ServiceId, MessageHandler> handlers = new LinkedHashMap<>();
        private final Map<ServiceId, RequestHandler> responders = new LinkedHashMap<>();
        private DataSource store;
        private Path storeDirectory;
        private Clock clock = Clock.systemUTC();
        private long maxDeliveryBytes = DEFAULT_MAX_DELIVERY_BYTES;
        private String host;
        private int port = -1;
        private boolean soap;
        private URI hub;
        private boolean pull;
        private Duration pullWait = DEFAULT_PULL_WAIT;
        private Scheduler scheduler;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Path attachmentDirectory;
        private AttachmentLimits attachmentLimits = AttachmentLimits.DEFAULTS;

        private Builder() {
        }

        /**
         * Where received attachments are streamed to while they are verified (and decrypted) and
         * kept while the handler runs; they are deleted after it. {@code <store directory>/attachments}
         * unless set. A handler that keeps an attachment copies it elsewhere.
         */
        public Builder attachmentDirectory(Path directory) {
            this.attachmentDirectory = Objects.requireNonNull(directory, "attachmentDirectory");
            return this;
        }

        /**
         * The largest attachment and the largest message, payload and attachments together, this
         * endpoint receives ({@link AttachmentLimits#DEFAULTS} unless set); checked against the
         * signed sizes before anything is read, a larger one is refused with 413
         * (E_PAYLOAD_TOO_LARGE) and not handled.
         */
        public Builder attachmentLimits(AttachmentLimits limits) {
            this.attachmentLimits = Objects.requireNonNull(limits, "attachmentLimits");
            return this;
        }

        /**
         * How calls to the hub are retried: each acknowledgement and outcome report within one
         * attempt, and the backoff of the pull loop after a failure. {@link RetryPolicy#defaults()} unless set.
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * The hub's base URI, e.g. {@code https://exchange.example.gov/}: where this endpoint sends the
         * outcomes of pending messages ({@link ExchangeEndpoint#complete}). Not needed to receive pushes.
         *
         * @throws ConfigurationException if it is not an absolute https URI
         */
        public Builder hub(URI hub) {
            Objects.requireNonNull(hub, "hub");
            if (!"https".equalsIgnoreCase(hub.getScheme()) || hub.getHost() == null) {
                throw new ConfigurationException("hub", "'" + hub + "' is not an absolute https URI; every hub call is mutual TLS");
            }
            this.hub = hub;
            return this;
        }

        /**
         * Receive by pulling from the hub at {@code hub} instead of (or besides) being pushed to —
         * for a system behind a firewall: after {@link ExchangeEndpoint#start()} one thread
         * long-polls the party's inbox, handles each message like a push and then acknowledges it
         * with its receipts. A message not acknowledged (the process died, the handler threw) is
         * offered again after the hub's visibility timeout and is not handled twice.
         */
        public Builder pullFrom(URI hub) {
            hub(hub);
            this.pull = true;
            return this;
        }

        /**
         * How long one pull waits at the hub for a message before asking again; default
         * {@link #DEFAULT_PULL_WAIT}, capped by the hub.
         *
         * @throws ConfigurationException if negative
         */
        public Builder pullWait(Duration wait) {
            if (wait == null || wait.isNegative()) {
                throw new ConfigurationException("pullWait", "the pull wait must be zero or positive, got " + wait);
            }
            this.pullWait = wait;
            return this;
        }

        /**
         * The scheduler for retries of hub calls and the outcome reporter; the caller keeps ownership.
         * By default the endpoint owns a {@link Scheduler#system()}.
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** The party this endpoint receives for; envelopes addressed to any other party are refused (required). */
        public Builder party(PartyId party) {
            this.party = Objects.requireNonNull(party, "party");
            return this;
        }

        /**
         * The party's credentials (required): the GM signing key signs receipts, the encryption keys
         * decrypt SENSITIVE content, the INTL key serves TLS on a standalone port.
         */
        public Builder credentials(DepartmentCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The platform CA certificates that senders' and the hub's certificates must chain to (required). */
        public Builder trustAnchors(TrustAnchors trustAnchors) {
            this.trustAnchors = Objects.requireNonNull(trustAnchors, "trustAnchors");
            return this;
        }

        /** The exchange hub's party: only a caller whose TLS certificate names its credit code may deliver (required). */
        public Builder hubParty(PartyId hubParty) {
            this.hubParty = Objects.requireNonNull(hubParty, "hubParty");
            return this;
        }

        /**
         * Handles messages for {@code service} with {@code handler}. Messages for a service without
         * a handler are answered with a REJECTED receipt, reason code {@code E_UNKNOWN_SERVICE}.
         *
         * @throws ConfigurationException if the service already has a handler
         */
        public Builder handle(ServiceId service, MessageHandler handler) {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(handler, "handler");
            if (handlers.putIfAbsent(service, handler) != null) {
                throw new ConfigurationException("handle", "service " + service + " already has a handler; register one per service");
            }
            return this;
        }

        /**
         * Answers requests ({@link ExchangeClient#request}) for {@code service} with {@code handler}:
         * its return value becomes the JSON body of a response envelope signed by this party and bound
         * to the request by the request's envelope digest. Requests arrive pushed
         * ({@code POST /request-deliveries}) or, with {@link #pullFrom(URI)}, fetched from the hub.
         *
         * <pre>{@code
         * .respond(ServiceId.of("tax.company-status", 1),
         *         (request, context) -> statuses.find(request.json(StatusQuery.class).creditCode()))
         * }</pre>
         *
         * @throws ConfigurationException if the service already has a request handler
         */
        public Builder respond(ServiceId service, RequestHandler handler) {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(handler, "handler");
            if (responders.putIfAbsent(service, handler) != null) {
                throw new ConfigurationException("respond", "service " + service + " already has a request handler");
            }
            return this;
        }

        /**
         * Keep the inbox in this database (H2 or PostgreSQL); its schema is migrated at
         * {@link #build()} (tables {@code golden_*}, history in {@code golden_schema_history}). The
         * endpoint does not close it. Default: an embedded H2 file database in {@link #storeDirectory}.
         */
        public Builder store(DataSource dataSource) {
            this.store = Objects.requireNonNull(dataSource, "store");
            return this;
        }

        /** The directory of the default embedded H2 inbox; {@link #DEFAULT_STORE_DIRECTORY} unless set. */
        public Builder storeDirectory(Path directory) {
            this.storeDirectory = Objects.requireNonNull(directory, "storeDirectory");
            return this;
        }

        /** The clock for certificate validity, envelope expiry and receipt times; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The largest delivery body accepted, in bytes (the JSON with payload and attachments in
         * base64); larger ones are answered 413. Default {@link #DEFAULT_MAX_DELIVERY_BYTES}.
         *
         * @throws ConfigurationException if not positive
         */
        public Builder maxDeliveryBytes(long bytes) {
            if (bytes <= 0) {
                throw new ConfigurationException("maxDeliveryBytes", "the delivery size limit must be positive, got " + bytes);
            }
            this.maxDeliveryBytes = bytes;
            return this;
        }

        /**
         * Serve the API standalone on {@code port} of every interface, over HTTPS with mutual TLS
         * ({@link ExchangeEndpoint#start()} binds it). Needs sdk-cxf on the classpath.
         *
         * @throws ConfigurationException if the port is outside 0–65535 (0 picks a free one)
         */
        public Builder listen(int port) {
            return listen("0.0.0.0", port);
        }

        /** Like {@link #listen(int)}, on one address only, e.g. {@code 127.0.0.1}. */
        public Builder listen(String host, int port) {
            if (port < 0 || port > 65535) {
                throw new ConfigurationException("listen.port", "the port must be 0 (any free port) to 65535, got " + port);
            }
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            return this;
        }

        /**
         * Also serve the SOAP receiver service ({@code ExchangeReceiverService} of
         * docs/exchange/exchange-service.wsdl: {@code Deliver}, {@code DeliverRequest}) beside REST on
         * the {@link #listen} port, at {@code /exchange/soap/v1}, for a hub that pushes over SOAP. Its
         * calls carry WS-Security (Timestamp and the hub's INTL signature over Body and Timestamp, the
         * signer being the TLS caller), refusals are SOAP faults with the REST API's error codes. Off by default.
         */
        public Builder soap(boolean serve) {
            this.soap = serve;
            return this;
        }

        /**
         * Checks the settings, opens the inbox store and brings its schema up to date.
         *
         * @throws ConfigurationException naming the first missing or contradictory setting
         * @throws org.goldensdk.core.StorageException if the store cannot be opened or migrated
         */
        public ExchangeEndpoint build() {
            require(party, "party", "the party this endpoint receives for, e.g. PartyId.parse(\"CN/420100/…/declaration\")");
            require(credentials, "credentials", "the party's DepartmentCredentials (they sign receipts and serve TLS)");
            require(trustAnchors, "trustAnchors", "the platform CA certificates");
            require(hubParty, "hubParty", "the exchange hub's party id; only the hub may deliver");
            if (!credentials.creditCode().equals(party.creditCode())) {
                throw new ConfigurationException("credentials", "the credentials belong to credit code " + credentials.creditCode()
                        + " but the party is " + party + "; use the party's own credentials");
            }
            if (handlers.isEmpty() && responders.isEmpty()) {
                throw new ConfigurationException("handle", "register at least one handler with handle(service, handler)"
                        + " or respond(service, handler)");
            }
            if (soap && port < 0) {
                throw new ConfigurationException("soap", "the SOAP receiver service is served on the standalone port:"
                        + " configure listen(port) as well");
            }
            if (store != null && storeDirectory != null) {
                throw new ConfigurationException("store", "give either store(dataSource) or storeDirectory(path), not both");
            }
            HikariDataSource owned = store == null ? ExchangeDatabase.embeddedH2(
                    storeDirectory == null ? DEFAULT_STORE_DIRECTORY : storeDirectory, databaseName(party)) : null;
            DataSource dataSource = owned != null ? owned : store;
            Scheduler effectiveScheduler = scheduler == null ? Scheduler.system() : scheduler;
            try {
                ExchangeDatabase.migrate(dataSource);
                return new ExchangeEndpoint(this, dataSource, owned, effectiveScheduler, scheduler == null);
            } catch (RuntimeException e) {
                if (owned != null) {
                    owned.close();
                }
                if (scheduler == null) {
                    effectiveScheduler.close();
                }
                throw e;
            }
        }

        private static String databaseName(PartyId party) {
            return "inbox-" + party.creditCode().value() + "-" + party.system();
        }

        private static void require(Object value, String key, String what) {
            if (value == null) {
                throw new ConfigurationException(key, key + " is required: " + what);
            }
        }
    }
}
