package org.goldensdk.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.cxf.ClientAuth;
import org.goldensdk.cxf.GoldenServer;
import org.goldensdk.cxf.SoapApi;
import org.goldensdk.sandbox.internal.soap.HubSoapService;
import org.goldensdk.sandbox.internal.soap.SoapPushClient;
import org.goldensdk.cxf.RestApi;
import org.goldensdk.exchange.AttachmentLimits;
import org.goldensdk.exchange.EnvelopeHeader;
import org.goldensdk.exchange.EnvelopeVerifier;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.exchange.Transport;
import org.goldensdk.sandbox.internal.AppTokenFilter;
import org.goldensdk.sandbox.internal.ContractCheck;
import org.goldensdk.sandbox.internal.ContractFilter;
import org.goldensdk.sandbox.internal.FaultInjector;
import org.goldensdk.sandbox.internal.HubResource;
import org.goldensdk.sandbox.internal.HubService;
import org.goldensdk.sandbox.internal.HubStore;
import org.goldensdk.sandbox.internal.PendingRequests;
import org.goldensdk.sandbox.internal.PullWaiters;
import org.goldensdk.sandbox.internal.Pusher;
import org.goldensdk.sandbox.internal.identity.IdentityProvider;
import org.goldensdk.sandbox.internal.portal.PortalSoapService;
import org.goldensdk.sandbox.internal.portal.SandboxPortal;
import org.goldensdk.portal.Agency;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;

/**
 * A local exchange platform running in this JVM: the exchange hub's REST API
 * ({@code docs/exchange/openapi.yaml}) at {@link #hubUri()} over HTTPS with mutual TLS, playing
 * party {@link TestDepartment#EXCHANGE_PLATFORM} with the development CA of {@code sdk-testkit}.
 * It is faithful, not a mock: it verifies every envelope, authorises every caller by its TLS
 * client certificate, refuses secret data, deduplicates by (sender, message id), stores messages
 * in embedded H2, signs ACCEPTED receipts, and pushes messages to receivers' registered endpoints
 * with retries until they expire.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.builder().defaultRights().start()) {
 *     URI hub = sandbox.hubUri();                        // https://127.0.0.1:<port>/ (API under /exchange/v1/)
 *     sandbox.registerEndpoint(customs, customsEndpoint); // where the hub pushes customs' messages
 * }
 * }</pre>
 *
 * Thread-safe; close it to stop the server and the pusher and drop the in-memory state.
 */
public final class Sandbox implements AutoCloseable {
    /** The base path of the hub's REST API. */
    public static final String HUB_BASE_PATH = "/exchange/v1";
    private static final String BUNDLED_CONTRACT = "openapi.yaml";
    /** The base path of the portal's publishing API (on the hub's mutual-TLS port). */
    public static final String PORTAL_BASE_PATH = "/portal/v1";
    private static final String BUNDLED_PORTAL_CONTRACT = "portal/openapi.yaml";
    /** How many messages the hub pushes to one receiver at the same time unless the builder says otherwise. */
    public static final int DEFAULT_PUSH_CONCURRENCY = 8;

    private final GoldenServer server;
    private final HubStore store;
    private final Pusher pusher;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final TrustAnchors trustAnchors;
    private final SandboxFaults faults;
    private final Optional<ContractCheck> contract;
    private final PullWaiters pullWaiters;
    private final IdentityProvider identity;
    private final SandboxPortal portal;

    private Sandbox(GoldenServer server, HubStore store, Pusher pusher, Scheduler scheduler, boolean ownsScheduler,
            TrustAnchors trustAnchors, SandboxFaults faults, Optional<ContractCheck> contract, PullWaiters pullWaiters,
            IdentityProvider identity, SandboxPortal portal) {
        this.pullWaiters = pullWaiters;
        this.server = server;
        this.store = store;
        this.pusher = pusher;
        this.scheduler = scheduler;
        this.ownsScheduler = ownsScheduler;
        this.trustAnchors = trustAnchors;
        this.faults = faults;
        this.contract = contract;
        this.identity = identity;
        this.portal = portal;
    }

    /** A builder: a free port, in-memory state, every {@link TestDepartment} registered, no rights yet. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The hub's address as a client is configured with it ({@code ExchangeClient.builder().hub(…)}):
     * {@code https://127.0.0.1:<port>/}; the REST API lives under {@link #HUB_BASE_PATH} there.
     */
    public URI hubUri() {
        return server.uri();
    }

    /**
     * The portal's publishing API ({@code docs/portal/openapi.yaml}) as {@code PortalClient.builder().endpoint(…)}
     * takes it: {@code https://127.0.0.1:<port>/portal/v1/}, mutual TLS on the hub's port; an agency
     * is the credit code and organisation name of its TLS client certificate. When the sandbox
     * {@link #checksContract() checks its contract}, the portal API's traffic is checked against
     * the bundled portal document too, its violations among {@link #contractViolations()}.
     */
    public URI portalApiUri() {
        return server.uri().resolve(PORTAL_BASE_PATH.substring(1) + "/");
    }

    /**
     * The portal's SOAP publishing service ({@code docs/portal/portal-service.wsdl}) as
     * {@code PortalClient.builder().transport(Transport.SOAP).endpoint(…)} takes it:
     * {@code https://127.0.0.1:<port>/portal/soap/v1} (SOAP 1.1; SOAP 1.2 at {@code /portal/soap12/v1}),
     * beside the REST API on the same mutual-TLS port, over the same portal.
     */
    public URI portalSoapUri() {
        return server.uri().resolve(PortalSoapService.SOAP11_PATH.substring(1));
    }

    /**
     * The portal's public pages for a person's browser, on plain HTTP:
     * {@code http://127.0.0.1:<port>/portal/} (home, columns, articles, guides, mailbox, search).
     */
    public URI portalPagesUri() {
        return portal.pagesUri();
    }

    /** The hub's own party, the issuer of ACCEPTED receipts: {@link TestDepartment#EXCHANGE_PLATFORM}. */
    public PartyId hubParty() {
        return TestDepartment.EXCHANGE_PLATFORM.partyId();
    }

    /** The platform CA (the development CA's GM and INTL roots): what parties trust for the hub and for each other. */
    public TrustAnchors trustAnchors() {
        return trustAnchors;
    }

    /**
     * Registers {@code party} with its certificates (or adds certificates to it): the TLS client
     * certificate it calls with and the signing certificate of its envelopes must be among them.
     * A party that is not registered is refused.
     */
    public Sandbox registerParty(PartyId party, Collection<X509Certificate> certificates) {
        Objects.requireNonNull(party, "party");
        store.registerParty(party, List.copyOf(certificates));
        return this;
    }

    /** Registers {@code party} with the public certificates of {@code credentials} (GM signing, INTL); keys are not used. */
    public Sandbox registerParty(PartyId party, DepartmentCredentials credentials) {
        return registerParty(party, certificatesOf(credentials));
    }

    /**
     * Sets where the hub pushes {@code party}'s messages: the base of its receiving endpoint, e.g.
     * {@code https://127.0.0.1:9443/exchange/v1/} (the hub posts to {@code deliveries} under it).
     * Messages waiting for the party are pushed now.
     *
     * @throws ConfigurationException if the party is not registered or the URI is not absolute HTTPS
     */
    public Sandbox registerEndpoint(PartyId party, URI endpoint) {
        return registerEndpoint(party, endpoint, Transport.REST);
    }

    /**
     * Sets where and how the hub pushes {@code party}'s messages and requests: {@link Transport#REST}
     * as {@link #registerEndpoint(PartyId, URI)}, or {@link Transport#SOAP} to the address of the
     * party's {@code ExchangeReceiverService} (docs/exchange/exchange-service.wsdl), e.g.
     * {@code ExchangeEndpoint.soapUri()}, with WS-Security signed by the hub.
     *
     * @throws ConfigurationException if the party is not registered or the URI is not absolute HTTPS
     */
    public Sandbox registerEndpoint(PartyId party, URI endpoint, Transport transport) {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(transport, "transport");
        if (endpoint == null || !"https".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new ConfigurationException("endpoint", "a push endpoint is an absolute https URI such as "
                    + "https://127.0.0.1:9443/exchange/v1/, got " + endpoint);
        }
        // a REST endpoint is a base the hub resolves deliveries against; a SOAP address is called as it is
        boolean restBase = transport == Transport.REST && (endpoint.getPath() == null || !endpoint.getPath().endsWith("/"));
        if (!store.registerEndpoint(party, restBase ? URI.create(endpoint + "/") : endpoint, transport)) {
            throw new ConfigurationException("party", party + " is not registered; register it before its endpoint");
        }
        pusher.endpointRegistered(party);
        return this;
    }

    /** Allows {@code sender} to call {@code service} of {@code receiver}. */
    public Sandbox allow(PartyId sender, PartyId receiver, ServiceId service) {
        store.allow(Objects.requireNonNull(sender, "sender"), Objects.requireNonNull(receiver, "receiver"),
                Objects.requireNonNull(service, "service"));
        return this;
    }

    /** Grants {@code right}. */
    public Sandbox allow(AccessRight right) {
        return allow(right.sender(), right.receiver(), right.service());
    }

    /** Faults the hub answers from inside, for tests of clients' retries. */
    public SandboxFaults faults() {
        return faults;
    }

    /**
     * Whether this sandbox checks its traffic against an OpenAPI document
     * ({@link Builder#checkContract()}).
     */
    public boolean checksContract() {
        return contract.isPresent();
    }

    /**
     * The contract violations seen so far, oldest first, when {@link #checksContract()}: one
     * readable line per request or answer that does not conform to the OpenAPI document — every
     * request the hub's REST API received and its answer (errors included), every push to a
     * department endpoint and the endpoint's answer — naming the operation, the direction
     * (request, or response with its status) and the validator's messages. The traffic itself is
     * not changed by a violation. Empty when the contract is not checked. An immutable copy.
     */
    public List<String> contractViolations() {
        return contract.map(ContractCheck::violations).orElse(List.of());
    }

    /** A mark of now for {@link #contractViolationsSince(long)}. */
    long contractMark() {
        return contract.map(ContractCheck::mark).orElse(0L);
    }

    /** The contract violations seen after {@code mark} and not cleared since. */
    List<String> contractViolationsSince(long mark) {
        return contract.map(check -> check.violationsSince(mark)).orElse(List.of());
    }

    /** Forgets the contract violations seen so far (e.g. after a test that provoked them on purpose). */
    public void clearContractViolations() {
        contract.ifPresent(ContractCheck::clear);
    }

    /**
     * The identity provider's base address, {@code https://127.0.0.1:<port>/}: its own HTTPS port
     * (server certificate from the development CA, no client certificate asked), with the OIDC
     * provider at {@link #issuer()} and the CAS server at {@link #casUri()}.
     */
    public URI identityUri() {
        return identity.baseUri();
    }

    /**
     * The OpenID Connect issuer, {@code https://127.0.0.1:<port>/oidc}; its metadata is at
     * {@code <issuer>/.well-known/openid-configuration}. Endpoints and rules: {@code docs/sandbox.md}.
     */
    public URI issuer() {
        return URI.create(identity.issuer());
    }

    /**
     * The CAS 3.0 server prefix, {@code https://127.0.0.1:<port>/cas/} (with the trailing slash, so
     * {@code login}, {@code p3/serviceValidate} and {@code logout} resolve against it).
     */
    public URI casUri() {
        return URI.create(identity.casPrefix());
    }

    /**
     * The {@code client_id} under which a department's system gets application tokens (client
     * credentials): {@code <credit code>.<system>}, e.g. {@code 11420100MB00000196.invoice} for
     * {@code CN/420100/11420100MB00000196/invoice}. Every {@link TestDepartment} is registered,
     * authenticated by {@link #DEPARTMENT_CLIENT_SECRET} ({@code client_secret_basic}) or by an ES256
     * {@code private_key_jwt} signed with its INTL key.
     */
    public static String departmentClientId(PartyId party) {
        return IdentityProvider.applicationClientId(Objects.requireNonNull(party, "party"));
    }

    /** The development client secret of every department's application client — never use it outside the sandbox. */
    public static final String DEPARTMENT_CLIENT_SECRET = "golden-dev-client-secret";

    /**
     * Registers (or replaces) a web application as an OIDC client of the identity provider, e.g.
     * an app behind {@code SsoFilter}.
     */
    public Sandbox registerWebClient(WebClient client) {
        identity.registerWebClient(Objects.requireNonNull(client, "client"));
        return this;
    }

    /**
     * Allows CAS service URLs that start with {@code servicePrefix} (the CAS server refuses
     * unregistered services); single logout requests are POSTed to the exact service URL a
     * ticket was issued for.
     *
     * @throws ConfigurationException if the prefix is not an absolute http(s) URI
     */
    public Sandbox registerCasService(URI servicePrefix) {
        if (servicePrefix == null || servicePrefix.getHost() == null
                || !("https".equals(servicePrefix.getScheme()) || "http".equals(servicePrefix.getScheme()))) {
            throw new ConfigurationException("servicePrefix", "a CAS service prefix is an absolute http(s) URI, got " + servicePrefix);
        }
        identity.registerCasService(servicePrefix.toString());
        return this;
    }

    /**
     * Rotates the identity provider's signing key: new tokens are signed with a new RS256 key
     * (new {@code kid}); the previous key stays in the JWKS for the grace period
     * ({@link Builder#identityKeyGracePeriod(Duration)}, measured on the sandbox's scheduler) and is
     * then removed, after which tokens it signed no longer validate or introspect as active.
     */
    public Sandbox rotateIdentityKeys() {
        identity.rotateKeys();
        return this;
    }

    /** Stops the server and the pusher and releases the state (an in-memory database is dropped). Idempotent. */
    @Override
    public void close() {
        pullWaiters.close();
        server.close();
        identity.close();
        portal.close();
        pusher.close();
        if (ownsScheduler) {
            scheduler.close();
        }
        store.close();
    }

    @Override
    public String toString() {
        return "Sandbox[" + hubUri() + "]";
    }

    private static List<X509Certificate> certificatesOf(DepartmentCredentials credentials) {
        Set<X509Certificate> certificates = new LinkedHashSet<>();
        certificates.add(credentials.signer(CryptoSuite.GM).certificate());
        certificates.add(credentials.signer(CryptoSuite.INTL).certificate());
        certificates.add(credentials.intlCertificateChain().get(0));
        return new ArrayList<>(certificates);
    }

    /** Configures and starts a {@link Sandbox}. Not thread-safe. */
    public static final class Builder {
        private int port;
        private Scheduler scheduler;
        private RetryPolicy pushRetry = RetryPolicy.builder()
                .maxAttempts(Integer.MAX_VALUE)
                .initialBackoff(Duration.ofMillis(200))
                .maxBackoff(Duration.ofSeconds(30))
                .budget(EnvelopeHeader.MAX_LIFETIME)
                .build();
        private long maxRequestBytes = RestApi.DEFAULT_MAX_REQUEST_BYTES;
        private int pushConcurrency = DEFAULT_PUSH_CONCURRENCY;
        private boolean testDepartments = true;
        private Path databaseDirectory;
        private Optional<ContractCheck> contract = Optional.empty();
        private final List<AccessRight> rights = new ArrayList<>();
        private Duration pullVisibilityTimeout = Duration.ofMinutes(5);
        private AttachmentLimits attachmentLimits = AttachmentLimits.DEFAULTS;
        private Duration unlistedAttachmentRetention = Duration.ofDays(1);

        /**
         * How long an uploaded attachment that no stored message lists (its sender never submitted
         * the envelope) stays in the spool, counted from its latest upload on the sandbox's
         * scheduler; 1 day by default. The hub looks for such files every hour, or every retention
         * when shorter.
         *
         * @throws ConfigurationException if not positive
         */
        public Builder unlistedAttachmentRetention(Duration retention) {
            if (retention == null || retention.isNegative() || retention.isZero()) {
                throw new ConfigurationException("unlistedAttachmentRetention", "the retention must be positive, got "
                        + retention);
            }
            this.unlistedAttachmentRetention = retention;
            return this;
        }

        /**
         * The largest attachment the hub stores (default 1 GiB) and the largest message, payload and
         * attachments together (default 2 GiB); larger ones get 413. Attachments uploaded with
         * {@code PUT /attachments/{digest}} are streamed to files named by their digest, never held
         * in memory or in the database.
         *
         * @throws ConfigurationException if not positive, or the message limit is below the attachment limit
         */
        public Builder attachmentLimits(long maxAttachmentBytes, long maxMessageBytes) {
            this.attachmentLimits = new AttachmentLimits(maxAttachmentBytes, maxMessageBytes);
            return this;
        }
        private int identityPort;
        private Duration identityKeyGracePeriod = Duration.ofHours(1);
        private int portalPagesPort;

        private Builder() {
        }

        /**
         * How long a message fetched from a pulling receiver's inbox stays hidden from further pulls
         * without an acknowledgement before it is offered again (default 5 minutes, on the
         * sandbox's scheduler).
         *
         * @throws ConfigurationException if not positive
         */
        public Builder pullVisibilityTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new ConfigurationException("pullVisibilityTimeout", "the visibility timeout must be positive, got " + timeout);
            }
            this.pullVisibilityTimeout = timeout;
            return this;
        }

        /**
         * The identity provider's port; 0 (default) picks a free one.
         *
         * @throws ConfigurationException if outside 0–65535
         */
        public Builder identityPort(int port) {
            if (port < 0 || port > 65535) {
                throw new ConfigurationException("identityPort", "the port must be 0 (any free port) to 65535, got " + port);
            }
            this.identityPort = port;
            return this;
        }

        /**
         * How long a rotated-out signing key stays published ({@link Sandbox#rotateIdentityKeys()});
         * default one hour, longer than any token the provider issues lives.
         *
         * @throws ConfigurationException if negative
         */
        public Builder identityKeyGracePeriod(Duration grace) {
            if (grace == null || grace.isNegative()) {
                throw new ConfigurationException("identityKeyGracePeriod", "the grace period must be zero or positive, got " + grace);
            }
            this.identityKeyGracePeriod = grace;
            return this;
        }

        /**
         * The hub's port; 0 (default) picks a free one.
         *
         * @throws ConfigurationException if outside 0–65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new ConfigurationException("port", "the port must be 0 (any free port) to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The scheduler the hub takes its time from and schedules push retries and expiry on; the
         * caller keeps ownership. By default the sandbox owns a {@link Scheduler#system()}.
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * The backoff between push attempts to a receiver. Default: 200 ms doubling to 30 s, full
         * jitter, no limit on attempts but the message's expiry. A policy that gives up marks the
         * message failed.
         */
        public Builder pushRetry(RetryPolicy policy) {
            this.pushRetry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How many messages the hub pushes to one receiver at the same time (1–64, default
         * {@value Sandbox#DEFAULT_PUSH_CONCURRENCY}); the others wait their turn. Push promises no
         * order between messages either way.
         *
         * @throws ConfigurationException if {@code pushConcurrency} is outside 1–64
         */
        public Builder pushConcurrency(int pushConcurrency) {
            if (pushConcurrency < 1 || pushConcurrency > 64) {
                throw new ConfigurationException("pushConcurrency", "must be 1–64 pushes at a time per receiver, was "
                        + pushConcurrency);
            }
            this.pushConcurrency = pushConcurrency;
            return this;
        }

        /**
         * The largest request body the hub accepts (default 16 MiB); larger ones get 413.
         *
         * @throws ConfigurationException if not positive
         */
        public Builder maxRequestBytes(long limit) {
            if (limit <= 0) {
                throw new ConfigurationException("maxRequestBytes", "the request body limit must be positive, got " + limit);
            }
            this.maxRequestBytes = limit;
            return this;
        }

        /** Whether every {@link TestDepartment} is registered with its certificates at start; true by default. */
        public Builder testDepartments(boolean register) {
            this.testDepartments = register;
            return this;
        }

        /**
         * The port of the portal's public pages (plain HTTP); 0 (default) picks a free one.
         *
         * @throws ConfigurationException if outside 0–65535
         */
        public Builder portalPagesPort(int port) {
            if (port < 0 || port > 65535) {
                throw new ConfigurationException("portalPagesPort", "the port must be 0 (any free port) to 65535, got " + port);
            }
            this.portalPagesPort = port;
            return this;
        }

        /** Grants {@code right} at start. */
        public Builder allow(AccessRight right) {
            rights.add(Objects.requireNonNull(right, "right"));
            return this;
        }

        /** Grants {@link AccessRight#defaults()} at start. */
        public Builder defaultRights() {
            rights.addAll(AccessRight.defaults());
            return this;
        }

        /** Keep the hub's state in an H2 file database in {@code directory} instead of in memory. */
        public Builder databaseDirectory(Path directory) {
            this.databaseDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Check every request and answer of the hub's REST API and of its pushes against the
         * OpenAPI document this sandbox implements ({@code docs/exchange/openapi.yaml}, bundled
         * with it); see {@link Sandbox#contractViolations()}.
         */
        public Builder checkContract() {
            try (InputStream document = Sandbox.class.getResourceAsStream(BUNDLED_CONTRACT)) {
                if (document == null) {
                    throw new ConfigurationException("contract", "the bundled OpenAPI document " + BUNDLED_CONTRACT
                            + " is missing from the sandbox's jar; pass the document with checkContract(Path)");
                }
                this.contract = Optional.of(ContractCheck.of(new String(document.readAllBytes(), StandardCharsets.UTF_8),
                        BUNDLED_CONTRACT));
            } catch (IOException e) {
                throw new ConfigurationException("contract", "cannot read the bundled OpenAPI document: " + e.getMessage(), e);
            }
            return this;
        }

        /**
         * Check every request and answer of the hub's REST API and of its pushes against the
         * OpenAPI document at {@code openApiDocument}; see {@link Sandbox#contractViolations()}.
         *
         * @throws ConfigurationException if the file cannot be read or is not an OpenAPI document
         */
        public Builder checkContract(Path openApiDocument) {
            Objects.requireNonNull(openApiDocument, "openApiDocument");
            try {
                this.contract = Optional.of(ContractCheck.of(Files.readString(openApiDocument), openApiDocument.toString()));
            } catch (IOException e) {
                throw new ConfigurationException("contract", "cannot read the OpenAPI document " + openApiDocument.toAbsolutePath()
                        + ": " + e.getMessage(), e);
            }
            return this;
        }

        /**
         * Starts the hub.
         *
         * @throws ConfigurationException if the port cannot be bound
         * @throws org.goldensdk.core.StorageException if the database cannot be opened
         */
        public Sandbox start() {
            DepartmentCredentials hub = TestDepartment.EXCHANGE_PLATFORM.credentials();
            TrustAnchors anchors = TestCredentials.trustAnchors();
            boolean ownsScheduler = scheduler == null;
            Scheduler time = ownsScheduler ? Scheduler.system() : scheduler;
            HubStore store = HubStore.open(databaseDirectory);
            Pusher pusher = null;
            IdentityProvider identity = null;
            SandboxPortal portal = null;
            try {
                if (testDepartments) {
                    for (TestDepartment department : TestDepartment.values()) {
                        store.registerParty(department.partyId(), certificatesOf(department.credentials()));
                    }
                }
                rights.forEach(right -> store.allow(right.sender(), right.receiver(), right.service()));
                pusher = new Pusher(store, time, pushRetry, TlsConfig.of(hub, anchors), anchors, contract, pushConcurrency,
                        new SoapPushClient(hub, TlsConfig.of(hub, anchors), maxRequestBytes));
                EnvelopeVerifier verifier = EnvelopeVerifier.builder().trustAnchors(anchors).clock(time.clock()).build();
                PullWaiters waiters = new PullWaiters();
                HubService service = new HubService(store, verifier, TestDepartment.EXCHANGE_PLATFORM.partyId(),
                        hub.signer(CryptoSuite.GM), time.clock(), maxRequestBytes, pusher,
                        new HubService.Inboxes(time, waiters, pullVisibilityTimeout, anchors, new PendingRequests()),
                        attachmentLimits, unlistedAttachmentRetention);
                service.startUploadCleanup(unlistedAttachmentRetention.compareTo(Duration.ofHours(1)) < 0
                        ? unlistedAttachmentRetention : Duration.ofHours(1));
                FaultInjector faults = new FaultInjector();
                RestApi api = RestApi.of(new HubResource(service, faults)).withMaxRequestBytes(maxRequestBytes);
                portal = SandboxPortal.start(databaseDirectory, time.clock(), portalAgencies(), portalPagesPort,
                        contract.map(check -> check.alongside(bundledDocument(BUNDLED_PORTAL_CONTRACT), BUNDLED_PORTAL_CONTRACT)));
                if (contract.isPresent()) {
                    api = api.withProviders(new ContractFilter(contract.get()));
                }
                identity = IdentityProvider.start(identityPort, time, identityKeyGracePeriod, TlsConfig.of(hub, anchors),
                        TlsConfig.of(hub, anchors));
                IdentityProvider provider = identity;
                for (TestDepartment department : TestDepartment.values()) {
                    identity.registerApplication(department.partyId(), department.organisation(),
                            department.credentials().intlCertificateChain().get(0), DEPARTMENT_CLIENT_SECRET);
                }
                List<SoapApi> soap = HubSoapService.apis(service, maxRequestBytes, anchors, time);
                List<SoapApi> portalSoap = portal.soapApis(anchors, time, provider::platformTokenValidator);
                GoldenServer server = GoldenServer.builder()
                        .port(port)
                        .tls(TlsConfig.of(hub, anchors))
                        .clientAuth(ClientAuth.REQUIRED)
                        .api(HUB_BASE_PATH, api.withProviders(new AppTokenFilter(provider::platformTokenValidator)))
                        .api(PORTAL_BASE_PATH, portal.api().withProviders(new AppTokenFilter(provider::platformTokenValidator)))
                        .soap(HubSoapService.SOAP11_PATH, soap.get(0))
                        .soap(HubSoapService.SOAP12_PATH, soap.get(1))
                        .soap(PortalSoapService.SOAP11_PATH, portalSoap.get(0))
                        .soap(PortalSoapService.SOAP12_PATH, portalSoap.get(1))
                        .start();
                return new Sandbox(server, store, pusher, time, ownsScheduler, anchors, new SandboxFaults(faults), contract,
                        waiters, identity, portal);
            } catch (RuntimeException e) {
                if (identity != null) {
                    identity.close();
                }
                if (pusher != null) {
                    pusher.close();
                }
                if (portal != null) {
                    portal.close();
                }
                store.close();
                if (ownsScheduler) {
                    time.close();
                }
                throw e;
            }
        }

        /** The agencies citizens may write to on the portal: every test department but the platform itself. */
        private static List<Agency> portalAgencies() {
            List<Agency> agencies = new ArrayList<>();
            for (TestDepartment department : TestDepartment.values()) {
                if (department != TestDepartment.EXCHANGE_PLATFORM) {
                    agencies.add(new Agency(department.organisation(), department.creditCode()));
                }
            }
            return agencies;
        }

        private static String bundledDocument(String resource) {
            try (InputStream document = Sandbox.class.getResourceAsStream(resource)) {
                if (document == null) {
                    throw new ConfigurationException("contract", "the bundled OpenAPI document " + resource
                            + " is missing from the sandbox's jar");
                }
                return new String(document.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigurationException("contract", "cannot read the bundled OpenAPI document: " + e.getMessage(), e);
            }
        }
    }
}
