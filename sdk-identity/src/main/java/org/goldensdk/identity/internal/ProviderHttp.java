package org.goldensdk.identity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.Scheduler;

/**
 * Talks to the provider's endpoints, which discovery names by absolute URI and may put on several
 * hosts: one core {@link HttpTransport} per origin, all built the same way (TLS, proxy, retries,
 * request ids), so identity traffic behaves like every other call of the SDK.
 */
public final class ProviderHttp implements AutoCloseable {

    /** Provider documents are small: 1 MiB bounds a JWKS with hundreds of keys. */
    private static final JsonCodec JSON = JsonCodec.of(CodecLimits.builder().maxInputBytes(1024 * 1024).build());

    private final Scheduler scheduler;
    private final Consumer<HttpTransport.Builder> customizer;
    private final Map<String, HttpTransport> transports = new ConcurrentHashMap<>();

    public ProviderHttp(Scheduler scheduler, Consumer<HttpTransport.Builder> customizer) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.customizer = Objects.requireNonNull(customizer, "customizer");
    }

    /** GETs {@code uri} and parses the answer as JSON. */
    public JsonNode getJson(URI uri) {
        HttpRequest request = HttpRequest.builder("GET", relative(uri)).header("Accept", "application/json").build();
        return json(transport(uri).execute(request));
    }

    /** GETs {@code uri} and returns the body. */
    public byte[] get(URI uri, String accept) {
        HttpRequest request = HttpRequest.builder("GET", relative(uri)).header("Accept", accept).build();
        try (HttpResponse response = transport(uri).execute(request)) {
            return response.bodyBytes();
        }
    }

    /**
     * POSTs {@code form} (application/x-www-form-urlencoded) with the extra {@code headers} and
     * parses the JSON answer. Token and introspection requests are safe to repeat, so the transport
     * may retry them.
     */
    public JsonNode postForm(URI uri, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.builder("POST", relative(uri)).idempotent(true)
                .header("Accept", "application/json")
                .body(HttpBody.of(formEncode(form).getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded"));
        headers.forEach(request::header);
        return json(transport(uri).execute(request.build()));
    }

    /** {@code application/x-www-form-urlencoded} of {@code form}, in its iteration order. */
    public static String formEncode(Map<String, String> form) {
        StringBuilder encoded = new StringBuilder();
        form.forEach((name, value) -> {
            if (encoded.length() > 0) {
                encoded.append('&');
            }
            encoded.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return encoded.toString();
    }

    /**
     * {@code failure} as an {@link AuthenticationException} when the provider refused the request
     * (a 4xx: bad client credentials, an unknown or used code), otherwise unchanged (transport
     * failures and 5xx stay retryable).
     */
    public static GoldenException refusal(GoldenException failure, String what) {
        boolean refused = failure.remote().map(remote -> remote.status() >= 400 && remote.status() < 500).orElse(false);
        return refused ? new AuthenticationException(what + ": " + failure.getMessage(), failure) : failure;
    }

    private static JsonNode json(HttpResponse answer) {
        try (HttpResponse response = answer) {
            return JSON.readTree(response.bodyBytes());
        }
    }

    private HttpTransport transport(URI uri) {
        String origin = uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority() + "/";
        return transports.computeIfAbsent(origin, key -> {
            HttpTransport.Builder builder = HttpTransport.builder();
            customizer.accept(builder);
            return builder.baseUri(URI.create(key)).scheduler(scheduler).build();
        });
    }

    private static String relative(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return uri.getRawQuery() == null ? relative : relative + "?" + uri.getRawQuery();
    }

    @Override
    public void close() {
        transports.values().forEach(HttpTransport::close);
        transports.clear();
    }
}
