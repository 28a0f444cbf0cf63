package org.goldensdk.sandbox.internal.identity;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.cxf.ClientAuth;
import org.goldensdk.cxf.GoldenServer;
import org.goldensdk.cxf.RestApi;
import org.goldensdk.identity.IdentityClient;
import org.goldensdk.identity.TokenValidator;
import org.goldensdk.sandbox.WebClient;

/**
 * The sandbox's identity provider on its own HTTPS port (no client certificates asked): an OpenID
 * Connect provider with issuer {@code https://127.0.0.1:<port>/oidc} and a CAS 3.0 server at
 * {@code https://127.0.0.1:<port>/cas/}, sharing single sign-on sessions. State lives in memory;
 * time comes from the sandbox's scheduler.
 */
public final class IdentityProvider implements AutoCloseable {
    /** The {@code aud} of access tokens when the request names no {@code resource}. */
    public static final String DEFAULT_AUDIENCE = "urn:golden:platform";
    /** The scope of an application token when the request names none. */
    public static final String DEFAULT_APPLICATION_SCOPE = "exchange";
    static final String ISSUER_PATH = "/oidc";
    static final String CAS_PATH = "/cas";

    private final Scheduler scheduler;
    private final SigningKeys keys;
    private final Set<String> casServices = ConcurrentHashMap.newKeySet();
    private volatile GoldenServer server;
    private volatile String issuer;
    private volatile Clients clients;
    private volatile Tokens tokens;
    private volatile Sessions sessions;
    private volatile TlsConfig outboundTls;
    private IdentityClient self;
    private TokenValidator platformValidator;

    private IdentityProvider(Scheduler scheduler, Duration keyGrace) {
        this.scheduler = scheduler;
        this.keys = new SigningKeys(scheduler.clock(), keyGrace);
    }

    /**
     * Starts the provider on {@code port} (0: a free one) of 127.0.0.1, serving TLS with
     * {@code serverTls}'s key; {@code outboundTls} is what logout deliveries to clients trust.
     */
    public static IdentityProvider start(int port, Scheduler scheduler, Duration keyGrace, TlsConfig serverTls, TlsConfig outboundTls) {
        IdentityProvider provider = new IdentityProvider(scheduler, keyGrace);
        GoldenServer server = GoldenServer.builder()
                .port(port)
                .tls(serverTls)
                .clientAuth(ClientAuth.NONE)
                .api(ISSUER_PATH, RestApi.of(new OidcResource(provider)))
                .api(CAS_PATH, RestApi.of(new CasResource(provider)))
                .start();
        // Nobody can call before start() returns the port, so the state that needs the address is made now.
        provider.server = server;
        provider.outboundTls = outboundTls;
        provider.issuer = server.uri().resolve(ISSUER_PATH.substring(1)).toString();
        provider.clients = new Clients(scheduler.clock(), provider.issuer, provider.tokenEndpoint());
        provider.tokens = new Tokens(provider.issuer, provider.keys, scheduler.clock());
        provider.sessions = new Sessions(scheduler.clock(), provider.tokens,
                new LogoutNotifier(outboundTls.sslContext(), provider.tokens, provider.clients::find, scheduler.clock()));
        return provider;
    }

    /** The {@code client_id} of a department's system: {@code <credit code>.<system>}, e.g. {@code 11420100MB00000196.invoice}. */
    public static String applicationClientId(PartyId party) {
        return party.creditCode().value() + "." + party.system();
    }

    /** The server's base URI, {@code https://127.0.0.1:<port>/}. */
    public URI baseUri() {
        return server.uri();
    }

    /** The OIDC issuer, {@code https://127.0.0.1:<port>/oidc} (discovery under {@code /.well-known/openid-configuration}). */
    public String issuer() {
        return issuer;
    }

    /** The CAS server prefix, {@code https://127.0.0.1:<port>/cas/}. */
    public String casPrefix() {
        return server.uri().resolve(CAS_PATH.substring(1) + "/").toString();
    }

    /** A new signing key; the previous one stays published for the grace period. */
    public void rotateKeys() {
        keys.rotate();
    }

    /** The key id the provider signs with now. */
    public String signingKeyId() {
        return keys.currentKeyId();
    }

    /**
     * Registers (or replaces) an application client: a department's system, authenticated by
     * {@code secret} with {@code client_secret_basic} or by its INTL {@code certificate} with
     * {@code private_key_jwt}.
     *
     * @throws ConfigurationException if the certificate does not hold a P-256 key
     */
    public void registerApplication(PartyId party, String name, X509Certificate certificate, String secret) {
        if (!(certificate.getPublicKey() instanceof ECPublicKey key)) {
            throw new ConfigurationException("certificate", "private_key_jwt needs the department's INTL (P-256) certificate");
        }
        clients.register(new RegisteredClient(applicationClientId(party), secret, Optional.of(key), name, Optional.of(party),
                List.of(), List.of(), Optional.empty()));
    }

    /** Registers (or replaces) a web client. */
    public void registerWebClient(WebClient client) {
        clients.register(new RegisteredClient(client.clientId(), client.clientSecret(), Optional.empty(), client.clientId(),
                Optional.empty(), client.redirectUris(), client.postLogoutRedirectUris(), client.backchannelLogoutUri()));
    }

    /** Allows CAS service URLs starting with {@code prefix}. */
    public void registerCasService(String prefix) {
        casServices.add(prefix);
    }

    /**
     * What a resource server of the platform (the hub, the portal API) checks an app token with:
     * sdk-identity's {@link TokenValidator} on this provider's discovery and JWKS, over HTTPS like
     * any relying party, audience {@value #DEFAULT_AUDIENCE}. Made on first use (nobody pays for
     * discovery before a token arrives) and closed with the provider.
     */
    public synchronized TokenValidator platformTokenValidator() {
        if (platformValidator == null) {
            self = IdentityClient.builder().issuer(URI.create(issuer)).scheduler(scheduler)
                    .transport(http -> http.tls(outboundTls)).build();
            platformValidator = self.tokenValidator().audience(DEFAULT_AUDIENCE).build();
        }
        return platformValidator;
    }

    /** Stops serving; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (self != null) {
                self.close();
            }
        }
        server.close();
    }

    boolean isCasService(String service) {
        return casServices.stream().anyMatch(service::startsWith);
    }

    String tokenEndpoint() {
        return issuer + "/token";
    }

    String issuerPath() {
        return ISSUER_PATH;
    }

    String casPath() {
        return CAS_PATH;
    }

    Clock clock() {
        return scheduler.clock();
    }

    SigningKeys keys() {
        return keys;
    }

    Clients clients() {
        return clients;
    }

    Tokens tokens() {
        return tokens;
    }

    Sessions sessions() {
        return sessions;
    }
}
