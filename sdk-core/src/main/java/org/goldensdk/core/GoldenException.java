package org.goldensdk.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Root of every exception the SDK throws. Unchecked; {@link #code()} tells what kind of failure it
 * was and {@link #isRetryable()} whether trying the same thing again later may succeed. When the
 * failure was reported by a remote party, {@link #remote()} carries what it said.
 */
public class GoldenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient RemoteDetails remote;

    /** Creates an exception with a code and a message that says what was wrong and what to do. */
    public GoldenException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    /** Creates an exception with a code, a message and the underlying cause. */
    public GoldenException(ErrorCode code, String message, Throwable cause) {
        this(code, message, cause, null);
    }

    /** Creates an exception that a remote party reported. */
    public GoldenException(ErrorCode code, String message, Throwable cause, RemoteDetails remote) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.remote = remote;
    }

    /** What kind of failure this is; never null. */
    public ErrorCode code() {
        return code;
    }

    /** Whether repeating the same request later may succeed. */
    public boolean isRetryable() {
        return code.isRetryable();
    }

    /** What the remote party said, when the failure was reported by one. */
    public Optional<RemoteDetails> remote() {
        return Optional.ofNullable(remote);
    }
}
