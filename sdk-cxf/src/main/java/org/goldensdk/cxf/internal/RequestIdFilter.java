package org.goldensdk.cxf.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.goldensdk.core.HttpRequest;
import org.slf4j.MDC;

/**
 * Gives every request an id before anything else runs: the caller's {@code X-Request-Id} when it is
 * well formed, otherwise a new one. The id is put in the MDC for the request's log lines and
 * echoed in the response.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String id = RequestIds.acceptOrCreate(request.getHeaderString(HttpRequest.REQUEST_ID_HEADER));
        request.setProperty(RequestIds.PROPERTY, id);
        MDC.put(RequestIds.MDC_KEY, id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(RequestIds.PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HttpRequest.REQUEST_ID_HEADER, id);
        }
        MDC.remove(RequestIds.MDC_KEY);
    }
}
