package org.goldensdk.sandbox.internal.soap;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.goldensdk.core.BoundedInputStream;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.StorageException;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.cxf.SoapApi;
import org.goldensdk.cxf.SoapSecurity;
import org.goldensdk.cxf.TlsCaller;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.SoapMessages;
import org.goldensdk.exchange.soap.Acknowledge;
import org.goldensdk.exchange.soap.AcknowledgeResponse;
import org.goldensdk.exchange.soap.ExchangePortType;
import org.goldensdk.exchange.soap.ExchangeService;
import org.goldensdk.exchange.soap.GetMessageReceipts;
import org.goldensdk.exchange.soap.GetMessageReceiptsResponse;
import org.goldensdk.exchange.soap.GetReceipts;
import org.goldensdk.exchange.soap.GetReceiptsResponse;
import org.goldensdk.exchange.soap.Pull;
import org.goldensdk.exchange.soap.PullResponse;
import org.goldensdk.exchange.soap.Request;
import org.goldensdk.exchange.soap.RequestResponse;
import org.goldensdk.exchange.soap.Respond;
import org.goldensdk.exchange.soap.RespondResponse;
import org.goldensdk.exchange.soap.Submit;
import org.goldensdk.exchange.soap.SubmitResponse;
import org.goldensdk.sandbox.internal.HubService;

/**
 * The hub's SOAP service ({@code docs/exchange/exchange-service.wsdl}): each operation is the REST
 * operation of the same name, carried out by the one {@link HubService} (no second copy of
 * routing or verification); the caller is the TLS client certificate, which WS-Security requires
 * to be the signer as well. Attachments travel as MTOM parts, signed by reference (WS-Security
 * covers their {@code xop:Include}; the envelope's signed manifest binds their digests): a
 * submission's parts, which CXF keeps in temporary files beyond 1 MiB, stream into the same spool
 * as {@code PUT /attachments/{digest}}, each digest checked on the way; a pulled message carries
 * its attachments as parts streamed from the spool. Thread-safe.
 */
@WebService(endpointInterface = "org.goldensdk.exchange.soap.ExchangePortType", serviceName = "ExchangeService",
        portName = "ExchangeSoap11Port", targetNamespace = HubSoapService.NAMESPACE)
public final class HubSoapService implements ExchangePortType {
    static final String NAMESPACE = "urn:goldensdk:exchange:service:1";
    /** The SOAP 1.1 port's path. */
    public static final String SOAP11_PATH = "/exchange/soap/v1";
    /** The SOAP 1.2 port's path. */
    public static final String SOAP12_PATH = "/exchange/soap12/v1";
    private static final JsonCodec JSON = JsonCodec.of();

    private final HubService hub;
    private final long maxRequestBytes;

    @Resource
    private WebServiceContext context;

    /** The service over {@code hub}, reading parts of at most {@code maxRequestBytes}. */
    public HubSoapService(HubService hub, long maxRequestBytes) {
        this.hub = hub;
        this.maxRequestBytes = maxRequestBytes;
    }

    /**
     * The SOAP 1.1 and 1.2 APIs serving {@code hub}: contract from the WSDL, WS-Security checked on
     * {@code scheduler}; a request body may hold {@code maxRequestBytes}, an MTOM request as well the
     * attachments one message may carry.
     */
    public static List<SoapApi> apis(HubService hub, long maxRequestBytes, TrustAnchors anchors, Scheduler scheduler) {
        URL wsdl = ExchangeService.WSDL_LOCATION;
        SoapSecurity security = SoapSecurity.verifyWith(anchors, scheduler).signPartsByReference();
        QName service = new QName(NAMESPACE, "ExchangeService");
        return List.of(
                SoapApi.of(new HubSoapService(hub, maxRequestBytes)).contract(wsdl, service, new QName(NAMESPACE, "ExchangeSoap11Port"))
                        .security(security).withMaxRequestBytes(maxRequestBytes)
                        .withMaxPartsBytes(hub.maxAttachmentBytesPerMessage()),
                SoapApi.of(new HubSoapService(hub, maxRequestBytes)).contract(wsdl, service, new QName(NAMESPACE, "ExchangeSoap12Port"))
                        .security(security).withMaxRequestBytes(maxRequestBytes)
                        .withMaxPartsBytes(hub.maxAttachmentBytesPerMessage()));
    }

    @Override
    public SubmitResponse submit(Submit parameters) {
        HubService.Submitted submitted = hub.submit(caller(), SoapMessages.fromSoap(parameters.getDelivery(), maxRequestBytes));
        return SoapMessages.submitted(submitted.status() == 202, EnvelopeCodec.json().decodeReceipt(submitted.receipt()));
    }

    @Override
    public GetReceiptsResponse getReceipts(GetReceipts parameters) {
        GetReceiptsResponse response = new GetReceiptsResponse();
        response.setPage(SoapMessages.receiptPage(JSON.write(hub.feed(caller(), parameters.getAfter(), parameters.getLimit()))));
        return response;
    }

    @Override
    public GetMessageReceiptsResponse getMessageReceipts(GetMessageReceipts parameters) {
        GetMessageReceiptsResponse response = new GetMessageReceiptsResponse();
        response.setPage(SoapMessages.receiptPage(JSON.write(hub.messageReceipts(caller(), parameters.getMessageId()))));
        return response;
    }

    @Override
    public PullResponse pull(Pull parameters) {
        Optional<HubService.Pulled> pulled = hub.pull(caller(), parameters.getParty(), parameters.getWaitSeconds());
        PullResponse response = new PullResponse();
        pulled.ifPresent(found -> {
            Delivery delivery = EnvelopeCodec.json().decodeDelivery(new ByteArrayInputStream(found.delivery()), maxRequestBytes);
            // a message's attachments wait in the spool; a request carries its own
            response.setDelivery(SoapMessages.toSoap(found.isRequest() ? delivery : hub.withSpooledAttachments(delivery)));
            response.setKind(found.isRequest() ? "request" : "message");
        });
        return response;
    }

    @Override
    public AcknowledgeResponse acknowledge(Acknowledge parameters) {
        StringBuilder body = new StringBuilder("{\"receipts\":[");
        List<Receipt> receipts = SoapMessages.receipts(parameters);
        for (int i = 0; i < receipts.size(); i++) {
            body.append(i == 0 ? "" : ",").append(new String(EnvelopeCodec.json().encode(receipts.get(i)), StandardCharsets.UTF_8));
        }
        hub.acknowledge(caller(), new ByteArrayInputStream(body.append("]}").toString().getBytes(StandardCharsets.UTF_8)));
        return new AcknowledgeResponse();
    }

    @Override
    public RequestResponse request(Request parameters) {
        HubService.Answered answered = hub.request(caller(), json(parameters.getDelivery()));
        if (answered.error() != null) {
            throw answered.error();
        }
        RequestResponse response = new RequestResponse();
        response.setDelivery(SoapMessages.toSoap(EnvelopeCodec.json().decodeDelivery(
                new ByteArrayInputStream(answered.response()), maxRequestBytes)));
        return response;
    }

    @Override
    public RespondResponse respond(Respond parameters) {
        hub.respond(caller(), json(parameters.getDelivery()));
        return new RespondResponse();
    }

    /**
     * A request or response in the REST API's JSON, which the hub's logic reads: held in memory as
     * over REST, so its parts together stay within the request limit.
     */
    private ByteArrayInputStream json(org.goldensdk.exchange.soap.DeliveryType soap) {
        Delivery delivery = SoapMessages.fromSoap(soap, maxRequestBytes);
        long left = maxRequestBytes - delivery.payload().size();
        List<Content> attachments = new ArrayList<>();
        for (Content part : delivery.attachments()) {
            try (InputStream in = part.open()) {
                byte[] bytes = BoundedInputStream.readAll(in, Math.max(0, left), "a request's parts (the hub's limit is "
                        + maxRequestBytes + " bytes)");
                left -= bytes.length;
                attachments.add(Content.of(bytes));
            } catch (IOException e) {
                throw new StorageException("cannot read a carried attachment: " + e.getMessage(), e);
            }
        }
        return new ByteArrayInputStream(EnvelopeCodec.json().encode(new Delivery(delivery.envelope(), delivery.payload(),
                attachments)));
    }

    private X509Certificate caller() {
        HttpServletRequest request = (HttpServletRequest) context.getMessageContext().get(MessageContext.SERVLET_REQUEST);
        return TlsCaller.require(request).certificate();
    }
}
