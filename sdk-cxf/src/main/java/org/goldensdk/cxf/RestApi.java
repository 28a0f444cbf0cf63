package org.goldensdk.cxf;

import jakarta.servlet.http.HttpServlet;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.cxf.internal.GoldenProviders;
import org.goldensdk.cxf.internal.JaxrsServlets;

/**
 * A set of JAX-RS resource objects served together with the SDK's server behaviour: JSON through a
 * safely configured Jackson, a request id per request ({@code X-Request-Id}, in the SLF4J MDC as
 * {@code requestId}), a request body limit, and every error answered as RFC 9457
 * {@code application/problem+json} with the SDK's error codes. Serve it on a {@link GoldenServer}
 * port or mount {@link #servlet()} in a servlet container. Immutable and thread-safe (the resource
 * objects are shared by all requests and must be thread-safe themselves).
 */
public final class RestApi {

    /** The default request body limit: 16 MiB. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    private final List<Object> resources;
    private final long maxRequestBytes;

    private RestApi(List<Object> resources, long maxRequestBytes) {
        this.resources = resources;
        this.maxRequestBytes = maxRequestBytes;
    }

    /**
     * An API serving {@code resources} (objects of classes annotated with {@code @Path}) with the
     * {@link #DEFAULT_MAX_REQUEST_BYTES default body limit}.
     *
     * @throws ConfigurationException if no resource is given or two are of the same class
     */
    public static RestApi of(Object... resources) {
        List<Object> list = Arrays.stream(resources).map(resource -> Objects.requireNonNull(resource, "resource")).toList();
        if (list.isEmpty()) {
            throw new ConfigurationException("resources", "a REST API needs at least one resource object");
        }
        if (list.stream().map(Object::getClass).distinct().count() != list.size()) {
            throw new ConfigurationException("resources", "two resource objects share a class; JAX-RS serves one object per class");
        }
        return new RestApi(list, DEFAULT_MAX_REQUEST_BYTES);
    }

    /**
     * This API with another request body limit; {@link MaxRequestBytes} on a resource overrides it.
     *
     * @throws ConfigurationException if {@code limit} is not positive
     */
    public RestApi withMaxRequestBytes(long limit) {
        if (limit <= 0) {
            throw new ConfigurationException("maxRequestBytes", "the request body limit must be positive, got " + limit);
        }
        return new RestApi(resources, limit);
    }

    /** The resource objects, in the order given. */
    public List<Object> resources() {
        return resources;
    }

    /** The request body limit in bytes for resources without {@link MaxRequestBytes}. */
    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    /**
     * A new servlet serving this API, for a department's own servlet container (Servlet 6.1,
     * {@code jakarta.servlet}). Map it to a path such as {@code /exchange/*}; resource paths are
     * relative to the mapping. Mutual TLS, if any, is the container's job: {@link TlsCaller} reads
     * the certificate the container validated. Each call creates an independent servlet.
     */
    public HttpServlet servlet() {
        return JaxrsServlets.create(resources, GoldenProviders.create(maxRequestBytes));
    }

    @Override
    public String toString() {
        return "RestApi[resources=" + resources.stream().map(resource -> resource.getClass().getSimpleName()).toList()
                + ", maxRequestBytes=" + maxRequestBytes + "]";
    }
}
