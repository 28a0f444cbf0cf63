package org.goldensdk.core;

/** The caller is authenticated but not permitted to perform the operation. */
public class AccessDeniedException extends GoldenException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what to do. */
    public AccessDeniedException(String message) {
        super(ErrorCode.ACCESS_DENIED, message);
    }

    /** Creates the exception with a message and its cause. */
    public AccessDeniedException(String message, Throwable cause) {
        super(ErrorCode.ACCESS_DENIED, message, cause);
    }

    /** Creates the exception as reported by a remote party. */
    public AccessDeniedException(String message, RemoteDetails remote) {
        super(ErrorCode.ACCESS_DENIED, message, null, remote);
    }
}
