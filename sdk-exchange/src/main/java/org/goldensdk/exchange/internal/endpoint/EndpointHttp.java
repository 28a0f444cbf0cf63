package org.goldensdk.exchange.internal.endpoint;

import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.cxf.ClientAuth;
import org.goldensdk.cxf.GoldenServer;
import org.goldensdk.cxf.RestApi;

/**
 * The endpoint's HTTP side on sdk-cxf: a {@link GoldenServer} port with mutual TLS from the
 * department's INTL credentials, or a servlet for the department's own container. The only place
 * (with {@code ExchangeEndpoint.servlet()}) where the exchange module touches CXF, Jetty or the
 * servlet API, which are optional dependencies.
 */
public final class EndpointHttp implements AutoCloseable {

    /** Where the API lives on a standalone port, as on the hub. */
    public static final String BASE_PATH = "/exchange/v1";

    private final GoldenServer server;

    private EndpointHttp(GoldenServer server) {
        this.server = server;
    }

    /**
     * Starts serving on {@code host:port} over HTTPS: the server presents the INTL key and chain of
     * {@code credentials}; every caller must present a client certificate chaining to the INTL
     * anchors among {@code trustAnchors}.
     */
    public static EndpointHttp listen(String host, int port, DepartmentCredentials credentials, TrustAnchors trustAnchors,
            DeliveryProcessor processor) {
        TlsConfig tls = TlsConfig.of(credentials, trustAnchors);
        return new EndpointHttp(GoldenServer.builder().host(host).port(port).tls(tls).clientAuth(ClientAuth.REQUIRED)
                .api(BASE_PATH, api(processor)).start());
    }

    /** A new servlet serving the API; map it to e.g. {@code /exchange/v1/*}. */
    public static HttpServlet servlet(DeliveryProcessor processor) {
        return api(processor).servlet();
    }

    /** The API's base URI, ending in {@code /}, e.g. {@code https://127.0.0.1:8443/exchange/v1/}. */
    public URI uri() {
        return server.uri().resolve(BASE_PATH.substring(1) + "/");
    }

    /** Stops serving and releases the port. */
    @Override
    public void close() {
        server.close();
    }

    private static RestApi api(DeliveryProcessor processor) {
        return RestApi.of(new DeliveriesResource(processor)).withMaxRequestBytes(processor.maxDeliveryBytes());
    }

}
