package org.goldensdk.core.internal.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.TransportException;

/** The two {@link HttpResponse} forms: fully read, or streamed from the open connection. */
final class HttpResponses {
    private HttpResponses() {
    }

    /** Case-insensitive, immutable copy of {@code headers}. */
    static Map<String, List<String>> headers(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    static HttpResponse buffered(int status, Map<String, List<String>> headers, String requestId, byte[] body) {
        return new Base(status, headers, requestId) {
            @Override
            public InputStream body() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public byte[] bodyBytes() {
                return body.clone();
            }

            @Override
            public void close() {
                // Nothing is held open: the body was read and the connection released.
            }
        };
    }

    static HttpResponse streaming(int status, Map<String, List<String>> headers, String requestId, InputStream body,
            Runnable release) {
        return new Base(status, headers, requestId) {
            @Override
            public InputStream body() {
                return body;
            }

            @Override
            public byte[] bodyBytes() {
                try (InputStream in = body) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new TransportException("reading the streamed response body failed; the answer is incomplete", e, false);
                }
            }

            @Override
            public void close() {
                release.run();
            }
        };
    }

    private abstract static class Base implements HttpResponse {
        private final int status;
        private final Map<String, List<String>> headers;
        private final String requestId;

        Base(int status, Map<String, List<String>> headers, String requestId) {
            this.status = status;
            this.headers = headers;
            this.requestId = requestId;
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public Map<String, List<String>> headers() {
            return headers;
        }

        @Override
        public String requestId() {
            return requestId;
        }
    }
}
