package org.goldensdk.exchange.internal.soap;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.StorageException;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.cxf.SoapClients;
import org.goldensdk.cxf.SoapFaults;
import org.goldensdk.cxf.SoapSecurity;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.SoapMessages;
import org.goldensdk.exchange.internal.client.AttachmentCarrier;
import org.goldensdk.exchange.soap.ExchangeFault;
import org.goldensdk.exchange.soap.ExchangePortType;
import org.goldensdk.exchange.soap.ExchangeService;
import org.goldensdk.exchange.soap.GetMessageReceipts;
import org.goldensdk.exchange.soap.GetReceipts;
import org.goldensdk.exchange.soap.Request;
import org.goldensdk.exchange.soap.Submit;

/**
 * The client's hub calls over SOAP ({@code docs/exchange/exchange-service.wsdl}, SOAP 1.1 port at
 * {@code exchange/soap/v1}) behind the same {@link HttpTransport} the outbox dispatcher, receipt
 * poller and requester use for REST: each REST operation they call is carried by its SOAP
 * operation and answered in the REST API's JSON, so outbox, retries and receipts are one code path
 * for both transports. A submission carries the attachments as MTOM parts streamed from the
 * outbox files ({@link AttachmentCarrier}), signed by reference: the envelope's signed manifest
 * binds their digests, which the hub checks while spooling them. Faults become the same typed
 * exceptions as problem+json. Thread-safe.
 */
public final class SoapHubTransport implements HttpTransport, AttachmentCarrier {
    /** Where the hub serves the SOAP 1.1 port, relative to its base URI. */
    public static final String SOAP_PATH = "exchange/soap/v1";
    private static final Pattern MESSAGE_RECEIPTS = Pattern.compile("exchange/v1/messages/([^/?]+)/receipts");
    private static final Pattern RECEIPTS = Pattern.compile("exchange/v1/receipts(?:\\?(.*))?");

    private final URI hub;
    private final ExchangePortType port;
    private final long maxPartBytes;

    /**
     * A transport to {@code hub} as the owner of {@code credentials}, waiting up to {@code timeout}
     * for an answer.
     *
     * @throws ConfigurationException naming {@code transportKey} if CXF (sdk-cxf) is not on the class path
     */
    public static HttpTransport create(URI hub, DepartmentCredentials credentials, TlsConfig tls, Duration timeout,
            long maxPartBytes, String transportKey) {
        try {
            Class.forName("org.apache.cxf.jaxws.JaxWsProxyFactoryBean", false, SoapHubTransport.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new org.goldensdk.core.ConfigurationException(transportKey, "the SOAP transport needs Apache CXF: add the"
                    + " dependency org.goldensdk:sdk-cxf (docs/exchange-soap.md), or use the REST transport");
        }
        return new SoapHubTransport(hub, credentials, tls, timeout, maxPartBytes);
    }

    private SoapHubTransport(URI hub, DepartmentCredentials credentials, TlsConfig tls, Duration timeout, long maxPartBytes) {
        this.hub = hub;
        this.maxPartBytes = maxPartBytes;
        this.port = SoapClients.configure(new ExchangeService().getExchangeSoap11Port(), hub.resolve(SOAP_PATH).toString(), tls,
                SoapSecurity.signWith(credentials).signPartsByReference(), timeout.toMillis());
    }

    @Override
    public HttpResponse execute(HttpRequest request) {
        String path = request.path();
        return call(() -> {
            if ("POST".equals(request.method()) && "exchange/v1/requests".equals(path)) {
                Request asked = new Request();
                asked.setDelivery(SoapMessages.toSoap(delivery(request)));
                Delivery response = SoapMessages.fromSoap(port.request(asked).getDelivery(), maxPartBytes);
                return new Answer(200, EnvelopeCodec.json().encode(response));
            }
            Matcher one = MESSAGE_RECEIPTS.matcher(path);
            if ("GET".equals(request.method()) && one.matches()) {
                GetMessageReceipts query = new GetMessageReceipts();
                query.setMessageId(URLDecoder.decode(one.group(1), StandardCharsets.UTF_8));
                return new Answer(200, SoapMessages.receiptPageJson(port.getMessageReceipts(query).getPage()));
            }
            Matcher feed = RECEIPTS.matcher(path);
            if ("GET".equals(request.method()) && feed.matches()) {
                GetReceipts query = new GetReceipts();
                Map<String, String> parameters = parameters(feed.group(1));
                query.setAfter(parameters.get("after"));
                query.setLimit(parameters.get("limit"));
                return new Answer(200, SoapMessages.receiptPageJson(port.getReceipts(query).getPage()));
            }
            throw new NotFoundException("the SOAP transport carries no " + request.method() + " " + path);
        });
    }

    @Override
    public Receipt submit(Delivery delivery) {
        Submit submit = new Submit();
        submit.setDelivery(SoapMessages.toSoap(delivery));
        return call(() -> SoapMessages.accepted(port.submit(submit)));
    }

    private static <T> T call(SoapCall<T> call) {
        try {
            return call.run();
        } catch (ExchangeFault fault) {
            throw SoapFaults.toException(fault.getFaultInfo() == null ? null : fault.getFaultInfo().getCode(),
                    fault.getMessage(), fault.getFaultInfo() == null ? null : fault.getFaultInfo().getRequestId());
        } catch (GoldenException e) {
            throw e;
        } catch (RuntimeException e) {
            throw SoapFaults.toException(e);
        }
    }

    @FunctionalInterface
    private interface SoapCall<T> {
        T run() throws ExchangeFault;
    }

    @Override
    public HttpResponse open(HttpRequest request) {
        return execute(request);
    }

    @Override
    public URI baseUri() {
        return hub;
    }

    @Override
    public void close() {
        org.apache.cxf.frontend.ClientProxy.getClient(port).destroy();
    }

    private static Delivery delivery(HttpRequest request) {
        org.goldensdk.core.HttpBody body = request.body().orElseThrow(() -> new MalformedInputException("a delivery needs a body", null));
        try (InputStream in = body.open()) {
            // the delivery was encoded by this process a moment ago: its own length bounds it
            return EnvelopeCodec.json().decodeDelivery(in, body.length() < 0 ? Integer.MAX_VALUE : body.length());
        } catch (java.io.IOException e) {
            throw new StorageException("cannot read the delivery to send: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new java.util.HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    /** A SOAP answer in the REST API's JSON. */
    private record Answer(int status, byte[] bytes, String requestId) implements HttpResponse {
        Answer(int status, byte[] body) {
            this(status, body, UUID.randomUUID().toString());
        }

        @Override
        public Map<String, List<String>> headers() {
            return Map.of("Content-Type", List.of("application/json"));
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public byte[] bodyBytes() {
            return bytes;
        }

        @Override
        public void close() {
        }
    }
}
