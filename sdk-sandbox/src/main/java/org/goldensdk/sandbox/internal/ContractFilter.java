package org.goldensdk.sandbox.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Captures every request the hub's REST API serves and every answer it gives, and hands them to a
 * {@link ContractCheck}. The request body is buffered after the API's body limit has been applied
 * (this filter runs after it), so the buffer is bounded by that limit; the answer body is copied
 * as it is written. Nothing about the traffic changes.
 */
@Provider
@Priority(Priorities.USER)
public final class ContractFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {
    private static final String EXCHANGE = ContractFilter.class.getName() + ".exchange";
    private static final String STATUS = ContractFilter.class.getName() + ".status";
    private static final String CONTENT_TYPE = ContractFilter.class.getName() + ".contentType";
    private static final byte[] STREAMED_BODY = "(streamed)".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final String HEADERS = ContractFilter.class.getName() + ".headers";

    private final ContractCheck check;

    /** A filter reporting to {@code check}. */
    public ContractFilter(ContractCheck check) {
        this.check = check;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        byte[] body = new byte[0];
        if (request.hasEntity() && MediaType.APPLICATION_OCTET_STREAM_TYPE.isCompatible(request.getMediaType())) {
            // A binary upload (an attachment, up to the hub's attachment limit) is streamed, never buffered:
            // the document says only that it is binary, so a stand-in shows the validator that a body came.
            body = STREAMED_BODY;
        } else if (request.hasEntity()) {
            body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        ContractCheck.Exchange exchange = exchange(request, body);
        request.setProperty(EXCHANGE, exchange);
        check.request(exchange);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        // A request refused before this filter's request side ran (e.g. by the body limit) was not captured.
        ContractCheck.Exchange exchange = request.getProperty(EXCHANGE) instanceof ContractCheck.Exchange captured
                ? captured : exchange(request, new byte[0]);
        String contentType = response.getMediaType() == null ? null : response.getMediaType().toString();
        Map<String, List<String>> headers = new LinkedHashMap<>(response.getStringHeaders());
        if (!response.hasEntity()) {
            check.response(exchange, response.getStatus(), contentType, headers, new byte[0]);
            return;
        }
        request.setProperty(HEADERS, headers);
        request.setProperty(EXCHANGE, exchange);
        request.setProperty(STATUS, response.getStatus());
        request.setProperty(CONTENT_TYPE, contentType);
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getProperty(EXCHANGE) instanceof ContractCheck.Exchange exchange)
                || !(context.getProperty(STATUS) instanceof Integer status)) {
            context.proceed();
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) context.getProperty(HEADERS);
        String contentType = (String) context.getProperty(CONTENT_TYPE);
        if (contentType != null && MediaType.APPLICATION_OCTET_STREAM_TYPE.isCompatible(MediaType.valueOf(contentType))) {
            // A binary download (an attachment) is streamed, never copied, like an upload.
            context.proceed();
            check.response(exchange, status, contentType, headers == null ? Map.of() : headers, STREAMED_BODY);
            return;
        }
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        OutputStream out = context.getOutputStream();
        context.setOutputStream(new TeeStream(out, copy));
        try {
            context.proceed();
        } finally {
            context.setOutputStream(out);
        }
        check.response(exchange, status, contentType, headers == null ? Map.of() : headers, copy.toByteArray());
    }

    private static ContractCheck.Exchange exchange(ContainerRequestContext request, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> {
            // Content-Length is the transport's business; the validator reads the body itself.
            if (!HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                headers.put(name, values.stream().filter(Objects::nonNull).toList());
            }
        });
        String path = request.getUriInfo().getPath(false);
        return new ContractCheck.Exchange(request.getMethod(), path.startsWith("/") ? path : "/" + path,
                copy(request.getUriInfo().getQueryParameters(true)), headers, body);
    }

    private static Map<String, List<String>> copy(MultivaluedMap<String, String> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((name, list) -> copy.put(name, list.stream().filter(Objects::nonNull).toList()));
        return copy;
    }

    /** Writes to the real answer and to a copy. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream out;
        private final ByteArrayOutputStream copy;

        TeeStream(OutputStream out, ByteArrayOutputStream copy) {
            this.out = out;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            copy.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            copy.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
