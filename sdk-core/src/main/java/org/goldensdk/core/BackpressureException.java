package org.goldensdk.core;

/** The receiver (or the local outbox) is saturated; slow down and retry later. */
public class BackpressureException extends GoldenException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what to do. */
    public BackpressureException(String message) {
        super(ErrorCode.BACKPRESSURE, message);
    }

    /** Creates the exception with a message and its cause. */
    public BackpressureException(String message, Throwable cause) {
        super(ErrorCode.BACKPRESSURE, message, cause);
    }

    /** Creates the exception as reported by a remote party. */
    public BackpressureException(String message, RemoteDetails remote) {
        super(ErrorCode.BACKPRESSURE, message, null, remote);
    }
}
