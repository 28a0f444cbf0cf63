package org.goldensdk.sandbox.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.Problem;
import org.goldensdk.cxf.MaxRequestBytes;
import org.goldensdk.cxf.RestApi;
import org.goldensdk.cxf.TlsCaller;

/**
 * The hub's REST API ({@code docs/exchange/openapi.yaml}), served under {@code /exchange/v1}.
 * Every caller is the TLS client certificate it presented (the server refuses callers without one).
 */
@Path("/")
public final class HubResource {
    /** The header of a pulled delivery: {@code message} (acknowledge it) or {@code request} (answer it). */
    static final String KIND_HEADER = "Golden-Delivery-Kind";
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

    /**
     * {@code PUT /attachments/{digest}}: stream an attachment into the hub before submitting the
     * envelope that lists it; 204 once stored (also when it was stored before). The API's body limit
     * does not apply: the hub's per-attachment limit does, while streaming.
     */
    @PUT
    @Path("attachments/{digest}")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @MaxRequestBytes(1L << 40)
    public Response upload(@PathParam("digest") String digest, InputStream body, @Context HttpServletRequest request) {
        hub.upload(TlsCaller.require(request).certificate(), digest, body);
        return Response.noContent().build();
    }

    /**
     * {@code GET /attachments/{digest}}: streams an attachment of a message addressed to the caller
     * from the spool (never held in memory); 404 for anyone else.
     */
    @GET
    @Path("attachments/{digest}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@PathParam("digest") String digest, @Context HttpServletRequest request) {
        java.nio.file.Path file = hub.download(TlsCaller.require(request).certificate(), digest);
        return Response.ok((StreamingOutput) out -> Files.copy(file, out), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", file.toFile().length()).build();
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
        Optional<HubService.Pulled> pulled = hub.pull(TlsCaller.require(request).certificate(), party, wait);
        if (pulled.isEmpty()) {
            return Response.noContent().build();
        }
        byte[] delivery = pulled.get().delivery();
        return Response.ok((StreamingOutput) out -> out.write(delivery), MediaType.APPLICATION_JSON_TYPE)
                .header(KIND_HEADER, pulled.get().isRequest() ? "request" : "message").build();
    }

    /** {@code POST /requests}: ask a provider; 200 with its verified response, 504 when it did not answer in time. */
    @POST
    @Path("requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(InputStream body, @Context HttpServletRequest request) {
        HubService.Answered answered = hub.request(TlsCaller.require(request).certificate(), body);
        if (answered.error() != null) {
            return problem(answered.status(), answered.error(), RestApi.requestId(request)).build();
        }
        return Response.ok((StreamingOutput) out -> out.write(answered.response()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code POST /responses}: a pulling provider answers a request it fetched; 204. */
    @POST
    @Path("responses")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response respond(InputStream body, @Context HttpServletRequest request) {
        hub.respond(TlsCaller.require(request).certificate(), body);
        return Response.noContent().build();
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
        Response.ResponseBuilder response = problem(fault.status(),
                new GoldenException(code, "the hub is unavailable (an injected fault); retry later"), requestId);
        fault.retryAfter().ifPresent(wait -> response.header("Retry-After", Long.toString(wait.toSeconds())));
        return response.build();
    }

    /** A problem+json answer for {@code error} with a status other than its code's usual one. */
    private static Response.ResponseBuilder problem(int status, GoldenException error, String requestId) {
        Problem problem = Problem.from(error, requestId);
        Problem answered = new Problem(problem.type(), problem.title(), status, problem.detail(), null,
                problem.code(), requestId, List.of());
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(answered).header(HttpRequest.REQUEST_ID_HEADER, requestId);
    }
}
