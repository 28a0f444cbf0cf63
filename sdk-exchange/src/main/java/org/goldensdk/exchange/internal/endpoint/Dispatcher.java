package org.goldensdk.exchange.internal.endpoint;

import java.sql.Connection;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ServiceId;

/** The endpoint's registered handlers, as the delivery processor calls them. */
public interface Dispatcher {
    /** Whether a handler is registered for {@code service}. */
    boolean handles(ServiceId service);

    /**
     * Calls the handler of the message's service; {@code delivered} is the DELIVERED receipt about
     * to be committed, {@code transaction} the inbox's connection in the transaction that commits it.
     */
    Outcome dispatch(PlainMessage message, Receipt delivered, Connection transaction);

    /** Whether a request handler is registered for {@code service}. */
    boolean responds(ServiceId service);

    /** Calls the request handler of the request's service; returns the signed response as Delivery JSON. */
    byte[] respond(PlainMessage request);
}
