package org.goldensdk.exchange;

import org.goldensdk.core.TransportException;

/**
 * The provider did not answer a {@link ExchangeClient#request request} before its deadline. Not
 * retryable as such: the provider may still have acted on the request; ask again with a new request
 * if the service is a query. An answer arriving later is discarded by the hub and by the client.
 */
public final class RequestTimeoutException extends TransportException {
    private static final long serialVersionUID = 1L;

    private final transient MessageId requestId;

    /** The request {@code requestId} timed out; {@code cause} is the hub's answer, if it reported the timeout. */
    public RequestTimeoutException(MessageId requestId, String message, Throwable cause) {
        super(message, cause, false);
        this.requestId = requestId;
    }

    /** The message id of the request that was not answered in time. */
    public MessageId requestId() {
        return requestId;
    }
}
