package org.goldensdk.core;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one set of error codes the SDK uses locally and on the wire. REST errors carry
 * {@link #wireCode()} in RFC 9457 problem+json, SOAP faults carry the same code, and a client maps
 * a remote code back to the same typed exception.
 */
public enum ErrorCode {
    /** Input broke a rule; the findings say which field and which rule. */
    VALIDATION("E_VALIDATION", 400, false),
    /** Input could not be parsed, or was hostile (DTD, entity expansion, excessive nesting). */
    MALFORMED_INPUT("E_MALFORMED_INPUT", 400, false),
    /** Input was larger than the configured limit. */
    PAYLOAD_TOO_LARGE("E_PAYLOAD_TOO_LARGE", 413, false),
    /** A signature, digest or certificate did not verify. */
    SIGNATURE("E_SIGNATURE", 400, false),
    /** The caller could not be authenticated (no, expired or forged credentials). */
    AUTHENTICATION("E_AUTHENTICATION", 401, false),
    /** The caller is authenticated but not allowed to do this. */
    ACCESS_DENIED("E_ACCESS_DENIED", 403, false),
    /** The addressed resource does not exist. */
    NOT_FOUND("E_NOT_FOUND", 404, false),
    /** The request conflicts with the current state (stale version, same id with other content). */
    CONFLICT("E_CONFLICT", 409, false),
    /** The content failed the publication compliance gate. */
    COMPLIANCE("E_COMPLIANCE", 422, false),
    /** The receiver is saturated; retry later. */
    BACKPRESSURE("E_BACKPRESSURE", 429, true),
    /** The configuration is missing a value or holds an invalid one. */
    CONFIGURATION("E_CONFIGURATION", 500, false),
    /** A cryptographic operation failed for a reason other than a bad signature (bad key, wrong suite). */
    CRYPTO("E_CRYPTO", 500, false),
    /** Local storage (a file, the outbox database) could not be read or written. */
    STORAGE("E_STORAGE", 500, true),
    /** The connection failed or timed out before an answer arrived. */
    TRANSPORT("E_TRANSPORT", 503, true),
    /** The remote side is temporarily unavailable. */
    UNAVAILABLE("E_UNAVAILABLE", 503, true),
    /** A party the remote side asked on the caller's behalf (a provider behind the hub) did not answer in time. */
    TIMEOUT("E_TIMEOUT", 504, true),
    /** An unexpected failure on the remote or local side. */
    INTERNAL("E_INTERNAL", 500, false);

    private static final Map<String, ErrorCode> BY_WIRE_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::wireCode, Function.identity()));

    private final String wireCode;
    private final int httpStatus;
    private final boolean retryable;

    ErrorCode(String wireCode, int httpStatus, boolean retryable) {
        this.wireCode = wireCode;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    /** The code as written on the wire, e.g. {@code E_CONFLICT}. */
    public String wireCode() {
        return wireCode;
    }

    /** The HTTP status a server answers with for this code. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether repeating the same request later may succeed. */
    public boolean isRetryable() {
        return retryable;
    }

    /** The code written as {@code wireCode} on the wire, if it is one of ours. */
    public static Optional<ErrorCode> fromWireCode(String wireCode) {
        return Optional.ofNullable(wireCode == null ? null : BY_WIRE_CODE.get(wireCode));
    }
}
