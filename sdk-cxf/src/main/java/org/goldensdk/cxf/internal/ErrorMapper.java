package org.goldensdk.cxf.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every exception that leaves a resource, filter or body reader as
 * {@code application/problem+json} (see {@link Failures}). Server faults are logged with the
 * request id and redacted messages; the answer never carries their message or stack. A client that
 * hung up is logged at DEBUG in one line.
 */
@Provider
final class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Context
    private HttpServletRequest request;

    @Override
    public Response toResponse(Throwable thrown) {
        if (thrown instanceof WebApplicationException web && web.getResponse().getStatus() < 400) {
            return web.getResponse();
        }
        String requestId = requestId();
        Failures.Answer answer = Failures.classify(thrown);
        if (answer.isServerFault() && Failures.isClientGone(thrown)) {
            // A client hanging up is not a server error; nobody reads the answer either.
            LOG.debug("request {}: the client went away before the exchange completed ({})", requestId,
                    thrown.getClass().getSimpleName());
        } else if (answer.isServerFault()) {
            LOG.error("request {} failed unexpectedly", requestId, RedactedThrowable.of(thrown));
        } else {
            LOG.debug("request {} refused: {} {}", requestId, answer.status(), answer.exception().code().wireCode());
        }
        Response.ResponseBuilder response = Response.status(answer.status())
                .type(Problem.MEDIA_TYPE)
                .header(HttpRequest.REQUEST_ID_HEADER, requestId)
                .entity(answer.problem(requestId));
        if (thrown instanceof WebApplicationException web && web.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            response.header(HttpHeaders.ALLOW, web.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return response.build();
    }

    private String requestId() {
        String id = RequestIds.of(request);
        return id != null ? id : RequestIds.acceptOrCreate(request.getHeader(HttpRequest.REQUEST_ID_HEADER));
    }
}
