package org.goldensdk.cxf;

import jakarta.xml.ws.BindingProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.cxf.binding.soap.model.SoapBindingInfo;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.cxf.internal.ReceivedPartsCache;
import org.goldensdk.cxf.internal.WsSecurityOut;

/**
 * Configures a CXF JAX-WS client proxy (from a WSDL's generated service class) the way the SDK
 * talks SOAP: to one address, over TLS from a core {@link TlsConfig} (mutual TLS with the
 * department's INTL key), MTOM for binary parts (an answer's parts received completely, into
 * temporary files beyond 100 KiB, before the call returns), and every request signed as
 * {@link SoapSecurity#signWith} describes. Failures are mapped with {@link SoapFaults#toException(Throwable)}.
 */
public final class SoapClients {
    /** The largest MTOM part of an answer a client takes (spooled to a temporary file): 1 GiB. */
    public static final long MAX_ANSWER_PART_BYTES = 1L << 30;
    private SoapClients() {
    }

    /**
     * Points {@code port} (a CXF JAX-WS proxy) at {@code address} and applies TLS, MTOM, the
     * timeouts and WS-Security.
     *
     * @param receiveTimeoutMillis how long to wait for an answer (long enough for long polls)
     * @throws ConfigurationException if {@code port} is not a CXF proxy or {@code security} verifies instead of signing
     */
    public static <T> T configure(T port, String address, TlsConfig tls, SoapSecurity security, long receiveTimeoutMillis) {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(security, "security");
        if (!security.isSigning()) {
            throw new ConfigurationException("security", "a client signs: use SoapSecurity.signWith(credentials)");
        }
        if (!(port instanceof BindingProvider provider)) {
            throw new ConfigurationException("port", "not a JAX-WS proxy: " + port.getClass().getName());
        }
        Map<String, Object> context = provider.getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address);
        ((jakarta.xml.ws.soap.SOAPBinding) provider.getBinding()).setMTOMEnabled(true);
        Client client;
        try {
            client = ClientProxy.getClient(port);
        } catch (RuntimeException e) {
            throw new ConfigurationException("port", "not a CXF JAX-WS proxy (is another JAX-WS implementation first on"
                    + " the class path?): " + port.getClass().getName(), e);
        }
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        TLSClientParameters parameters = new TLSClientParameters();
        parameters.setSslContext(tls.sslContext());
        parameters.setDisableCNCheck(false);
        conduit.setTlsClientParameters(parameters);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(10_000);
        policy.setReceiveTimeout(receiveTimeoutMillis);
        policy.setAllowChunking(true);
        conduit.setClient(policy);
        String soapNamespace = client.getEndpoint().getBinding().getBindingInfo() instanceof SoapBindingInfo soap
                ? soap.getSoapVersion().getNamespace() : "http://schemas.xmlsoap.org/soap/envelope/";
        Map<String, Object> properties = new HashMap<>(WsSecurityOut.properties(security.signer(), security.timestampTtl(),
                soapNamespace, security.partsByReference()));
        client.getOutInterceptors().add(WsSecurityOut.interceptor(properties));
        // an answer's MTOM parts are received into CXF's cache (temporary files), each at most this large
        client.getEndpoint().put("attachment-max-size", MAX_ANSWER_PART_BYTES);
        client.getInInterceptors().add(new ReceivedPartsCache());
        return port;
    }
}
