package org.goldensdk.core;

/**
 * Input could not be parsed safely: malformed, hostile (DTD, external entity, entity expansion,
 * excessive nesting) or larger than the limit ({@link ErrorCode#PAYLOAD_TOO_LARGE}). Nothing of
 * the input was used.
 */
public class MalformedInputException extends GoldenException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for unparseable or hostile input. */
    public MalformedInputException(String message, Throwable cause) {
        super(ErrorCode.MALFORMED_INPUT, message, cause);
    }

    /** Creates the exception with an explicit code, {@code MALFORMED_INPUT} or {@code PAYLOAD_TOO_LARGE}. */
    public MalformedInputException(ErrorCode code, String message, Throwable cause) {
        super(requireInputCode(code), message, cause);
    }

    /** Creates the exception as reported by a remote party. */
    public MalformedInputException(ErrorCode code, String message, RemoteDetails remote) {
        super(requireInputCode(code), message, null, remote);
    }

    /** Creates the exception for input larger than {@code limitBytes}. */
    public static MalformedInputException tooLarge(String what, long limitBytes) {
        return new MalformedInputException(ErrorCode.PAYLOAD_TOO_LARGE,
                what + " exceeds the limit of " + limitBytes + " bytes; send less or raise the limit", (Throwable) null);
    }

    private static ErrorCode requireInputCode(ErrorCode code) {
        if (code != ErrorCode.MALFORMED_INPUT && code != ErrorCode.PAYLOAD_TOO_LARGE) {
            throw new IllegalArgumentException("not an input error code: " + code);
        }
        return code;
    }
}
