package org.goldensdk.exchange;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.XmlCodec;

/**
 * A message as a {@link MessageHandler} sees it: the verified header, and the payload and
 * attachments whose digests matched the signed header — decrypted if the message was SENSITIVE.
 * Immutable and thread-safe.
 */
public final class ReceivedMessage {
    private static final JsonCodec JSON = JsonCodec.of();
    private static final XmlCodec XML = XmlCodec.of();

    private final EnvelopeHeader header;
    private final Content payload;
    private final List<Message.Attachment> attachments;

    ReceivedMessage(EnvelopeHeader header, Content payload, List<Message.Attachment> attachments) {
        this.header = Objects.requireNonNull(header, "header");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.attachments = List.copyOf(attachments);
    }

    /** The verified envelope header: sender, service, classification, properties, acting-for … */
    public EnvelopeHeader header() {
        return header;
    }

    /** The sender's message id; with {@link #sender()} it identifies the message for good. */
    public MessageId messageId() {
        return header.messageId();
    }

    /** The sending party, as proven by the envelope's signature. */
    public PartyId sender() {
        return header.sender();
    }

    /** The service the message is for. */
    public ServiceId service() {
        return header.service();
    }

    /** The payload's media type as the sender declared it, e.g. {@code application/json}. */
    public String contentType() {
        return header.contentType();
    }

    /** The payload (plaintext), readable any number of times. */
    public Content payload() {
        return payload;
    }

    /** A new stream over the payload; the caller closes it. */
    public InputStream payloadStream() {
        return payload.open();
    }

    /** The payload's bytes (a copy). */
    public byte[] bytes() {
        return payload.readAllBytes();
    }

    /**
     * The payload bound from JSON to {@code type} with core's hardened {@link JsonCodec}.
     *
     * @throws org.goldensdk.core.MalformedInputException if the payload is not such a JSON document
     */
    public <T> T json(Class<T> type) {
        return jsonCodec().read(payload.readAllBytes(), type);
    }

    /**
     * The payload bound from XML to the JAXB class {@code type} with core's hardened {@link XmlCodec}
     * (no DTDs, no external entities).
     *
     * @throws org.goldensdk.core.MalformedInputException if the payload is not such an XML document
     */
    public <T> T xml(Class<T> type) {
        return xmlCodec().read(payload.readAllBytes(), type);
    }

    /**
     * The attachments in manifest order: name and media type from the signed header, content
     * verified against the signed digest (and decrypted) — each in a file of the endpoint's
     * attachment directory ({@code content().file()}), never in memory. The files exist while the
     * handler runs and are deleted when it returns: copy an attachment to keep it.
     */
    public List<Message.Attachment> attachments() {
        return attachments;
    }

    @Override
    public String toString() {
        return "ReceivedMessage[" + header.messageId() + " " + header.service() + " from " + header.sender() + "]";
    }

    /** The default codec, or one whose size limit fits a payload beyond the default's. */
    private JsonCodec jsonCodec() {
        long size = payload.size();
        return size <= JSON.limits().maxInputBytes() ? JSON
                : JsonCodec.of(JSON.limits().toBuilder().maxInputBytes(size).build());
    }

    private XmlCodec xmlCodec() {
        long size = payload.size();
        return size <= XML.limits().maxInputBytes() ? XML
                : XmlCodec.of(XML.limits().toBuilder().maxInputBytes(size).build());
    }
}
