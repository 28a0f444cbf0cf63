package org.goldensdk.exchange;

/**
 * Answers the requests of one service arriving at an {@link ExchangeEndpoint} (synchronous queries,
 * {@link ExchangeClient#request}). Called with a verified request (SENSITIVE content decrypted); the
 * returned value is encoded as JSON, sealed into a response envelope signed by this party and bound
 * to the request by its envelope digest. Requests are not recorded in the inbox: a query should have
 * no side effect that must happen once. Throwing answers the caller with an error (503). Handlers are
 * called concurrently and must be thread-safe.
 */
@FunctionalInterface
public interface RequestHandler {
    /**
     * Answers one verified request.
     *
     * @param request the verified (and decrypted) request
     * @param context the verified request envelope (no receipts: requests get none)
     * @return the response body, encoded as JSON; never null
     */
    Object respond(ReceivedMessage request, MessageContext context);
}
