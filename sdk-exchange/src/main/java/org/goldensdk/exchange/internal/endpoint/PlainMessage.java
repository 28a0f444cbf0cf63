package org.goldensdk.exchange.internal.endpoint;

import java.util.List;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeHeader;

/**
 * A delivered message after verification: the verified envelope and header, and the payload and
 * attachments whose digests matched, decrypted when they were encrypted.
 *
 * @param envelope the verified envelope
 * @param header its verified header
 * @param payload the plaintext payload
 * @param attachments the plaintext attachments, in manifest order
 */
public record PlainMessage(Envelope envelope, EnvelopeHeader header, Content payload, List<Content> attachments) {
    /** Copies the list. */
    public PlainMessage {
        attachments = List.copyOf(attachments);
    }
}
