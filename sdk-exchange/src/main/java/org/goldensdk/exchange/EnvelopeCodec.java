package org.goldensdk.exchange;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import org.goldensdk.core.CodecLimits;

/**
 * Encodes envelopes and receipts as JSON or XML and decodes them back, safely: hostile input
 * (DTDs, entity expansion, deep nesting, oversized documents) is refused with a typed
 * MalformedInputException. Both encodings carry the same header strings, so converting an
 * envelope from one to the other never touches its signature. Decoding checks the shape only;
 * verify with {@link EnvelopeVerifier} before acting. Immutable and thread-safe.
 */
public final class EnvelopeCodec {
    /** Envelopes and receipts are small: header strings and certificates, never the payload. */
    public static final long MAX_ENCODED_BYTES = 1024 * 1024;

    static final CodecLimits LIMITS = CodecLimits.builder().maxInputBytes(MAX_ENCODED_BYTES).maxJsonDepth(8)
            .maxXmlDepth(8).maxStringLength(64 * 1024).build();

    private static final EnvelopeCodec JSON = new EnvelopeCodec(new JsonEnvelopeFormat(), "application/json");
    private static final EnvelopeCodec XML = new EnvelopeCodec(new XmlEnvelopeFormat(), "application/xml");

    private final EnvelopeFormat format;
    private final String mediaType;

    private EnvelopeCodec(EnvelopeFormat format, String mediaType) {
        this.format = format;
        this.mediaType = mediaType;
    }

    /** The JSON encoding: {@code {"header":{…},"signature":{"value":…,"certificates":[…]}}}. */
    public static EnvelopeCodec json() {
        return JSON;
    }

    /** The XML encoding of the XSD {@code envelope-1.xsd} (namespace {@code urn:goldensdk:exchange:envelope:1}). */
    public static EnvelopeCodec xml() {
        return XML;
    }

    /** The media type of this encoding. */
    public String mediaType() {
        return mediaType;
    }

    /** The encoded envelope. */
    public byte[] encode(Envelope envelope) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(envelope, out);
        return out.toByteArray();
    }

    /** Writes the encoded envelope to {@code out} (not closed). */
    public void encode(Envelope envelope, OutputStream out) {
        format.writeEnvelope(envelope, out);
    }

    /** Decodes an envelope; MalformedInputException for anything that is not one. */
    public Envelope decode(byte[] encoded) {
        return decode(new ByteArrayInputStream(encoded));
    }

    /** Decodes an envelope from a stream of at most {@link #MAX_ENCODED_BYTES}. */
    public Envelope decode(InputStream in) {
        return format.readEnvelope(in);
    }

    /**
     * The JSON encoding of a delivery: {@code {"envelope":…,"payload":"<base64>","attachments":[…]}}.
     * The parts are held in memory while encoding; deliveries are bounded by the server's body limit.
     *
     * @throws UnsupportedOperationException for the XML codec (SOAP carries parts as MTOM attachments)
     */
    public byte[] encode(Delivery delivery) {
        return format.writeDelivery(delivery);
    }

    /** Decodes a delivery of at most {@code maxBytes}; MalformedInputException for anything else. */
    public Delivery decodeDelivery(InputStream in, long maxBytes) {
        return format.readDelivery(in, maxBytes);
    }

    /** The encoded receipt. */
    public byte[] encode(Receipt receipt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.writeReceipt(receipt, out);
        return out.toByteArray();
    }

    /** Decodes a receipt; MalformedInputException for anything that is not one. Verify it before use. */
    public Receipt decodeReceipt(byte[] encoded) {
        return format.readReceipt(new ByteArrayInputStream(encoded));
    }

    /** What each encoding implements. */
    interface EnvelopeFormat {
        void writeEnvelope(Envelope envelope, OutputStream out);

        Envelope readEnvelope(InputStream in);

        void writeReceipt(Receipt receipt, OutputStream out);

        Receipt readReceipt(InputStream in);

        default byte[] writeDelivery(Delivery delivery) {
            throw new UnsupportedOperationException("deliveries have a JSON encoding only");
        }

        default Delivery readDelivery(InputStream in, long maxBytes) {
            throw new UnsupportedOperationException("deliveries have a JSON encoding only");
        }
    }
}
