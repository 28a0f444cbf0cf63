package org.goldensdk.cxf;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.cxf.internal.GoldenProviders;
import org.goldensdk.cxf.internal.JaxrsServlets;
import org.goldensdk.cxf.internal.RequestIds;

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
    private final List<Object> providers;
    private final long maxRequestBytes;

    private RestApi(List<Object> resources, List<Object> providers, long maxRequestBytes) {
        this.resources = resources;
        this.providers = providers;
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
        return new RestApi(list, List.of(), DEFAULT_MAX_REQUEST_BYTES);
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
        return new RestApi(resources, providers, limit);
    }

    /**
     * This API with additional JAX-RS provider objects (filters, interceptors, annotated with
     * {@code @Provider}), served after the SDK's own: they see every request that reaches the
     * API's resources and every answer, errors included. They must be thread-safe.
     */
    public RestApi withProviders(Object... providers) {
        List<Object> added = Arrays.stream(providers).map(provider -> Objects.requireNonNull(provider, "provider")).toList();
        List<Object> all = new ArrayList<>(this.providers);
        all.addAll(added);
        return new RestApi(resources, List.copyOf(all), maxRequestBytes);
    }

    /** The additional provider objects, in the order given; empty unless {@link #withProviders} added some. */
    public List<Object> providers() {
        return providers;
    }

    /**
     * The request id of {@code request}, a request this API is serving: the id its log lines carry
     * and its answer's {@code X-Request-Id}, for a resource that writes a problem answer itself.
     *
     * @throws IllegalStateException if the request is not being served by a {@code RestApi}
     */
    public static String requestId(HttpServletRequest request) {
        String id = RequestIds.of(request);
        if (id == null) {
            throw new IllegalStateException("the request is not being served by a RestApi: it has no request id");
        }
        return id;
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
        return JaxrsServlets.create(resources, GoldenProviders.create(maxRequestBytes, providers));
    }

    @Override
    public String toString() {
        return "RestApi[resources=" + resources.stream().map(resource -> resource.getClass().getSimpleName()).toList()
                + ", maxRequestBytes=" + maxRequestBytes + "]";
    }
}
