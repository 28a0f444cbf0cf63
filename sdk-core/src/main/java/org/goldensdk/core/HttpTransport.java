package org.goldensdk.core;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.goldensdk.core.internal.http.OkHttpTransport;
import org.goldensdk.core.internal.http.PathRedaction;
import org.goldensdk.core.internal.http.TransportConfig;
import org.goldensdk.core.internal.time.Durations;

/**
 * Sends {@link HttpRequest}s to one base URI with timeouts, TLS (1.2/1.3, host names verified,
 * optional mutual TLS), an optional HTTP proxy, bearer tokens, a request id and retries under one
 * {@link RetryPolicy}. Thread-safe; share one per base URI and close it when done.
 *
 * <p>Retries happen only when repeating is safe: a retry-safe request (see
 * {@link HttpRequest#isRetrySafe()}) is retried on connection failures, timeouts, truncated
 * answers and 429/502/503/504 (honouring {@code Retry-After}); any other request only when it
 * failed before it was sent (e.g. connection refused). A 401 with a {@link TokenSource}
 * invalidates the token and retries once. Waits go through the {@link Scheduler}. Error answers
 * are thrown as the typed exception their problem+json (or status) stands for, see
 * {@link Problem#toException()}; every exception names the request id.
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * Sends {@code request} and reads the whole body (bounded by the maximum response size) within
     * the retry loop, so a body cut off mid-way is retried like any transport failure.
     *
     * @throws GoldenException the typed error for an error answer or a transport failure
     */
    HttpResponse execute(HttpRequest request);

    /**
     * Sends {@code request} and returns as soon as the headers arrive; the body is streamed to the
     * caller, who must close the response. Failures while reading the body are not retried.
     *
     * @throws GoldenException the typed error for an error answer or a transport failure
     */
    HttpResponse open(HttpRequest request);

    /** The base URI requests are resolved against. */
    URI baseUri();

    /**
     * Releases connections and threads. Calls still in flight are cancelled: each fails promptly with a
     * non-retryable {@link TransportException} saying the transport was closed.
     */
    @Override
    void close();

    /** A builder; only the base URI is required. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Builds an {@link HttpTransport}. Not thread-safe. Values from {@link #settings(Settings)} are
     * applied when it is called; later builder calls override them.
     */
    final class Builder {
        /** The settings keys {@link #settings(Settings)} reads; anything else under {@code golden.http.} is rejected. */
        public static final List<String> SETTING_KEYS;
        private static final String PREFIX = "golden.http.";
        private static final String RETRY_PREFIX = PREFIX + "retry.";

        static {
            List<String> keys = new ArrayList<>(List.of("base-uri", "connect-timeout", "read-timeout", "write-timeout",
                    "call-timeout", "user-agent", "max-response-size", "proxy.host", "proxy.port",
                    "proxy.username", "proxy.password"));
            RetryPolicy.SETTING_NAMES.forEach(name -> keys.add("retry." + name));
            SETTING_KEYS = keys.stream().map(key -> PREFIX + key).toList();
        }

        private URI baseUri;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(60);
        private TlsConfig tls = TlsConfig.defaults();
        private String proxyHost;
        private int proxyPort;
        private String proxyUsername;
        private String proxyPassword;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Scheduler scheduler;
        private TokenSource tokenSource;
        private String userAgent = "golden-sdk-java";
        private int maxResponseBytes = 16 * 1024 * 1024;

        private Builder() {
        }

        /** The base URI (http or https); relative request paths resolve against it as a directory. */
        public Builder baseUri(URI baseUri) {
            Objects.requireNonNull(baseUri, "baseUri");
            String scheme = baseUri.getScheme();
            if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || baseUri.getHost() == null) {
                throw new ConfigurationException("baseUri", "'" + baseUri + "' is not an absolute http(s) URI with a host");
            }
            if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
                throw new ConfigurationException("baseUri", "must not carry a query or fragment");
            }
            String path = baseUri.getRawPath() == null || baseUri.getRawPath().isEmpty() ? "/" : baseUri.getRawPath();
            this.baseUri = baseUri.resolve(path.endsWith("/") ? path : path + "/");
            return this;
        }

        /** Time allowed to open a connection (TLS handshake included); default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Durations.requirePositive(timeout, "connectTimeout");
            return this;
        }

        /** Longest silence while reading an answer; default 30 s. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Durations.requirePositive(timeout, "readTimeout");
            return this;
        }

        /** Longest stall while writing a request; default 30 s. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = Durations.requirePositive(timeout, "writeTimeout");
            return this;
        }

        /** Limit of one attempt from connecting to the end of the body; default 60 s. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Durations.requirePositive(timeout, "callTimeout");
            return this;
        }

        /** TLS material; default {@link TlsConfig#defaults()}. */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Sends every request through the HTTP proxy at {@code host:port}. */
        public Builder proxy(String host, int port) {
            if (host == null || host.isBlank()) {
                throw new ConfigurationException("proxy.host", "is blank; give the proxy's host name");
            }
            if (port < 1 || port > 65535) {
                throw new ConfigurationException("proxy.port", port + " is not a TCP port (1-65535)");
            }
            this.proxyHost = host;
            this.proxyPort = port;
            return this;
        }

        /** Answers the proxy's 407 challenge with these basic credentials. */
        public Builder proxyCredentials(String username, String password) {
            this.proxyUsername = Objects.requireNonNull(username, "username");
            this.proxyPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The retry policy; default {@link RetryPolicy#defaults()}. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** The scheduler retries wait on; default a real-time one owned by the transport. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** The source of bearer tokens sent as {@code Authorization: Bearer …}. */
        public Builder tokenSource(TokenSource tokenSource) {
            this.tokenSource = Objects.requireNonNull(tokenSource, "tokenSource");
            return this;
        }

        /** The User-Agent header; default {@code golden-sdk-java}. */
        public Builder userAgent(String userAgent) {
            if (userAgent == null || userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < ' ' || c > '~')) {
                throw new ConfigurationException("userAgent", "must be non-blank printable ASCII");
            }
            this.userAgent = userAgent;
            return this;
        }

        /** Largest response body accepted, in bytes; default 16 MiB. */
        public Builder maxResponseBytes(int maxResponseBytes) {
            if (maxResponseBytes < 1) {
                throw new ConfigurationException("maxResponseBytes", "must be positive, got " + maxResponseBytes);
            }
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /**
         * Applies the {@code golden.http.*} keys present in {@code settings} (see {@link #SETTING_KEYS}
         * and docs/configuration.md).
         *
         * @throws ConfigurationException for an unknown {@code golden.http.} key (naming the closest
         *     known one) or an invalid value
         */
        public Builder settings(Settings settings) {
            settings.requireKnownKeys(PREFIX, SETTING_KEYS);
            settings.getUri(PREFIX + "base-uri").ifPresent(value -> keyed("base-uri", () -> baseUri(value)));
            settings.getDuration(PREFIX + "connect-timeout").ifPresent(value -> keyed("connect-timeout", () -> connectTimeout(value)));
            settings.getDuration(PREFIX + "read-timeout").ifPresent(value -> keyed("read-timeout", () -> readTimeout(value)));
            settings.getDuration(PREFIX + "write-timeout").ifPresent(value -> keyed("write-timeout", () -> writeTimeout(value)));
            settings.getDuration(PREFIX + "call-timeout").ifPresent(value -> keyed("call-timeout", () -> callTimeout(value)));
            settings.get(PREFIX + "user-agent").ifPresent(value -> keyed("user-agent", () -> userAgent(value)));
            settings.getInt(PREFIX + "max-response-size").ifPresent(value -> keyed("max-response-size", () -> maxResponseBytes(value)));
            settings.get(PREFIX + "proxy.host").ifPresent(host -> keyed("proxy.host",
                    () -> proxy(host, settings.getInt(PREFIX + "proxy.port").orElseThrow(() ->
                            new ConfigurationException(PREFIX + "proxy.port", "is required when " + PREFIX + "proxy.host is set")))));
            settings.get(PREFIX + "proxy.username").ifPresent(username -> proxyCredentials(username,
                    settings.require(PREFIX + "proxy.password")));
            if (settings.names().stream().anyMatch(name -> name.startsWith(RETRY_PREFIX)
                    || name.startsWith(Settings.environmentVariable(RETRY_PREFIX)))) {
                retryPolicy(RetryPolicy.fromSettings(settings, RETRY_PREFIX));
            }
            return this;
        }

        private static void keyed(String key, Runnable setter) {
            try {
                setter.run();
            } catch (ConfigurationException e) {
                throw new ConfigurationException(PREFIX + key, e.getMessage(), e);
            }
        }

        /**
         * The transport.
         *
         * @throws ConfigurationException if the base URI is missing or the configuration is inconsistent
         */
        public HttpTransport build() {
            if (baseUri == null) {
                throw new ConfigurationException("baseUri", "is required; call baseUri(...) or set " + PREFIX + "base-uri");
            }
            if (proxyUsername != null && proxyHost == null) {
                throw new ConfigurationException("proxyCredentials", "are set but no proxy is; call proxy(host, port) too");
            }
            return new OkHttpTransport(new TransportConfig(baseUri, connectTimeout, readTimeout, writeTimeout,
                    callTimeout, tls, proxyHost, proxyPort, proxyUsername, proxyPassword, retryPolicy, scheduler,
                    tokenSource, userAgent, maxResponseBytes, PathRedaction.DEFAULT));
        }
    }
}
