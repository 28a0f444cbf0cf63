package org.goldensdk.core;

/** The operation conflicts with the current state: a stale version, or the same id with different content. */
public class ConflictException extends GoldenException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what to do. */
    public ConflictException(String message) {
        super(ErrorCode.CONFLICT, message);
    }

    /** Creates the exception with a message and its cause. */
    public ConflictException(String message, Throwable cause) {
        super(ErrorCode.CONFLICT, message, cause);
    }

    /** Creates the exception as reported by a remote party. */
    public ConflictException(String message, RemoteDetails remote) {
        super(ErrorCode.CONFLICT, message, null, remote);
    }
}
