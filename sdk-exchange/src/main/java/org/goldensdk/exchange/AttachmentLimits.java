package org.goldensdk.exchange;

import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.MalformedInputException;

/**
 * How large attachments may be at one hop of the exchange (the hub, a receiving endpoint): the
 * largest attachment, and the largest message — payload and attachments together — in bytes.
 * Checked against the sizes the signed manifest declares before anything is read; the digest
 * check while streaming holds each attachment to its declared size. Immutable.
 *
 * @param maxAttachmentBytes the largest attachment
 * @param maxMessageBytes the largest message, payload and attachments together
 */
public record AttachmentLimits(long maxAttachmentBytes, long maxMessageBytes) {
    /** 1 GiB per attachment, 2 GiB per message. */
    public static final AttachmentLimits DEFAULTS = new AttachmentLimits(1L << 30, 2L << 30);

    /**
     * Checks the limits.
     *
     * @throws ConfigurationException (key {@code attachmentLimits}) if a limit is not positive or the
     *     message limit is below the attachment limit
     */
    public AttachmentLimits {
        if (maxAttachmentBytes <= 0 || maxMessageBytes < maxAttachmentBytes) {
            throw new ConfigurationException("attachmentLimits", "the limits must be positive and the message limit at"
                    + " least the attachment limit, got " + maxAttachmentBytes + " and " + maxMessageBytes);
        }
    }

    /**
     * Checks the attachments {@code header} declares, with a payload of {@code payloadSize} bytes,
     * against these limits of {@code hop} (e.g. "the hub's", "this endpoint's").
     *
     * @throws MalformedInputException ({@link ErrorCode#PAYLOAD_TOO_LARGE}, 413) naming the attachment
     *     or the message and the limit it passes
     */
    public void requireWithin(EnvelopeHeader header, long payloadSize, String hop) {
        long total = payloadSize;
        for (int i = 0; i < header.attachments().size(); i++) {
            long size = header.attachments().get(i).size();
            if (size > maxAttachmentBytes) {
                throw new MalformedInputException(ErrorCode.PAYLOAD_TOO_LARGE, "attachment " + (i + 1) + " of message "
                        + header.messageId() + " has " + size + " bytes; " + hop + " limit per attachment is "
                        + maxAttachmentBytes, (Throwable) null);
            }
            total += size;
        }
        if (total > maxMessageBytes) {
            throw new MalformedInputException(ErrorCode.PAYLOAD_TOO_LARGE, "message " + header.messageId() + " has "
                    + total + " bytes with its attachments; " + hop + " limit per message is " + maxMessageBytes,
                    (Throwable) null);
        }
    }
}
