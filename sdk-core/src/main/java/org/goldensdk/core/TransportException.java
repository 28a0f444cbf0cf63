package org.goldensdk.core;

/**
 * The exchange with a remote party failed before a complete answer arrived: connection refused or
 * reset, TLS failure, timeout, truncated body. {@link #isRetryable()} says whether the request may
 * be repeated safely (it was not delivered, or it is idempotent).
 */
public class TransportException extends GoldenException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    /** Creates the exception; {@code retryable} says whether repeating the request is safe. */
    public TransportException(String message, Throwable cause, boolean retryable) {
        super(ErrorCode.TRANSPORT, message, cause);
        this.retryable = retryable;
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
