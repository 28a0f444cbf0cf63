package org.goldensdk.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.XmlCodec;
import org.goldensdk.exchange.internal.HeaderNodes;
import org.goldensdk.exchange.internal.HeaderText;
import org.goldensdk.exchange.internal.xml.AttachmentListType;
import org.goldensdk.exchange.internal.xml.AttachmentType;
import org.goldensdk.exchange.internal.xml.EncryptionType;
import org.goldensdk.exchange.internal.xml.EnvelopeType;
import org.goldensdk.exchange.internal.xml.HeaderType;
import org.goldensdk.exchange.internal.xml.ObjectFactory;
import org.goldensdk.exchange.internal.xml.PropertyListType;
import org.goldensdk.exchange.internal.xml.PropertyType;
import org.goldensdk.exchange.internal.xml.ReceiptType;
import org.goldensdk.exchange.internal.xml.SignatureType;
import org.xml.sax.SAXException;

/**
 * The XML encoding of {@code envelope-1.xsd}. Each element carries the header string of the same
 * name unchanged, so the header object rebuilt from XML canonicalises to the signed bytes.
 */
final class XmlEnvelopeFormat implements EnvelopeCodec.EnvelopeFormat {
    private static final ObjectFactory FACTORY = new ObjectFactory();

    /** A string member of the header object and the JAXB property that carries it. */
    private record Field<T>(String name, Function<T, String> get, BiConsumer<T, String> set) {
        void toNode(T source, ObjectNode node) {
            String value = get.apply(source);
            if (value != null) {
                node.put(name, value);
            }
        }

        void fromNode(JsonNode node, T target) {
            JsonNode value = node.get(name);
            if (value != null) {
                set.accept(target, value.asText());
            }
        }
    }

    private static final List<Field<HeaderType>> HEADER_FIELDS = List.of(
            new Field<>(HeaderNodes.FORMAT_VERSION, HeaderType::getFormatVersion, HeaderType::setFormatVersion),
            new Field<>(HeaderNodes.MESSAGE_ID, HeaderType::getMessageId, HeaderType::setMessageId),
            new Field<>(HeaderNodes.CONVERSATION_ID, HeaderType::getConversationId, HeaderType::setConversationId),
            new Field<>(HeaderNodes.REPLY_TO, HeaderType::getReplyTo, HeaderType::setReplyTo),
            new Field<>(HeaderNodes.SENDER, HeaderType::getSender, HeaderType::setSender),
            new Field<>(HeaderNodes.RECEIVER, HeaderType::getReceiver, HeaderType::setReceiver),
            new Field<>(HeaderNodes.SERVICE, HeaderType::getService, HeaderType::setService),
            new Field<>(HeaderNodes.CREATED_AT, HeaderType::getCreatedAt, HeaderType::setCreatedAt),
            new Field<>(HeaderNodes.EXPIRES_AT, HeaderType::getExpiresAt, HeaderType::setExpiresAt),
            new Field<>(HeaderNodes.CLASSIFICATION, HeaderType::getClassification, HeaderType::setClassification),
            new Field<>(HeaderNodes.CONTENT_TYPE, HeaderType::getContentType, HeaderType::setContentType),
            new Field<>(HeaderNodes.PAYLOAD_DIGEST, HeaderType::getPayloadDigest, HeaderType::setPayloadDigest),
            new Field<>(HeaderNodes.PAYLOAD_SIZE, HeaderType::getPayloadSize, HeaderType::setPayloadSize),
            new Field<>(HeaderNodes.ACTING_FOR, HeaderType::getActingFor, HeaderType::setActingFor),
            new Field<>(HeaderNodes.SIGNATURE_ALGORITHM, HeaderType::getSignatureAlgorithm, HeaderType::setSignatureAlgorithm),
            new Field<>(HeaderNodes.SIGNER_CERTIFICATE_DIGEST, HeaderType::getSignerCertificateDigest,
                    HeaderType::setSignerCertificateDigest));

    private static final List<Field<AttachmentType>> ATTACHMENT_FIELDS = List.of(
            new Field<>(HeaderNodes.NAME, AttachmentType::getName, AttachmentType::setName),
            new Field<>(HeaderNodes.CONTENT_TYPE, AttachmentType::getContentType, AttachmentType::setContentType),
            new Field<>(HeaderNodes.SIZE, AttachmentType::getSize, AttachmentType::setSize),
            new Field<>(HeaderNodes.DIGEST, AttachmentType::getDigest, AttachmentType::setDigest));

    private static final List<Field<EncryptionType>> ENCRYPTION_FIELDS = List.of(
            new Field<>(HeaderNodes.CONTENT_ALGORITHM, EncryptionType::getContentAlgorithm, EncryptionType::setContentAlgorithm),
            new Field<>(HeaderNodes.KEY_MANAGEMENT_ALGORITHM, EncryptionType::getKeyManagementAlgorithm,
                    EncryptionType::setKeyManagementAlgorithm),
            new Field<>(HeaderNodes.RECIPIENT, EncryptionType::getRecipient, EncryptionType::setRecipient),
            new Field<>(HeaderNodes.WRAPPED_KEY, EncryptionType::getWrappedKey, EncryptionType::setWrappedKey),
            new Field<>(HeaderNodes.EPHEMERAL_PUBLIC_KEY, EncryptionType::getEphemeralPublicKey,
                    EncryptionType::setEphemeralPublicKey),
            new Field<>(HeaderNodes.IV, EncryptionType::getIv, EncryptionType::setIv));

    private static final List<Field<ReceiptType>> RECEIPT_FIELDS = List.of(
            new Field<>(HeaderNodes.FORMAT_VERSION, ReceiptType::getFormatVersion, ReceiptType::setFormatVersion),
            new Field<>(HeaderNodes.MESSAGE_ID, ReceiptType::getMessageId, ReceiptType::setMessageId),
            new Field<>(Receipt.ENVELOPE_DIGEST, ReceiptType::getEnvelopeDigest, ReceiptType::setEnvelopeDigest),
            new Field<>(Receipt.STATE, ReceiptType::getState, ReceiptType::setState),
            new Field<>(Receipt.ISSUER, ReceiptType::getIssuer, ReceiptType::setIssuer),
            new Field<>(Receipt.ISSUED_AT, ReceiptType::getIssuedAt, ReceiptType::setIssuedAt),
            new Field<>(Receipt.REASON_CODE, ReceiptType::getReasonCode, ReceiptType::setReasonCode),
            new Field<>(Receipt.REASON, ReceiptType::getReason, ReceiptType::setReason),
            new Field<>(HeaderNodes.SIGNATURE_ALGORITHM, ReceiptType::getSignatureAlgorithm, ReceiptType::setSignatureAlgorithm),
            new Field<>(HeaderNodes.SIGNER_CERTIFICATE_DIGEST, ReceiptType::getSignerCertificateDigest,
                    ReceiptType::setSignerCertificateDigest));

    /**
     * Reads are validated against the XSD, not only bound: JAXB alone binds a repeated element as
     * "last one wins", so {@code <Receiver>A</Receiver><Receiver>B</Receiver>} would verify as B
     * while another XML reader routes to A.
     */
    private final XmlCodec codec = XmlCodec.of(EnvelopeCodec.LIMITS, schema());

    private static Schema schema() {
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(XmlEnvelopeFormat.class.getResource("xsd/envelope-1.xsd"));
        } catch (SAXException e) {
            throw new IllegalStateException("the bundled envelope XSD does not compile", e);
        }
    }

    @Override
    public void writeEnvelope(Envelope envelope, OutputStream out) {
        codec.write(FACTORY.createEnvelope(toXml(envelope)), out);
    }

    @Override
    public Envelope readEnvelope(InputStream in) {
        return fromXml(codec.read(in, EnvelopeType.class));
    }

    @Override
    public void writeReceipt(Receipt receipt, OutputStream out) {
        codec.write(FACTORY.createReceipt(toXml(receipt)), out);
    }

    @Override
    public Receipt readReceipt(InputStream in) {
        return fromXml(codec.read(in, ReceiptType.class));
    }

    /** The JAXB form of {@code envelope}, for a SOAP message carrying it. */
    static EnvelopeType toXml(Envelope envelope) {
        EnvelopeType xml = new EnvelopeType();
        xml.setHeader(header(envelope.headerNode()));
        xml.setSignature(signature(envelope.signature(), envelope.signerChain()));
        return xml;
    }

    /** The envelope of a JAXB form bound by a SOAP stack that validated it against the XSD. */
    static Envelope fromXml(EnvelopeType xml) {
        if (xml == null || xml.getHeader() == null || xml.getSignature() == null) {
            throw malformed("an Envelope holds a Header and a Signature");
        }
        return Envelope.fromWire(node(xml.getHeader()), signatureValue(xml.getSignature()), chain(xml.getSignature()));
    }

    /** The JAXB form of {@code receipt}. */
    static ReceiptType toXml(Receipt receipt) {
        ReceiptType xml = new ReceiptType();
        ObjectNode node = receipt.node();
        RECEIPT_FIELDS.forEach(f -> f.fromNode(node, xml));
        xml.setSignature(signature(receipt.signature(), receipt.signerChain()));
        return xml;
    }

    /** The receipt of a JAXB form bound by a SOAP stack. */
    static Receipt fromXml(ReceiptType xml) {
        if (xml == null || xml.getSignature() == null) {
            throw malformed("a Receipt holds a Signature");
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        RECEIPT_FIELDS.forEach(f -> f.toNode(xml, node));
        return Receipt.fromWire(node, signatureValue(xml.getSignature()), chain(xml.getSignature()));
    }

    private static HeaderType header(ObjectNode node) {
        HeaderType header = new HeaderType();
        HEADER_FIELDS.forEach(f -> f.fromNode(node, header));
        if (node.has(HeaderNodes.PAYLOAD_ENCRYPTION)) {
            header.setPayloadEncryption(encryption(node.get(HeaderNodes.PAYLOAD_ENCRYPTION)));
        }
        if (node.has(HeaderNodes.ATTACHMENTS)) {
            AttachmentListType list = new AttachmentListType();
            for (JsonNode item : node.get(HeaderNodes.ATTACHMENTS)) {
                AttachmentType attachment = new AttachmentType();
                ATTACHMENT_FIELDS.forEach(f -> f.fromNode(item, attachment));
                if (item.has(HeaderNodes.ENCRYPTION)) {
                    attachment.setEncryption(encryption(item.get(HeaderNodes.ENCRYPTION)));
                }
                list.getAttachment().add(attachment);
            }
            header.setAttachments(list);
        }
        if (node.has(HeaderNodes.PROPERTIES)) {
            PropertyListType list = new PropertyListType();
            node.get(HeaderNodes.PROPERTIES).fields().forEachRemaining(p -> {
                PropertyType property = new PropertyType();
                property.setName(p.getKey());
                property.setValue(p.getValue().asText());
                list.getProperty().add(property);
            });
            header.setProperties(list);
        }
        return header;
    }

    private static ObjectNode node(HeaderType header) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        HEADER_FIELDS.forEach(f -> f.toNode(header, node));
        if (header.getPayloadEncryption() != null) {
            node.set(HeaderNodes.PAYLOAD_ENCRYPTION, node(header.getPayloadEncryption()));
        }
        if (header.getAttachments() != null) {
            for (AttachmentType attachment : header.getAttachments().getAttachment()) {
                ObjectNode item = node.withArray(HeaderNodes.ATTACHMENTS).addObject();
                ATTACHMENT_FIELDS.forEach(f -> f.toNode(attachment, item));
                if (attachment.getEncryption() != null) {
                    item.set(HeaderNodes.ENCRYPTION, node(attachment.getEncryption()));
                }
            }
        }
        if (header.getProperties() != null) {
            ObjectNode properties = node.putObject(HeaderNodes.PROPERTIES);
            for (PropertyType property : header.getProperties().getProperty()) {
                if (property.getName() == null || property.getValue() == null || properties.has(property.getName())) {
                    throw malformed("each Property needs a Name and a Value, and names must be unique");
                }
                properties.put(property.getName(), property.getValue());
            }
        }
        return node;
    }

    private static EncryptionType encryption(JsonNode node) {
        EncryptionType encryption = new EncryptionType();
        ENCRYPTION_FIELDS.forEach(f -> f.fromNode(node, encryption));
        return encryption;
    }

    private static ObjectNode node(EncryptionType encryption) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ENCRYPTION_FIELDS.forEach(f -> f.toNode(encryption, node));
        return node;
    }

    private static SignatureType signature(byte[] value, List<X509Certificate> chain) {
        SignatureType signature = new SignatureType();
        signature.setValue(HeaderText.base64(value));
        chain.forEach(c -> signature.getCertificate().add(HeaderText.base64(Certificates.encoded(c))));
        return signature;
    }

    private static byte[] signatureValue(SignatureType signature) {
        if (signature.getValue() == null) {
            throw malformed("Signature/Value is required");
        }
        return JsonEnvelopeFormat.decodeBase64("Signature/Value", signature.getValue());
    }

    private static List<X509Certificate> chain(SignatureType signature) {
        List<X509Certificate> chain = new ArrayList<>();
        for (String certificate : signature.getCertificate()) {
            chain.add(Certificates.parse(JsonEnvelopeFormat.decodeBase64("Signature/Certificate", certificate)));
        }
        return chain;
    }

    private static MalformedInputException malformed(String message) {
        return new MalformedInputException("envelope XML: " + message, null);
    }
}
