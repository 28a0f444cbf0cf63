package org.goldensdk.core;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A successful (status below 400) answer from an {@link HttpTransport}. Error statuses never
 * arrive here: they are thrown as the matching {@link GoldenException}. Close it to release the
 * connection; the body is limited to the transport's maximum response size and reading past it
 * throws {@link MalformedInputException} with {@link ErrorCode#PAYLOAD_TOO_LARGE}.
 */
public interface HttpResponse extends AutoCloseable {

    /** The HTTP status. */
    int status();

    /** The response headers, names case-insensitive. */
    Map<String, List<String>> headers();

    /** The first value of header {@code name}. */
    default Optional<String> header(String name) {
        List<String> values = headers().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The request id sent with the request (the same on every attempt). */
    String requestId();

    /** The body as a stream; may be called once. */
    InputStream body();

    /** The whole body. */
    byte[] bodyBytes();

    /** Releases the connection; idempotent. */
    @Override
    void close();
}
