package org.goldensdk.sandbox.internal.soap;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.cxf.frontend.ClientProxy;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.cxf.SoapClients;
import org.goldensdk.cxf.SoapFaults;
import org.goldensdk.cxf.SoapSecurity;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.SoapMessages;
import org.goldensdk.exchange.soap.Deliver;
import org.goldensdk.exchange.soap.DeliverRequest;
import org.goldensdk.exchange.soap.ExchangeFault;
import org.goldensdk.exchange.soap.ExchangeReceiverPortType;
import org.goldensdk.exchange.soap.ExchangeReceiverService;

/**
 * The hub's calls to a receiver that registered a SOAP endpoint ({@code ExchangeReceiverService}):
 * over mutual TLS with the hub's INTL key, each request signed with WS-Security by that key. A
 * fault comes back as the typed exception of its error code with the status the REST API would
 * have answered, so the push's retry rules are the same for both transports. Thread-safe: one
 * configured proxy per address and timeout, reused until {@link #close()}.
 */
public final class SoapPushClient implements AutoCloseable {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private final TlsConfig tls;
    private final SoapSecurity security;
    private final long maxPartBytes;
    private final Map<String, ExchangeReceiverPortType> ports = new ConcurrentHashMap<>();

    /** A client calling as the hub: {@code hub}'s INTL key signs, {@code tls} carries it; answers' parts read up to {@code maxPartBytes}. */
    public SoapPushClient(DepartmentCredentials hub, TlsConfig tls, long maxPartBytes) {
        this.tls = tls;
        this.security = SoapSecurity.signWith(hub).signPartsByReference();
        this.maxPartBytes = maxPartBytes;
    }

    /** Delivers a message ({@code Deliver}) and returns the receiver's receipts, not yet verified. */
    public List<Receipt> deliver(URI endpoint, Delivery delivery) {
        Deliver deliver = new Deliver();
        deliver.setDelivery(SoapMessages.toSoap(delivery));
        return call(() -> SoapMessages.receipts(port(endpoint, DELIVERY_TIMEOUT).deliver(deliver)));
    }

    /** Delivers a request ({@code DeliverRequest}) and returns the provider's response, read into memory, not yet verified. */
    public Delivery respond(URI endpoint, Delivery request, Duration timeout) {
        DeliverRequest deliver = new DeliverRequest();
        deliver.setDelivery(SoapMessages.toSoap(request));
        return call(() -> SoapMessages.fromSoap(port(endpoint, timeout.plusSeconds(5)).deliverRequest(deliver).getDelivery(),
                maxPartBytes));
    }

    /** Releases the proxies' connections. */
    @Override
    public void close() {
        ports.values().forEach(port -> ClientProxy.getClient(port).destroy());
        ports.clear();
    }

    private ExchangeReceiverPortType port(URI endpoint, Duration timeout) {
        return ports.computeIfAbsent(endpoint + " " + timeout.toMillis(), key -> SoapClients.configure(
                new ExchangeReceiverService().getExchangeReceiverSoap11Port(), endpoint.toString(), tls, security,
                timeout.toMillis()));
    }

    private static <T> T call(SoapCall<T> call) {
        try {
            return call.run();
        } catch (ExchangeFault fault) {
            // the WSDL's fault, its detail typed: the same error code and status as problem+json
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
}
