package org.goldensdk.cxf;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.cxf.internal.ServerRuntime;

/**
 * An embedded Jetty 12 port serving CXF JAX-RS APIs ({@link RestApi}) under base paths, and JAX-WS
 * services ({@link SoapApi}) beside them: HTTPS with
 * mutual TLS from a core {@link TlsConfig} (TLS 1.2/1.3 only; client certificates validated against
 * the config's trust anchors) or plain HTTP. Every API answers errors as problem+json, limits
 * request bodies and tags each request with an id; see {@link RestApi}. A running server is
 * thread-safe; close it to release the port.
 *
 * <pre>{@code
 * try (GoldenServer server = GoldenServer.builder()
 *         .tls(serverTls)                       // server key + chain, trust anchors for callers
 *         .api("/exchange", RestApi.of(new ExchangeResource()))
 *         .start()) {
 *     URI base = server.uri();                  // https://127.0.0.1:<free port>/
 * }
 * }</pre>
 */
public final class GoldenServer implements AutoCloseable {

    private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private final ServerRuntime runtime;

    private GoldenServer(ServerRuntime runtime) {
        this.runtime = runtime;
    }

    /** A builder for a server on 127.0.0.1, a free port, plain HTTP until {@link Builder#tls} is given. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URI with the actual port, ending in {@code /}; API base paths resolve against it. */
    public URI uri() {
        return runtime.uri();
    }

    /** The port the server listens on. */
    public int port() {
        return runtime.uri().getPort();
    }

    /** Stops serving and releases the port; idempotent. */
    @Override
    public void close() {
        runtime.close();
    }

    @Override
    public String toString() {
        return "GoldenServer[" + uri() + "]";
    }

    /** Builds and starts a {@link GoldenServer}. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private TlsConfig tls;
        private ClientAuth clientAuth = ClientAuth.REQUIRED;
        private final Map<String, RestApi> apis = new LinkedHashMap<>();
        private final Map<String, SoapApi> soapApis = new LinkedHashMap<>();

        private Builder() {
        }

        /** The address to listen on; default {@code 127.0.0.1} (loopback only). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port; default 0, which picks a free port ({@link GoldenServer#uri()} tells which).
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
         * Serve HTTPS with this material: its key and chain identify the server, its trust anchors
         * validate client certificates. Without this call the server speaks plain HTTP.
         */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Whether callers must present a client certificate; default {@link ClientAuth#REQUIRED}. HTTPS only. */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        /**
         * Serves {@code api} under {@code basePath}, e.g. {@code /exchange}.
         *
         * @throws ConfigurationException if the path is not of the form {@code /segment[/segment…]}
         *     or is already taken
         */
        public Builder api(String basePath, RestApi api) {
            Objects.requireNonNull(api, "api");
            if (basePath == null || !BASE_PATH.matcher(basePath).matches()) {
                throw new ConfigurationException("basePath", "a base path looks like /exchange or /api/v1 (letters, digits, . _ ~ -), got "
                        + basePath);
            }
            if (apis.putIfAbsent(basePath, api) != null) {
                throw new ConfigurationException("basePath", basePath + " is already served by another API");
            }
            return this;
        }

        /**
         * Serves the SOAP service {@code api} at {@code path}, e.g. {@code /exchange/soap/v1}, on the
         * same port (and the same mutual TLS) as the REST APIs.
         *
         * @throws ConfigurationException if the path is malformed or already taken
         */
        public Builder soap(String path, SoapApi api) {
            Objects.requireNonNull(api, "api");
            if (path == null || !BASE_PATH.matcher(path).matches()) {
                throw new ConfigurationException("soapPath", "a SOAP path looks like /exchange/soap/v1 (letters, digits, . _ ~ -), got "
                        + path);
            }
            if (apis.containsKey(path) || soapApis.putIfAbsent(path, api) != null) {
                throw new ConfigurationException("soapPath", path + " is already served by another API");
            }
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @throws ConfigurationException if no API is given, TLS lacks a server key or (with client
         *     authentication) trust anchors, or the port cannot be bound
         */
        public GoldenServer start() {
            if (apis.isEmpty() && soapApis.isEmpty()) {
                throw new ConfigurationException("apis", "a server needs at least one API; add one with api(basePath, RestApi.of(...))");
            }
            if (tls != null && !tls.hasClientKey()) {
                throw new ConfigurationException("tls", "HTTPS needs the server's key and certificate chain; give them with TlsConfig.builder().clientKey(key, chain)");
            }
            if (tls != null && clientAuth != ClientAuth.NONE && tls.trustAnchors().isEmpty()) {
                throw new ConfigurationException("tls.trustAnchors", "checking client certificates needs explicit trust anchors "
                        + "(the CA that issues them), not the JDK's default trust store");
            }
            return new GoldenServer(ServerRuntime.start(host, port, tls == null ? null : tls.sslContext(), clientAuth, apis,
                    soapApis.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                            e -> e.getValue().config(), (a, b) -> a, LinkedHashMap::new))));
        }
    }
}
