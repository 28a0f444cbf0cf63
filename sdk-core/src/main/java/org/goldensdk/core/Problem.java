package org.goldensdk.core;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An RFC 9457 problem detail as the SDK writes and reads it ({@code application/problem+json}),
 * and the one mapping between problems and the exception tree in both directions: a server turns
 * an exception into a problem with {@link #from(GoldenException, String)}, a client turns a problem
 * back into the same typed exception with {@link #toException()}.
 *
 * @param type a URI naming the problem type: {@code urn:goldensdk:problem:E_CONFLICT} for our codes
 * @param title a short summary of the problem type
 * @param status the HTTP status
 * @param detail an explanation of this occurrence, or null
 * @param instance a URI of this occurrence, or null
 * @param code our wire code ({@link ErrorCode#wireCode()}), or null when the server sent none
 * @param requestId the request id the server logged, or null
 * @param findings field-level findings of a validation or compliance failure; never null
 */
public record Problem(String type, String title, int status, String detail, String instance, String code,
        String requestId, List<Finding> findings) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private static final String TYPE_PREFIX = "urn:goldensdk:problem:";

    /** Copies the findings and checks the status is an HTTP error status. */
    public Problem {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /**
     * The problem a server answers for {@code exception}. Internal failures (configuration, crypto,
     * internal) get a generic detail so no server internals leak; the caller quotes the request id.
     */
    public static Problem from(GoldenException exception, String requestId) {
        ErrorCode code = exception.code();
        String detail = switch (code) {
            case INTERNAL, CONFIGURATION, CRYPTO, STORAGE -> "the server failed to process the request; quote the request id to its operators";
            default -> exception.getMessage();
        };
        List<Finding> findings = exception instanceof ValidationException validation ? validation.findings()
                : exception instanceof ComplianceException compliance ? compliance.findings() : List.of();
        return new Problem(TYPE_PREFIX + code.wireCode(), titleOf(code), code.httpStatus(), detail, null,
                code.wireCode(), requestId, findings);
    }

    /**
     * The problem implied by an error status alone, for error answers that carry no problem body
     * (a proxy's 502 page, a bare 404). {@link #code()} stays null: the server sent none.
     */
    public static Problem forStatus(int status, String requestId) {
        return new Problem("about:blank", "HTTP " + status, status, null, null, null, requestId, List.of());
    }

    /**
     * The error code this problem stands for: its wire code when it is one of ours, otherwise the
     * code usual for its status (401 authentication, 404 not found, 429 backpressure, 502–504
     * unavailable …), otherwise {@link ErrorCode#INTERNAL}.
     */
    public ErrorCode errorCode() {
        return ErrorCode.fromWireCode(code).orElseGet(() -> byStatus(status));
    }

    /** The request id, when the server sent one. */
    public Optional<String> requestIdIfPresent() {
        return Optional.ofNullable(requestId);
    }

    /**
     * The typed exception this problem stands for, carrying {@link RemoteDetails} (status, wire code
     * as received, request id, detail).
     */
    public GoldenException toException() {
        RemoteDetails remote = new RemoteDetails(status, code, requestId, detail);
        ErrorCode errorCode = errorCode();
        String message = describe(errorCode);
        return switch (errorCode) {
            case VALIDATION -> new ValidationException(findings, remote);
            case COMPLIANCE -> new ComplianceException(findings, remote);
            case CONFLICT -> new ConflictException(message, remote);
            case ACCESS_DENIED -> new AccessDeniedException(message, remote);
            case AUTHENTICATION -> new AuthenticationException(message, remote);
            case NOT_FOUND -> new NotFoundException(message, remote);
            case BACKPRESSURE -> new BackpressureException(message, remote);
            case SIGNATURE -> new SignatureException(message, remote);
            case MALFORMED_INPUT, PAYLOAD_TOO_LARGE -> new MalformedInputException(errorCode, message, remote);
            default -> new RemoteException(errorCode, message, remote);
        };
    }

    private String describe(ErrorCode errorCode) {
        StringBuilder message = new StringBuilder("the remote party answered ").append(status)
                .append(' ').append(code != null ? code : errorCode.wireCode());
        if (detail != null && !detail.isBlank()) {
            message.append(": ").append(detail);
        } else if (title != null && !title.isBlank()) {
            message.append(": ").append(title);
        }
        if (requestId != null) {
            message.append(" (request id ").append(requestId).append(')');
        }
        return message.toString();
    }

    private static ErrorCode byStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.MALFORMED_INPUT;
            case 401 -> ErrorCode.AUTHENTICATION;
            case 403 -> ErrorCode.ACCESS_DENIED;
            case 404, 410 -> ErrorCode.NOT_FOUND;
            case 409, 412 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 422 -> ErrorCode.VALIDATION;
            case 429 -> ErrorCode.BACKPRESSURE;
            case 502, 503, 504 -> ErrorCode.UNAVAILABLE;
            default -> ErrorCode.INTERNAL;
        };
    }

    private static String titleOf(ErrorCode code) {
        String words = code.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Whether {@code contentType} (a Content-Type header value, parameters allowed) is problem+json. */
    public static boolean isProblemMediaType(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].strip().equalsIgnoreCase(MEDIA_TYPE);
    }
}
