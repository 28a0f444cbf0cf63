package org.goldensdk.cxf.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import org.goldensdk.core.BoundedInputStream;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.cxf.MaxRequestBytes;

/**
 * Enforces the request body limit of the matched resource method ({@link MaxRequestBytes} on the
 * method, else on its class, else the API's): a larger Content-Length is refused before the
 * resource runs, and a body without one (chunked) is cut off one byte past the limit.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 50)
final class BodyLimitFilter implements ContainerRequestFilter {

    private final long defaultLimit;

    @Context
    private ResourceInfo resourceInfo;

    BodyLimitFilter(long defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = limitFor(resourceInfo.getResourceMethod(), resourceInfo.getResourceClass());
        String announced = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (announced != null && exceeds(announced, limit)) {
            throw MalformedInputException.tooLarge("the request body", limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(BoundedInputStream.of(request.getEntityStream(), limit));
        }
    }

    private long limitFor(Method method, Class<?> resourceClass) {
        MaxRequestBytes annotation = method == null ? null : method.getAnnotation(MaxRequestBytes.class);
        if (annotation == null && resourceClass != null) {
            annotation = resourceClass.getAnnotation(MaxRequestBytes.class);
        }
        if (annotation == null) {
            return defaultLimit;
        }
        if (annotation.value() <= 0) {
            throw new ConfigurationException("maxRequestBytes", "@MaxRequestBytes on " + (method != null ? method : resourceClass)
                    + " must be positive, got " + annotation.value());
        }
        return annotation.value();
    }

    private static boolean exceeds(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.strip()) > limit;
        } catch (NumberFormatException e) {
            // Jetty has already refused a malformed Content-Length; anything left is absurdly long.
            return true;
        }
    }
}
