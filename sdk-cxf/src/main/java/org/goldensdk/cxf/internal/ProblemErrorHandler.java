package org.goldensdk.cxf.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.Problem;

/**
 * Answers errors that Jetty raises itself (above all: no endpoint at this path) as problem+json
 * like every other error, never with Jetty's HTML page or stack traces.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private static final ObjectMapper MAPPER = JsonSupport.mapper(64 * 1024);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object status = request.getAttribute(ERROR_STATUS);
        int code = status instanceof Integer value ? value : response.getStatus();
        answer(request, response, callback, Failures.forStatus(code));
        return true;
    }

    /** Completes {@code response} with the problem+json body of {@code answer}. */
    static void answer(Request request, Response response, Callback callback, Failures.Answer answer) {
        String requestId = RequestIds.acceptOrCreate(request.getHeaders().get(HttpRequest.REQUEST_ID_HEADER));
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(HttpRequest.REQUEST_ID_HEADER, requestId);
        response.write(true, ByteBuffer.wrap(body(answer, requestId)), callback);
    }

    private static byte[] body(Failures.Answer answer, String requestId) {
        try {
            return MAPPER.writeValueAsBytes(answer.problem(requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem record always serialises", e);
        }
    }
}
