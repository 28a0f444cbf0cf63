package org.goldensdk.exchange.internal.endpoint;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import org.goldensdk.cxf.TlsCaller;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.SoapMessages;
import org.goldensdk.exchange.soap.Deliver;
import org.goldensdk.exchange.soap.DeliverRequest;
import org.goldensdk.exchange.soap.DeliverRequestResponse;
import org.goldensdk.exchange.soap.DeliverResponse;
import org.goldensdk.exchange.soap.ExchangeReceiverPortType;

/**
 * The receiver's SOAP service ({@code ExchangeReceiverService} of docs/exchange/exchange-service.wsdl):
 * {@code Deliver} and {@code DeliverRequest} are the REST API's {@code POST /deliveries} and
 * {@code POST /request-deliveries}, carried out by the same {@link DeliveryProcessor} (the caller
 * must be the hub; WS-Security has checked that the signer is that TLS caller). Thread-safe.
 */
@WebService(endpointInterface = "org.goldensdk.exchange.soap.ExchangeReceiverPortType", serviceName = "ExchangeReceiverService",
        portName = "ExchangeReceiverSoap11Port", targetNamespace = EndpointSoapService.NAMESPACE)
public final class EndpointSoapService implements ExchangeReceiverPortType {
    static final String NAMESPACE = "urn:goldensdk:exchange:service:1";

    private final DeliveryProcessor processor;

    @Resource
    private WebServiceContext context;

    /** The service handing every delivery to {@code processor}. */
    public EndpointSoapService(DeliveryProcessor processor) {
        this.processor = processor;
    }

    @Override
    public DeliverResponse deliver(Deliver parameters) {
        List<String> receipts = processor.deliver(caller(),
                SoapMessages.fromSoap(parameters.getDelivery(), processor.maxDeliveryBytes()));
        return SoapMessages.delivered(receipts.stream()
                .map(json -> EnvelopeCodec.json().decodeReceipt(json.getBytes(StandardCharsets.UTF_8))).toList());
    }

    @Override
    public DeliverRequestResponse deliverRequest(DeliverRequest parameters) {
        byte[] response = processor.respond(caller(), SoapMessages.fromSoap(parameters.getDelivery(), processor.maxDeliveryBytes()));
        DeliverRequestResponse answer = new DeliverRequestResponse();
        answer.setDelivery(SoapMessages.toSoap(EnvelopeCodec.json().decodeDelivery(new ByteArrayInputStream(response),
                processor.maxDeliveryBytes())));
        return answer;
    }

    private List<X509Certificate> caller() {
        HttpServletRequest request = (HttpServletRequest) context.getMessageContext().get(MessageContext.SERVLET_REQUEST);
        return TlsCaller.require(request).chain();
    }
}
