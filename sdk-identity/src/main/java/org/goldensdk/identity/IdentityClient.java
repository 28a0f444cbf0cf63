package org.goldensdk.identity;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.Settings;
import org.goldensdk.core.TokenSource;
import org.goldensdk.identity.internal.AppTokenSource;
import org.goldensdk.identity.internal.ClientAuthentication;
import org.goldensdk.identity.internal.JwksCache;
import org.goldensdk.identity.internal.ProviderHttp;

/**
 * One OpenID Connect provider, found by discovery from its issuer URL — the Golden identity service
 * or any standard provider: app tokens for calling other systems ({@link #appTokens()}), token
 * validators ({@link #tokenValidator()}), and what {@link SsoFilter} needs. All HTTP goes through
 * core's {@link HttpTransport} (TLS, proxy, retries, request ids). Immutable, thread-safe; close it
 * to release connections.
 *
 * <pre>{@code
 * IdentityClient identity = IdentityClient.builder()
 *         .issuer(URI.create("https://sso.example.gov/"))
 *         .clientId("customs-declaration").clientSecret(secret)   // or .privateKeyJwt(credentials)
 *         .build();
 * }</pre>
 */
public final class IdentityClient implements AutoCloseable {

    /** The settings key of the issuer. */
    public static final String ISSUER_KEY = "golden.identity.issuer";

    private final ProviderHttp http;
    private final ProviderMetadata metadata;
    private final ClientAuthentication client;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final JwksCache keys;
    private final String defaultScope;
    private final Duration refreshAhead;
    private final Map<String, TokenSource> appTokens = new ConcurrentHashMap<>();
    private final List<Runnable> keysRemovedListeners = new CopyOnWriteArrayList<>();

    private IdentityClient(Builder builder) {
        this.ownsScheduler = builder.scheduler == null;
        this.scheduler = ownsScheduler ? Scheduler.system() : builder.scheduler;
        this.http = new ProviderHttp(scheduler, builder.transport);
        try {
            String issuer = builder.issuer.toString();
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            this.metadata = ProviderMetadata.parse(http.getJson(URI.create(base + ProviderMetadata.WELL_KNOWN_PATH)), issuer);
            if (builder.clientSecret != null) {
                this.client = ClientAuthentication.secretBasic(builder.clientId, builder.clientSecret);
            } else if (builder.credentials != null) {
                this.client = ClientAuthentication.privateKeyJwt(builder.clientId, builder.credentials, scheduler.clock());
            } else {
                this.client = null;
            }
            if (client != null && !metadata.tokenEndpointAuthMethods().contains(client.method())) {
                throw new ConfigurationException("golden.identity.client-secret", "the provider's token endpoint accepts "
                        + metadata.tokenEndpointAuthMethods() + ", not " + client.method());
            }
            this.keys = new JwksCache(http, metadata.jwksUri(), scheduler.clock(), builder.jwksCacheTime,
                    builder.jwksRefreshInterval, () -> keysRemovedListeners.forEach(Runnable::run));
            this.defaultScope = builder.scope;
            this.refreshAhead = builder.refreshAhead;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A builder; the issuer is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** What discovery found. */
    public ProviderMetadata metadata() {
        return metadata;
    }

    /** The client id, when client credentials were configured. */
    public Optional<String> clientId() {
        return client == null ? Optional.empty() : Optional.of(client.clientId());
    }

    /**
     * App tokens (client-credentials grant) for calling another system: give it to an exchange or
     * portal client's {@code tokens(...)}, or to an {@link HttpTransport}. Cached, refreshed ahead of
     * expiry, one request to the provider at a time.
     *
     * @throws ConfigurationException if no client credentials were configured
     */
    public TokenSource appTokens() {
        return appTokens(defaultScope);
    }

    /**
     * App tokens for {@code scope} (space-separated; e.g. the audience of one system the provider
     * issues tokens for), cached apart from those of other scopes; null means the builder's scope.
     *
     * @throws ConfigurationException if no client credentials were configured
     */
    public TokenSource appTokens(String scope) {
        if (client == null) {
            throw new ConfigurationException("golden.identity.client-id", "app tokens need client credentials:"
                    + " clientId(...) and clientSecret(...) or privateKeyJwt(...)");
        }
        String effective = scope == null ? defaultScope : scope;
        String normalised = effective == null || effective.isBlank() ? "" : effective.trim();
        return appTokens.computeIfAbsent(normalised, key -> new AppTokenSource(http, metadata.tokenEndpoint(), client,
                key.isEmpty() ? null : key, scheduler.clock(), refreshAhead));
    }

    /** A builder of a validator for this provider's tokens; set its audience. */
    public TokenValidator.Builder tokenValidator() {
        return new TokenValidator.Builder(this);
    }

    @Override
    public void close() {
        http.close();
        if (ownsScheduler) {
            scheduler.close();
        }
    }

    @Override
    public String toString() {
        return "IdentityClient[" + (metadata == null ? "?" : metadata.issuer()) + (client == null ? "" : ", " + client.clientId()) + "]";
    }

    ProviderHttp http() {
        return http;
    }

    JwksCache keys() {
        return keys;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Optional<ClientAuthentication> clientAuthentication() {
        return Optional.ofNullable(client);
    }

    void onKeysRemoved(Runnable listener) {
        keysRemovedListeners.add(listener);
    }

    /** Builds an {@link IdentityClient}; {@link #build()} runs discovery. Not thread-safe. */
    public static final class Builder {
        /** The settings keys {@link #settings(Settings)} reads (the validator's are on {@link TokenValidator.Builder}). */
        public static final List<String> SETTING_KEYS = List.of(ISSUER_KEY, "golden.identity.client-id",
                "golden.identity.client-secret", "golden.identity.scope", "golden.identity.jwks-cache-time",
                "golden.identity.jwks-refresh-interval", "golden.identity.token-refresh-ahead");

        private URI issuer;
        private String clientId;
        private String clientSecret;
        private DepartmentCredentials credentials;
        private String scope;
        private Scheduler scheduler;
        private Consumer<HttpTransport.Builder> transport = builder -> { };
        private Duration jwksCacheTime = Duration.ofHours(1);
        private Duration jwksRefreshInterval = Duration.ofMinutes(1);
        private Duration refreshAhead = Duration.ofSeconds(60);

        private Builder() {
        }

        /** The provider's issuer identifier, exactly as its discovery document states it. */
        public Builder issuer(URI issuer) {
            Objects.requireNonNull(issuer, "issuer");
            if (issuer.getHost() == null || !("https".equalsIgnoreCase(issuer.getScheme()) || "http".equalsIgnoreCase(issuer.getScheme()))
                    || issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
                throw new ConfigurationException(ISSUER_KEY, "'" + issuer + "' is not an http(s) URL without query or fragment");
            }
            this.issuer = issuer;
            return this;
        }

        /** This application's client id at the provider. */
        public Builder clientId(String clientId) {
            if (clientId == null || clientId.isBlank()) {
                throw new ConfigurationException("golden.identity.client-id", "must not be blank");
            }
            this.clientId = clientId;
            return this;
        }

        /** Authenticates to the token endpoint with this secret ({@code client_secret_basic}). */
        public Builder clientSecret(String secret) {
            if (secret == null || secret.isEmpty()) {
                throw new ConfigurationException("golden.identity.client-secret", "must not be empty");
            }
            this.clientSecret = secret;
            this.credentials = null;
            return this;
        }

        /**
         * Authenticates to the token endpoint with an RFC 7523 assertion signed by the department's
         * INTL key ({@code private_key_jwt}; ES256 for P-256, RS256 for RSA). Register the INTL
         * certificate with the provider.
         */
        public Builder privateKeyJwt(DepartmentCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.clientSecret = null;
            return this;
        }

        /** The scope requested with app tokens (space-separated); default none (the provider's default). */
        public Builder scope(String scope) {
            this.scope = scope == null || scope.isBlank() ? null : scope.trim();
            return this;
        }

        /** The scheduler whose clock judges expiry; default a real-time one owned by the client. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Adjusts the HTTP transport used for every provider endpoint (TLS trust anchors, proxy,
         * timeouts, retries); its base URI and scheduler are set by the client.
         */
        public Builder transport(Consumer<HttpTransport.Builder> customizer) {
            this.transport = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /** How long the provider's key set is used before it is fetched again; default 1 h. */
        public Builder jwksCacheTime(Duration time) {
            this.jwksCacheTime = positive(time, "golden.identity.jwks-cache-time");
            return this;
        }

        /**
         * The least time between two fetches of the key set caused by unknown key ids; default 1 min.
         * A token signed with a key the provider just added is refused until then.
         */
        public Builder jwksRefreshInterval(Duration interval) {
            this.jwksRefreshInterval = positive(interval, "golden.identity.jwks-refresh-interval");
            return this;
        }

        /** How long before expiry an app token is replaced; default 60 s (at most half its lifetime). */
        public Builder tokenRefreshAhead(Duration ahead) {
            this.refreshAhead = positive(ahead, "golden.identity.token-refresh-ahead");
            return this;
        }

        /** Applies the {@code golden.identity.*} keys present in {@code settings} (docs/configuration.md). */
        public Builder settings(Settings settings) {
            settings.requireKnownKeys("golden.identity.", allKeys());
            settings.getUri(ISSUER_KEY).ifPresent(this::issuer);
            settings.get("golden.identity.client-id").ifPresent(this::clientId);
            settings.get("golden.identity.client-secret").ifPresent(this::clientSecret);
            settings.get("golden.identity.scope").ifPresent(this::scope);
            settings.getDuration("golden.identity.jwks-cache-time").ifPresent(this::jwksCacheTime);
            settings.getDuration("golden.identity.jwks-refresh-interval").ifPresent(this::jwksRefreshInterval);
            settings.getDuration("golden.identity.token-refresh-ahead").ifPresent(this::tokenRefreshAhead);
            return this;
        }

        private static List<String> allKeys() {
            return java.util.stream.Stream.concat(SETTING_KEYS.stream(), TokenValidator.Builder.SETTING_KEYS.stream()).toList();
        }

        private static Duration positive(Duration value, String key) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new ConfigurationException(key, "must be a positive duration, got " + value);
            }
            return value;
        }

        /**
         * Runs discovery and returns the client.
         *
         * @throws ConfigurationException if the issuer is missing or the discovery document does not
         *     match it, or the provider does not accept the configured client authentication
         * @throws org.goldensdk.core.GoldenException if discovery fails on the network
         */
        public IdentityClient build() {
            if (issuer == null) {
                throw new ConfigurationException(ISSUER_KEY, "is required; call issuer(...) or set " + ISSUER_KEY);
            }
            if ((clientSecret != null || credentials != null) && clientId == null) {
                throw new ConfigurationException("golden.identity.client-id", "is required with a client secret or private_key_jwt");
            }
            return new IdentityClient(this);
        }
    }
}
