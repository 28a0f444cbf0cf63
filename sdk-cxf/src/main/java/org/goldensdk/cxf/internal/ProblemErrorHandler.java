package org.goldensdk.cxf.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.Problem;

/**
 * Answers errors that Jetty raises itself (no context at this path, unparseable request line or
 * headers) as problem+json like every other error, never with Jetty's HTML page or stack traces.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private static final ObjectMapper MAPPER = JsonSupport.mapper(64 * 1024);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = RequestIds.acceptOrCreate(request.getHeaders().get(HttpRequest.REQUEST_ID_HEADER));
        Object status = request.getAttribute(ERROR_STATUS);
        int code = status instanceof Integer value ? value : response.getStatus();
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(HttpRequest.REQUEST_ID_HEADER, requestId);
        response.write(true, ByteBuffer.wrap(body(code, requestId)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = RequestIds.acceptOrCreate(null);
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        fields.put(HttpRequest.REQUEST_ID_HEADER, requestId);
        return ByteBuffer.wrap(body(status, requestId));
    }

    private static byte[] body(int status, String requestId) {
        try {
            return MAPPER.writeValueAsBytes(Failures.forStatus(status).problem(requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem record always serialises", e);
        }
    }
}
