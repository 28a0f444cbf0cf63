package org.goldensdk.core;

/**
 * A remote party answered with an error that has no more specific exception type (an internal
 * error, an unavailable service, or a code this SDK does not know). {@link #remote()} is always
 * present: status, wire code, request id.
 */
public class RemoteException extends GoldenException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception from what the remote party reported. */
    public RemoteException(ErrorCode code, String message, RemoteDetails remote) {
        super(code, message, null, java.util.Objects.requireNonNull(remote, "remote"));
    }

    /** The HTTP status the remote party answered with. */
    public int status() {
        return remote().orElseThrow().status();
    }

    /** The request id the remote party logged, or null. */
    public String requestId() {
        return remote().orElseThrow().requestId();
    }
}
