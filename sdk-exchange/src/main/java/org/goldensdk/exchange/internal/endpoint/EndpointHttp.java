package org.goldensdk.exchange.internal.endpoint;

import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.Optional;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.cxf.ClientAuth;
import org.goldensdk.cxf.GoldenServer;
import org.goldensdk.cxf.RestApi;
import org.goldensdk.cxf.SoapApi;
import org.goldensdk.cxf.SoapSecurity;
import org.goldensdk.exchange.soap.ExchangeReceiverService;

/**
 * The endpoint's HTTP side on sdk-cxf: a {@link GoldenServer} port with mutual TLS from the
 * department's INTL credentials, or a servlet for the department's own container. The only place
 * (with {@code ExchangeEndpoint.servlet()}) where the exchange module touches CXF, Jetty or the
 * servlet API, which are optional dependencies.
 */
public final class EndpointHttp implements AutoCloseable {

    /** Where the API lives on a standalone port, as on the hub. */
    public static final String BASE_PATH = "/exchange/v1";
    /** Where the SOAP receiver service lives on a standalone port, as the hub's SOAP 1.1 service. */
    public static final String SOAP_PATH = "/exchange/soap/v1";

    private final GoldenServer server;
    private final boolean soap;

    private EndpointHttp(GoldenServer server, boolean soap) {
        this.server = server;
        this.soap = soap;
    }

    /**
     * Starts serving on {@code host:port} over HTTPS: the server presents the INTL key and chain of
     * {@code credentials}; every caller must present a client certificate chaining to the INTL
     * anchors among {@code trustAnchors}. With {@code soapSecurity} the SOAP receiver service is served
     * beside REST at {@link #SOAP_PATH}, its WS-Security checked on that scheduler.
     */
    public static EndpointHttp listen(String host, int port, DepartmentCredentials credentials, TrustAnchors trustAnchors,
            DeliveryProcessor processor, Optional<Scheduler> soapSecurity) {
        TlsConfig tls = TlsConfig.of(credentials, trustAnchors);
        GoldenServer.Builder server = GoldenServer.builder().host(host).port(port).tls(tls).clientAuth(ClientAuth.REQUIRED)
                .api(BASE_PATH, api(processor));
        soapSecurity.ifPresent(scheduler -> server.soap(SOAP_PATH, SoapApi.of(new EndpointSoapService(processor))
                .contract(ExchangeReceiverService.WSDL_LOCATION, ExchangeReceiverService.SERVICE, ExchangeReceiverService.ExchangeReceiverSoap11Port)
                .security(SoapSecurity.verifyWith(trustAnchors, scheduler).signPartsByReference())
                .withMaxRequestBytes(processor.maxDeliveryBytes()).withMaxPartsBytes(processor.maxAttachmentBytesPerMessage())));
        return new EndpointHttp(server.start(), soapSecurity.isPresent());
    }

    /** A new servlet serving the API; map it to e.g. {@code /exchange/v1/*}. */
    public static HttpServlet servlet(DeliveryProcessor processor) {
        return api(processor).servlet();
    }

    /** The API's base URI, ending in {@code /}, e.g. {@code https://127.0.0.1:8443/exchange/v1/}. */
    public URI uri() {
        return server.uri().resolve(BASE_PATH.substring(1) + "/");
    }

    /** The SOAP receiver service's address, e.g. {@code https://127.0.0.1:8443/exchange/soap/v1}, if served. */
    public Optional<URI> soapUri() {
        return soap ? Optional.of(server.uri().resolve(SOAP_PATH.substring(1))) : Optional.empty();
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
