package org.goldensdk.exchange.internal.endpoint;

import jakarta.servlet.http.HttpServlet;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.X509KeyManager;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.CryptoSuite;
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
        TlsConfig tls = TlsConfig.builder().keyManager(keyManager(credentials)).trustAnchors(intlAnchors(trustAnchors)).build();
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

    private static X509KeyManager keyManager(DepartmentCredentials credentials) {
        return Arrays.stream(credentials.tlsKeyManagers()).filter(X509KeyManager.class::isInstance)
                .map(X509KeyManager.class::cast).findFirst()
                .orElseThrow(() -> new ConfigurationException("credentials", "the JDK offers no X.509 key manager for the INTL key"));
    }

    /** JSSE handles only the INTL anchors, as the JDK itself parses them (it cannot parse SM2 certificates). */
    private static List<X509Certificate> intlAnchors(TrustAnchors trustAnchors) {
        try {
            CertificateFactory jdk = CertificateFactory.getInstance("X.509");
            List<X509Certificate> anchors = new ArrayList<>();
            for (X509Certificate anchor : trustAnchors.certificates()) {
                if (CryptoSuite.of(anchor) == CryptoSuite.INTL) {
                    anchors.add((X509Certificate) jdk.generateCertificate(new ByteArrayInputStream(anchor.getEncoded())));
                }
            }
            if (anchors.isEmpty()) {
                throw new ConfigurationException("trustAnchors", "mutual TLS needs the platform's INTL (P-256 or RSA) root"
                        + " among the trust anchors; only GM anchors were given");
            }
            return anchors;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("trustAnchors", "the JDK cannot read the INTL trust anchors: " + e.getMessage(), e);
        }
    }
}
