package org.goldensdk.exchange.internal.client;

/** The SLF4J MDC keys the exchange client sets while it works on a message. */
public final class MdcKeys {
    /** The message id being sent, delivered or receipted. */
    public static final String MESSAGE_ID = "messageId";

    private MdcKeys() {
    }
}
