package org.goldensdk.cxf.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.EOFException;
import java.io.IOException;
import org.goldensdk.core.BoundedInputStream;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.Problem;
import org.goldensdk.core.Redactor;

/**
 * The one place that decides what a failure means on the wire: which error code, which HTTP
 * status, which detail. Everything not recognised is {@link ErrorCode#INTERNAL}.
 */
final class Failures {

    private static final int MAX_CAUSE_DEPTH = 16;
    private static final int MAX_PARSER_MESSAGE = 200;
    private static final Redactor REDACTOR = Redactor.standard();

    private Failures() {
    }

    /** A failure as answered: the exception whose code and detail are sent, and the status. */
    record Answer(GoldenException exception, int status) {
        boolean isServerFault() {
            return status >= 500;
        }

        Problem problem(String requestId) {
            Problem problem = Problem.from(exception, requestId);
            return problem.status() == status ? problem : new Problem(problem.type(), problem.title(), status,
                    problem.detail(), problem.instance(), problem.code(), problem.requestId(), problem.findings());
        }
    }

    /** What {@code thrown}, raised while handling a request, is answered with. */
    static Answer classify(Throwable thrown) {
        Throwable cause = thrown;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof GoldenException golden) {
                return new Answer(golden, golden.code().httpStatus());
            }
            if (cause instanceof BoundedInputStream.LimitExceededException tooLarge) {
                return new Answer(MalformedInputException.tooLarge("the request body", tooLarge.limit()), 413);
            }
            if (cause instanceof JsonProcessingException json) {
                return new Answer(new MalformedInputException("the request body is not valid JSON for this operation: "
                        + parserMessage(json) + "; fix the body and send it again", null), 400);
            }
        }
        if (thrown instanceof WebApplicationException web && web.getResponse().getStatus() >= 400) {
            return forStatus(web.getResponse().getStatus());
        }
        return internal();
    }

    /**
     * Whether {@code thrown} means the client went away (hung up mid-request or mid-answer: Jetty's
     * {@code EofException}, a broken pipe, a reset) rather than a fault of this server.
     */
    static boolean isClientGone(Throwable thrown) {
        Throwable cause = thrown;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof EOFException) {
                return true;
            }
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof IOException && (message.contains("Broken pipe") || message.contains("Connection reset by peer"))) {
                return true;
            }
        }
        return false;
    }

    /** What an error status raised by the HTTP or JAX-RS layer (no exception of ours) is answered with. */
    static Answer forStatus(int status) {
        return switch (status) {
            case 404 -> new Answer(new NotFoundException("nothing is served at this path; check the base URI and the path"), 404);
            case 405 -> new Answer(new NotFoundException("this path does not accept this HTTP method; see the Allow header"), 405);
            case 406 -> new Answer(new MalformedInputException("no answer in the accepted media types is available; accept application/json", null), 406);
            case 413 -> new Answer(new MalformedInputException(ErrorCode.PAYLOAD_TOO_LARGE, "the request is too large; send less", (Throwable) null), 413);
            case 415 -> new Answer(new MalformedInputException("this media type is not accepted here; send application/json", null), 415);
            default -> {
                ErrorCode code = status >= 500 ? ErrorCode.INTERNAL : Problem.forStatus(status, null).errorCode();
                yield new Answer(new GoldenException(code, "the request was refused with HTTP status " + status), status);
            }
        };
    }

    static Answer internal() {
        return new Answer(new GoldenException(ErrorCode.INTERNAL, "unexpected failure"), 500);
    }

    /** {@code text} with personal data masked, for log lines and details. */
    static String redact(String text) {
        return REDACTOR.redact(text);
    }

    private static String parserMessage(JsonProcessingException json) {
        String message = String.valueOf(json.getOriginalMessage());
        int lineBreak = message.indexOf('\n');
        if (lineBreak >= 0) {
            message = message.substring(0, lineBreak);
        }
        if (message.length() > MAX_PARSER_MESSAGE) {
            message = message.substring(0, MAX_PARSER_MESSAGE) + "…";
        }
        String location = json.getLocation() == null ? ""
                : " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
        return redact(message) + location;
    }
}
