package org.goldensdk.core;

/** The caller could not be authenticated: credentials missing, expired, forged or replayed. */
public class AuthenticationException extends GoldenException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what to do. */
    public AuthenticationException(String message) {
        super(ErrorCode.AUTHENTICATION, message);
    }

    /** Creates the exception with a message and its cause. */
    public AuthenticationException(String message, Throwable cause) {
        super(ErrorCode.AUTHENTICATION, message, cause);
    }

    /** Creates the exception as reported by a remote party. */
    public AuthenticationException(String message, RemoteDetails remote) {
        super(ErrorCode.AUTHENTICATION, message, null, remote);
    }
}
