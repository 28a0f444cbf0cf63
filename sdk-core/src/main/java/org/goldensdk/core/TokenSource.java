package org.goldensdk.core;

/**
 * Gives a bearer token for outgoing requests ("give me a bearer token"). The identity module
 * provides one; exchange and portal clients only see this interface, so they work without
 * identity. Implementations are thread-safe and cache the token themselves.
 */
@FunctionalInterface
public interface TokenSource {

    /** A currently valid bearer token, without the {@code Bearer } prefix. */
    String token();

    /**
     * Called once when the server rejected {@code rejectedToken} with 401, before the single retry:
     * the next {@link #token()} should return a fresh one. Comparing with the cached token lets
     * concurrent callers avoid refreshing twice. The default does nothing.
     */
    default void invalidate(String rejectedToken) {
    }
}
