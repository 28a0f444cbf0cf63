package org.goldensdk.interop.metro;

import com.sun.xml.ws.developer.JAXWSProperties;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.Handler;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.interop.metro.wsdl.ExchangePortType;
import org.goldensdk.interop.metro.wsdl.ExchangeService;

/**
 * Ports of the Metro-generated {@link ExchangeService} configured as a vendor configures them:
 * the hub's address, mutual TLS with the department's INTL key, time limits and a handler chain
 * (the WS-Security handler, and in refusal tests whatever breaks the message after it).
 */
final class MetroPorts {
    /** The SOAP 1.1 port's path on the hub (the WSDL's address is a placeholder). */
    static final String SOAP11_PATH = "exchange/soap/v1";
    /** The SOAP 1.2 port's path on the hub. */
    static final String SOAP12_PATH = "exchange/soap12/v1";

    private MetroPorts() {
    }

    /** The SOAP 1.1 port at {@code hub}, as {@code credentials}' department, running {@code handlers} in order. */
    static ExchangePortType soap11(URI hub, DepartmentCredentials credentials, TrustAnchors anchors,
            List<Handler<?>> handlers) {
        return configure(new ExchangeService().getExchangeSoap11Port(), hub.resolve(SOAP11_PATH), credentials, anchors, handlers);
    }

    /** The SOAP 1.2 port at {@code hub}; see {@link #soap11}. */
    static ExchangePortType soap12(URI hub, DepartmentCredentials credentials, TrustAnchors anchors,
            List<Handler<?>> handlers) {
        return configure(new ExchangeService().getExchangeSoap12Port(), hub.resolve(SOAP12_PATH), credentials, anchors, handlers);
    }

    @SuppressWarnings("rawtypes")
    private static ExchangePortType configure(ExchangePortType port, URI address, DepartmentCredentials credentials,
            TrustAnchors anchors, List<Handler<?>> handlers) {
        BindingProvider provider = (BindingProvider) port;
        Map<String, Object> request = provider.getRequestContext();
        request.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address.toString());
        request.put(JAXWSProperties.SSL_SOCKET_FACTORY, tls(credentials, anchors).getSocketFactory());
        request.put(JAXWSProperties.CONNECT_TIMEOUT, 10_000);
        request.put(JAXWSProperties.REQUEST_TIMEOUT, 60_000);
        provider.getBinding().setHandlerChain(List.<Handler>copyOf(handlers));
        return port;
    }

    private static SSLContext tls(DepartmentCredentials credentials, TrustAnchors anchors) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(credentials.tlsKeyManagers(), anchors.tlsTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
