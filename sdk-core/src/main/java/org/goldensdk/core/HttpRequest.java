package org.goldensdk.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A request to send through an {@link HttpTransport}: method, path relative to the transport's base
 * URI, headers, optional body, and whether repeating it is safe. Immutable and thread-safe.
 *
 * <p>A request is retry-safe when its method is idempotent (GET, HEAD, PUT, DELETE, OPTIONS), it
 * is marked {@link Builder#idempotent(boolean) idempotent}, or it carries an
 * {@code Idempotency-Key} header.
 */
public final class HttpRequest {

    /** The header carrying the request id, kept the same across retries. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** The header marking a request as safely repeatable by the server. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
    private static final Set<String> TRANSPORT_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", REQUEST_ID_HEADER.toLowerCase(Locale.ROOT));
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern REQUEST_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final HttpBody body;
    private final boolean idempotent;
    private final String requestId;

    private HttpRequest(Builder builder) {
        this.method = builder.method;
        this.path = builder.path;
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        builder.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = builder.body;
        this.idempotent = builder.idempotent;
        this.requestId = builder.requestId;
    }

    /** A builder for {@code method} (upper case, e.g. {@code POST}) on {@code path} (relative, e.g. {@code envelopes/1}). */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /** A GET of {@code path}. */
    public static HttpRequest get(String path) {
        return builder("GET", path).build();
    }

    /** The HTTP method, upper case. */
    public String method() {
        return method;
    }

    /** The path (and query) relative to the transport's base URI. */
    public String path() {
        return path;
    }

    /** Headers, names case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The body, if any. */
    public Optional<HttpBody> body() {
        return Optional.ofNullable(body);
    }

    /** The caller-supplied request id; when absent the transport generates one per call. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Whether sending this request twice has the same effect as once. */
    public boolean isRetrySafe() {
        return idempotent || IDEMPOTENT_METHODS.contains(method) || headers.containsKey(IDEMPOTENCY_KEY_HEADER);
    }

    @Override
    public String toString() {
        // The path may hold personal data; only the method is printed.
        return "HttpRequest[" + method + ", retrySafe=" + isRetrySafe() + "]";
    }

    /** Builds an {@link HttpRequest}. Not thread-safe. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private HttpBody body;
        private boolean idempotent;
        private String requestId;

        private Builder(String method, String path) {
            Objects.requireNonNull(method, "method");
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("unsupported HTTP method '" + method + "'; use one of " + METHODS);
            }
            Objects.requireNonNull(path, "path");
            if (path.startsWith("/") || path.contains("://") || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("path must be relative to the base URI, without spaces or control"
                        + " characters (e.g. envelopes/1), not absolute");
            }
            this.method = method;
            this.path = path;
        }

        /** Adds a header value. Host, Content-Length, Transfer-Encoding, Connection and X-Request-Id are set by the transport. */
        public Builder header(String name, String value) {
            if (name == null || !TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid header name '" + name + "'");
            }
            if (TRANSPORT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(name + " is set by the transport; use requestId(...) for the request id");
            }
            Objects.requireNonNull(value, "value");
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("header " + name + " holds a line break or NUL");
            }
            headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            return this;
        }

        /** The body; GET, HEAD and OPTIONS take none. */
        public Builder body(HttpBody body) {
            if (Set.of("GET", "HEAD", "OPTIONS").contains(method)) {
                throw new IllegalArgumentException(method + " requests carry no body");
            }
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /** Declares the request safe to repeat even though its method is not idempotent. */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** The request id to send (1–128 visible ASCII characters); otherwise one is generated. */
        public Builder requestId(String requestId) {
            if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
                throw new IllegalArgumentException("request id must be 1-128 visible ASCII characters");
            }
            this.requestId = requestId;
            return this;
        }

        /** The request. */
        public HttpRequest build() {
            return new HttpRequest(this);
        }
    }
}
