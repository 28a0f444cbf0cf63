package org.goldensdk.exchange.internal.client;

import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.Receipt;

/**
 * A hub transport that carries a message's attachments inside the submission (SOAP, where they are
 * MTOM parts) instead of uploading each before it: the dispatcher hands it the attachments as their
 * outbox files, which it streams, never reads into memory.
 */
public interface AttachmentCarrier {
    /**
     * Submits {@code delivery} — envelope, payload and the attachments its manifest lists, in that
     * order — and returns the hub's answer, not yet verified.
     *
     * @throws org.goldensdk.core.GoldenException the typed error of a refusal or a transport failure
     */
    Receipt submit(Delivery delivery);
}
