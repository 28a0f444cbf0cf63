package org.goldensdk.exchange;

/**
 * Handles the messages of one service arriving at an {@link ExchangeEndpoint}. It is called only
 * with a message whose envelope, payload and attachments verified and that this endpoint has not
 * handled before (by sender and message id), with SENSITIVE content already decrypted.
 *
 * <p>Return {@link Outcome#processed()} or {@link Outcome#rejected(String, String)}; the outcome is
 * committed together with the message id and signed into the receipt the sender gets. Throwing
 * instead commits nothing: the hub is answered 503 and delivers the message again later, so throw
 * for a transient failure (your database is down) and reject for a business refusal. Because a
 * process may die after your side effects but before the commit, write them through
 * {@link MessageContext#connection()} — they then commit together with the outcome, exactly once —
 * or make them idempotent by {@link ReceivedMessage#messageId()}.
 *
 * <p>Handlers are called concurrently for different messages and must be thread-safe.
 */
@FunctionalInterface
public interface MessageHandler {
    /**
     * Handles one verified message.
     *
     * @param message the verified (and decrypted) payload, attachments and header
     * @param context the verified envelope and the receipts issued so far
     * @return the outcome to sign and commit; never null
     */
    Outcome handle(ReceivedMessage message, MessageContext context);
}
