package org.goldensdk.sandbox.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.Problem;
import org.goldensdk.cxf.RestApi;
import org.goldensdk.cxf.TlsCaller;

/**
 * The hub's REST API ({@code docs/exchange/openapi.yaml}), served under {@code /exchange/v1}.
 * Every caller is the TLS client certificate it presented (the server refuses callers without one).
 */
@Path("/")
public final class HubResource {
    private final HubService hub;
    private final FaultInjector faults;

    /** The API over {@code hub}, answering the faults {@code faults} plans. */
    public HubResource(HubService hub, FaultInjector faults) {
        this.hub = hub;
        this.faults = faults;
    }

    /** {@code POST /messages}: submit a delivery; 202 (stored) or 200 (resend) with the ACCEPTED receipt. */
    @POST
    @Path("messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(InputStream body, @Context HttpServletRequest request) {
        TlsCaller caller = TlsCaller.require(request);
        FaultInjector.Fault fault = faults.nextSubmission().orElse(null);
        if (fault != null) {
            return injected(fault, RestApi.requestId(request));
        }
        HubService.Submitted submitted = hub.submit(caller.certificate(), body);
        return Response.status(submitted.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity((StreamingOutput) out -> out.write(submitted.receipt())).build();
    }

    /** {@code GET /receipts?after=&limit=}: the caller's receipt feed. */
    @GET
    @Path("receipts")
    @Produces(MediaType.APPLICATION_JSON)
    public Response receipts(@QueryParam("after") String after, @QueryParam("limit") String limit,
            @Context HttpServletRequest request) {
        return Response.ok(hub.feed(TlsCaller.require(request).certificate(), after, limit)).build();
    }

    /** {@code GET /messages/{messageId}/receipts}: the receipts of one of the caller's messages. */
    @GET
    @Path("messages/{messageId}/receipts")
    @Produces(MediaType.APPLICATION_JSON)
    public Response messageReceipts(@PathParam("messageId") String messageId, @Context HttpServletRequest request) {
        return Response.ok(hub.messageReceipts(TlsCaller.require(request).certificate(), messageId)).build();
    }

    /** {@code GET /inbox?party=&wait=}: long-poll the caller's inbox; 200 with a Delivery, or 204 when nothing arrived. */
    @GET
    @Path("inbox")
    @Produces(MediaType.APPLICATION_JSON)
    public Response pull(@QueryParam("party") String party, @QueryParam("wait") String wait,
            @Context HttpServletRequest request) {
        Optional<HubStore.PushItem> item = hub.pull(TlsCaller.require(request).certificate(), party, wait);
        if (item.isEmpty()) {
            return Response.noContent().build();
        }
        byte[] delivery = Pusher.deliveryOf(item.get());
        return Response.ok((StreamingOutput) out -> out.write(delivery), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code POST /inbox/receipts}: the receiver's receipts for its messages (acknowledgement or later outcome); 204. */
    @POST
    @Path("inbox/receipts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response acknowledge(InputStream body, @Context HttpServletRequest request) {
        TlsCaller caller = TlsCaller.require(request);
        FaultInjector.Fault fault = faults.nextAcknowledgement().orElse(null);
        if (fault != null) {
            return injected(fault, RestApi.requestId(request));
        }
        hub.acknowledge(caller.certificate(), body);
        return Response.noContent().build();
    }

    private static Response injected(FaultInjector.Fault fault, String requestId) {
        ErrorCode code = fault.status() == 429 ? ErrorCode.BACKPRESSURE
                : fault.status() == 500 ? ErrorCode.INTERNAL : ErrorCode.UNAVAILABLE;
        Problem problem = Problem.from(new GoldenException(code, "the hub is unavailable (an injected fault); retry later"),
                requestId);
        Problem answered = new Problem(problem.type(), problem.title(), fault.status(), problem.detail(), null,
                problem.code(), requestId, List.of());
        Response.ResponseBuilder response = Response.status(fault.status()).type(Problem.MEDIA_TYPE).entity(answered);
        fault.retryAfter().ifPresent(wait -> response.header("Retry-After", Long.toString(wait.toSeconds())));
        response.header(HttpRequest.REQUEST_ID_HEADER, requestId);
        return response.build();
    }
}
