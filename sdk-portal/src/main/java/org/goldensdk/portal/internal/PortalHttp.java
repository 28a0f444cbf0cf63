package org.goldensdk.portal.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.Letter;
import org.goldensdk.portal.ServiceGuide;

/** The portal API's requests over one core {@link HttpTransport}: JSON in and out, problem+json errors as typed exceptions. */
public final class PortalHttp implements AutoCloseable {
    private static final String JSON = "application/json";

    /** A page of articles as the API writes it. */
    public record ArticlePage(List<Article> items, int page, int size, long total) {
    }

    /** A list of service guides as the API writes it. */
    public record GuideList(List<ServiceGuide> items) {
    }

    /** A list of letters as the API writes it. */
    public record LetterList(List<Letter> items) {
    }

    /** The body of a withdrawal. */
    public record Withdrawal(String reason) {
    }

    /** The body of a reply. */
    public record Reply(String reply) {
    }

    private final HttpTransport transport;
    private final JsonCodec json = JsonCodec.of();

    /** Requests over {@code transport}, which this object closes. */
    public PortalHttp(HttpTransport transport) {
        this.transport = transport;
    }

    /** GETs {@code path} and binds the answer. */
    public <T> T get(String path, Class<T> type) {
        return call(HttpRequest.get(path), type);
    }

    /** Sends {@code body} as JSON with {@code method}; {@code once} marks a create: an idempotency key makes retries safe. */
    public <T> T send(String method, String path, Object body, Class<T> type, boolean once) {
        HttpRequest.Builder request = HttpRequest.builder(method, path).body(HttpBody.of(json.write(body), JSON));
        if (once) {
            request.header(HttpRequest.IDEMPOTENCY_KEY_HEADER, UUID.randomUUID().toString());
        } else {
            request.idempotent(true);
        }
        return call(request.build(), type);
    }

    /** POSTs a streamed body; the server treats a repeat of the same upload at the same version as a conflict-free no-op. */
    public <T> T upload(String path, HttpBody body, Class<T> type) {
        return call(HttpRequest.builder("POST", path).body(body)
                .header(HttpRequest.IDEMPOTENCY_KEY_HEADER, UUID.randomUUID().toString()).build(), type);
    }

    private <T> T call(HttpRequest request, Class<T> type) {
        try (HttpResponse response = transport.execute(request)) {
            return json.read(response.bodyBytes(), type);
        }
    }

    /** {@code path} with the non-null query parameters, URL-encoded in UTF-8. */
    public static String withQuery(String path, Map<String, Object> parameters) {
        Map<String, Object> present = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        if (present.isEmpty()) {
            return path;
        }
        return path + "?" + present.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue().toString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** One path segment, URL-encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        transport.close();
    }
}
