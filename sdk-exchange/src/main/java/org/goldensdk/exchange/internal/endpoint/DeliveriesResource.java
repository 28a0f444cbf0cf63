package org.goldensdk.exchange.internal.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.goldensdk.cxf.TlsCaller;

/**
 * {@code POST /deliveries} and {@code POST /request-deliveries} of docs/exchange/openapi.yaml: the hub
 * pushes a message, or a request to answer, to this receiver.
 */
@Path("/")
public final class DeliveriesResource {

    private final DeliveryProcessor processor;

    /** A resource handing every delivery to {@code processor}. */
    public DeliveriesResource(DeliveryProcessor processor) {
        this.processor = processor;
    }

    /** Verifies, deduplicates and handles the delivery; answers {@code {"receipts":[…]}}. */
    @POST
    @Path("deliveries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] deliver(InputStream body, @Context HttpServletRequest request) {
        return processor.deliver(TlsCaller.require(request).chain(), body);
    }

    /** Verifies the request and answers the provider's signed response as a Delivery. */
    @POST
    @Path("request-deliveries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] respond(InputStream body, @Context HttpServletRequest request) {
        return processor.respond(TlsCaller.require(request).chain(), body);
    }
}
