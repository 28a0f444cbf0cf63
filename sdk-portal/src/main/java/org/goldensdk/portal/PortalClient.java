package org.goldensdk.portal;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.Settings;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TokenSource;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.portal.internal.PortalApi;
import org.goldensdk.portal.internal.RestPortalApi;
import org.goldensdk.portal.internal.soap.SoapPortalApi;

/**
 * Publishes to the government portal as one agency, over its REST API ({@code docs/portal/openapi.yaml})
 * or, by configuration ({@link Builder#transport}), its SOAP service
 * ({@code docs/portal/portal-service.wsdl}): {@link #articles()} with the disclosure metadata of
 * 政府信息公开, {@link #guides()} and the {@link #mailbox()}. Authenticated by mutual TLS with the
 * agency's credentials (and app tokens when a {@link TokenSource} is given); every piece of content
 * passes the {@link ComplianceGate} before it is sent. Immutable and thread-safe; close it to release connections.
 *
 * <pre>{@code
 * try (PortalClient portal = PortalClient.builder()
 *         .endpoint(URI.create("https://www.example.gov/portal/v1/"))
 *         .agency(Agency.of("武汉市农业农村局", "11420100MB0000043N"))
 *         .credentials(agricultureCredentials)          // mutual TLS
 *         .trustAnchors(platformCa)
 *         .compliance(Compliance.reject())              // or Compliance.mask()
 *         .build()) {
 *     Article draft = portal.articles().create(ArticleDraft.builder()...build());
 *     portal.articles().publish(draft.id(), draft.version());
 * }
 * }</pre>
 *
 * <p>Over SOAP ({@code .transport(Transport.SOAP)}, the endpoint being the service's address, e.g.
 * {@code https://www.example.gov/portal/soap/v1}) every request is also signed with WS-Security by
 * the agency's certificate; operations, gate and exceptions are the same.
 */
public final class PortalClient implements AutoCloseable {
    private final PortalApi api;
    private final Agency agency;
    private final ComplianceGate gate;
    private final Transport transport;
    private final Articles articles;
    private final ServiceGuides guides;
    private final Mailbox mailbox;

    private PortalClient(PortalApi api, Agency agency, ComplianceGate gate, Transport transport) {
        this.api = api;
        this.agency = agency;
        this.gate = gate;
        this.transport = transport;
        this.articles = new Articles(api, gate, agency);
        this.guides = new ServiceGuides(api, gate);
        this.mailbox = new Mailbox(api, gate);
    }

    /** A builder; endpoint, agency and credentials (or tokens) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The agency this client publishes as. */
    public Agency agency() {
        return agency;
    }

    /** The wire this client talks to the portal over. */
    public Transport transport() {
        return transport;
    }

    /** The gate content passes before it is sent. */
    public ComplianceGate gate() {
        return gate;
    }

    /** Articles: drafts, updates, attachments, publishing, withdrawal, reading, listing. */
    public Articles articles() {
        return articles;
    }

    /** Service guides (办事指南). */
    public ServiceGuides guides() {
        return guides;
    }

    /** The citizens' letters assigned to the agency. */
    public Mailbox mailbox() {
        return mailbox;
    }

    /** Releases connections; idempotent. */
    @Override
    public void close() {
        api.close();
    }

    @Override
    public String toString() {
        return "PortalClient[" + agency.fullName() + ", " + agency.creditCode() + ", " + transport + "]";
    }

    /**
     * Builds a {@link PortalClient}. Not thread-safe. Values from {@link #settings(Settings)} are
     * applied when it is called; later builder calls override them.
     */
    public static final class Builder {
        /** The settings keys {@link #settings(Settings)} reads (besides {@link Compliance#SETTING_KEYS}). */
        public static final List<String> SETTING_KEYS = List.of("golden.portal.endpoint", "golden.portal.agency.name",
                "golden.portal.agency.credit-code", "golden.portal.transport");
        private static final String TRANSPORT_KEY = "golden.portal.transport";

        private URI endpoint;
        private Agency agency;
        private DepartmentCredentials credentials;
        private TrustAnchors trustAnchors;
        private TokenSource tokens;
        private Compliance compliance = Compliance.reject();
        private Scheduler scheduler;
        private RetryPolicy retryPolicy;
        private Clock clock = Clock.systemDefaultZone();
        private Transport wire = Transport.REST;

        private Builder() {
        }

        /**
         * The portal API's address for the chosen {@link #transport}: the REST API's base, e.g.
         * {@code https://www.example.gov/portal/v1/}, or the SOAP service's, e.g.
         * {@code https://www.example.gov/portal/soap/v1}.
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** The agency publishing; its credit code must be the one in the credentials' certificate. */
        public Builder agency(Agency agency) {
            this.agency = Objects.requireNonNull(agency, "agency");
            return this;
        }

        /** The agency's credentials; their INTL key and chain authenticate it by mutual TLS. */
        public Builder credentials(DepartmentCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The CA the portal's server certificate chains to; default the JDK's trust store. */
        public Builder trustAnchors(TrustAnchors trustAnchors) {
            this.trustAnchors = Objects.requireNonNull(trustAnchors, "trustAnchors");
            return this;
        }

        /** App tokens sent as {@code Authorization: Bearer …} (from the identity service). */
        public Builder tokens(TokenSource tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /** How the client's compliance gate judges content; default {@link Compliance#reject()}. */
        public Builder compliance(Compliance compliance) {
            this.compliance = Objects.requireNonNull(compliance, "compliance");
            return this;
        }

        /** The scheduler retries wait on; default a real-time one owned by the transport. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            this.clock = scheduler.clock();
            return this;
        }

        /** The retry policy of the transport; default {@link RetryPolicy#defaults()}. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * The wire: {@link Transport#REST} (default) or {@link Transport#SOAP} (needs sdk-cxf on the
         * class path and {@link #credentials}, which sign every request). Operations, compliance gate,
         * app tokens and exceptions are the same either way; point {@link #endpoint} at the matching address.
         */
        public Builder transport(Transport transport) {
            this.wire = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Applies {@code golden.portal.endpoint}, {@code golden.portal.agency.name},
         * {@code golden.portal.agency.credit-code}, {@code golden.portal.transport} ({@code REST} or
         * {@code SOAP}) and {@code golden.portal.compliance.*}.
         *
         * @throws ConfigurationException naming the key of an unknown key or invalid value
         */
        public Builder settings(Settings settings) {
            List<String> known = new ArrayList<>(SETTING_KEYS);
            known.addAll(Compliance.SETTING_KEYS);
            settings.requireKnownKeys("golden.portal.", known);
            settings.getUri(SETTING_KEYS.get(0)).ifPresent(this::endpoint);
            settings.get(SETTING_KEYS.get(1)).ifPresent(name -> {
                String code = settings.require(SETTING_KEYS.get(2));
                try {
                    agency(Agency.of(name, code));
                } catch (RuntimeException e) {
                    throw new ConfigurationException(SETTING_KEYS.get(2), "is not a valid agency: " + e.getMessage(), e);
                }
            });
            settings.getEnum(TRANSPORT_KEY, Transport.class).ifPresent(this::transport);
            compliance(Compliance.fromSettings(settings));
            return this;
        }

        /**
         * The client.
         *
         * @throws ConfigurationException naming what is missing or inconsistent: no endpoint, no
         *     agency, neither credentials nor tokens, credentials of another agency, SOAP without
         *     credentials or without sdk-cxf on the class path
         */
        public PortalClient build() {
            if (endpoint == null) {
                throw new ConfigurationException("endpoint", "is required; call endpoint(...) or set golden.portal.endpoint");
            }
            if (agency == null) {
                throw new ConfigurationException("agency", "is required; call agency(Agency.of(fullName, creditCode))");
            }
            if (credentials == null && tokens == null) {
                throw new ConfigurationException("credentials", "the portal authenticates agencies by mutual TLS (or app"
                        + " tokens); call credentials(...) or tokens(...)");
            }
            TlsConfig tls = null;
            if (credentials != null) {
                CreditCode certified = Certificates.creditCode(credentials.intlCertificateChain().get(0)).orElse(null);
                if (!agency.creditCode().equals(certified)) {
                    throw new ConfigurationException("agency", "the credentials' certificate carries credit code " + certified
                            + ", not the agency's " + agency.creditCode() + "; use the agency's own credentials");
                }
                tls = trustAnchors != null ? TlsConfig.of(credentials, trustAnchors)
                        : TlsConfig.builder().clientKey(credentials.intlPrivateKey(),
                                credentials.intlCertificateChain().toArray(X509Certificate[]::new)).build();
            } else if (trustAnchors != null) {
                tls = TlsConfig.builder().trustAnchors(trustAnchors.certificates()).build();
            }
            ComplianceGate gate = compliance.gate(clock);
            if (wire == Transport.SOAP) {
                if (credentials == null) {
                    throw new ConfigurationException(TRANSPORT_KEY, "the SOAP transport signs every request with the"
                            + " agency's certificate (WS-Security); call credentials(...) or use Transport.REST");
                }
                PortalApi soap = SoapPortalApi.create(endpoint, tls, credentials, tokens,
                        retryPolicy != null ? retryPolicy : RetryPolicy.defaults(), scheduler, TRANSPORT_KEY);
                return new PortalClient(soap, agency, gate, wire);
            }
            HttpTransport.Builder transport = HttpTransport.builder().baseUri(endpoint);
            if (tls != null) {
                transport.tls(tls);
            }
            if (tokens != null) {
                transport.tokenSource(tokens);
            }
            if (scheduler != null) {
                transport.scheduler(scheduler);
            }
            if (retryPolicy != null) {
                transport.retryPolicy(retryPolicy);
            }
            return new PortalClient(new RestPortalApi(transport.build()), agency, gate, wire);
        }
    }
}
