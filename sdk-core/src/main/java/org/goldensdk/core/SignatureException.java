package org.goldensdk.core;

/** A signature, digest or certificate failed verification; the message names what failed. */
public class SignatureException extends GoldenException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what to do. */
    public SignatureException(String message) {
        super(ErrorCode.SIGNATURE, message);
    }

    /** Creates the exception with a message and its cause. */
    public SignatureException(String message, Throwable cause) {
        super(ErrorCode.SIGNATURE, message, cause);
    }

    /** Creates the exception as reported by a remote party. */
    public SignatureException(String message, RemoteDetails remote) {
        super(ErrorCode.SIGNATURE, message, null, remote);
    }
}
