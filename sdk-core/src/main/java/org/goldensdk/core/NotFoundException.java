package org.goldensdk.core;

/** The addressed resource does not exist. */
public class NotFoundException extends GoldenException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what to do. */
    public NotFoundException(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }

    /** Creates the exception with a message and its cause. */
    public NotFoundException(String message, Throwable cause) {
        super(ErrorCode.NOT_FOUND, message, cause);
    }

    /** Creates the exception as reported by a remote party. */
    public NotFoundException(String message, RemoteDetails remote) {
        super(ErrorCode.NOT_FOUND, message, null, remote);
    }
}
