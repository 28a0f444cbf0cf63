package org.goldensdk.exchange.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.EncryptionHeader;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.SignatureAlgorithm;
import org.goldensdk.core.ValidationException;
import org.goldensdk.exchange.AttachmentInfo;
import org.goldensdk.exchange.Classification;
import org.goldensdk.exchange.EnvelopeHeader;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.ServiceId;

/**
 * The one mapping between the typed {@link EnvelopeHeader} and the all-string JSON object that is
 * canonicalised and signed (docs/exchange/envelope.md). The member names live here and only here;
 * the XML encoding maps its elements onto the same object.
 */
public final class HeaderNodes {
    public static final String FORMAT_VERSION = "formatVersion";
    public static final String MESSAGE_ID = "messageId";
    public static final String CONVERSATION_ID = "conversationId";
    public static final String REPLY_TO = "replyTo";
    public static final String SENDER = "sender";
    public static final String RECEIVER = "receiver";
    public static final String SERVICE = "service";
    public static final String CREATED_AT = "createdAt";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String CLASSIFICATION = "classification";
    public static final String CONTENT_TYPE = "contentType";
    public static final String PAYLOAD_DIGEST = "payloadDigest";
    public static final String PAYLOAD_SIZE = "payloadSize";
    public static final String PAYLOAD_ENCRYPTION = "payloadEncryption";
    public static final String ATTACHMENTS = "attachments";
    public static final String PROPERTIES = "properties";
    public static final String ACTING_FOR = "actingFor";
    public static final String SIGNATURE_ALGORITHM = "signatureAlgorithm";
    public static final String SIGNER_CERTIFICATE_DIGEST = "signerCertificateDigest";

    public static final String NAME = "name";
    public static final String SIZE = "size";
    public static final String DIGEST = "digest";
    public static final String ENCRYPTION = "encryption";

    public static final String CONTENT_ALGORITHM = "contentAlgorithm";
    public static final String KEY_MANAGEMENT_ALGORITHM = "keyManagementAlgorithm";
    public static final String RECIPIENT = "recipient";
    public static final String WRAPPED_KEY = "wrappedKey";
    public static final String EPHEMERAL_PUBLIC_KEY = "ephemeralPublicKey";
    public static final String IV = "iv";

    private static final Set<String> HEADER_MEMBERS = Set.of(FORMAT_VERSION, MESSAGE_ID, CONVERSATION_ID, REPLY_TO,
            SENDER, RECEIVER, SERVICE, CREATED_AT, EXPIRES_AT, CLASSIFICATION, CONTENT_TYPE, PAYLOAD_DIGEST,
            PAYLOAD_SIZE, PAYLOAD_ENCRYPTION, ATTACHMENTS, PROPERTIES, ACTING_FOR, SIGNATURE_ALGORITHM,
            SIGNER_CERTIFICATE_DIGEST);
    private static final Set<String> ATTACHMENT_MEMBERS = Set.of(NAME, CONTENT_TYPE, SIZE, DIGEST, ENCRYPTION);
    private static final Set<String> ENCRYPTION_MEMBERS = Set.of(CONTENT_ALGORITHM, KEY_MANAGEMENT_ALGORITHM,
            RECIPIENT, WRAPPED_KEY, EPHEMERAL_PUBLIC_KEY, IV);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HeaderNodes() {
    }

    /**
     * A deep copy with every object's members in the order RFC 8785 sorts them, so an envelope's
     * JSON encoding is the same bytes whichever encoding it was read from.
     */
    public static ObjectNode sortedCopy(ObjectNode node) {
        ObjectNode sorted = NODES.objectNode();
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        java.util.Collections.sort(names);
        for (String name : names) {
            sorted.set(name, sortedCopy(node.get(name)));
        }
        return sorted;
    }

    private static JsonNode sortedCopy(JsonNode node) {
        if (node.isObject()) {
            return sortedCopy((ObjectNode) node);
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            node.forEach(item -> array.add(sortedCopy(item)));
            return array;
        }
        return node.deepCopy();
    }

    /** The all-string object for {@code header}; optional members that are absent are left out. */
    public static ObjectNode toNode(EnvelopeHeader header) {
        ObjectNode node = NODES.objectNode();
        node.put(FORMAT_VERSION, header.formatVersion());
        node.put(MESSAGE_ID, header.messageId().toString());
        node.put(CONVERSATION_ID, header.conversationId().toString());
        header.replyTo().ifPresent(id -> node.put(REPLY_TO, id.toString()));
        node.put(SENDER, header.sender().toString());
        node.put(RECEIVER, header.receiver().toString());
        node.put(SERVICE, header.service().toString());
        node.put(CREATED_AT, HeaderText.timestamp(header.createdAt()));
        node.put(EXPIRES_AT, HeaderText.timestamp(header.expiresAt()));
        node.put(CLASSIFICATION, header.classification().name());
        node.put(CONTENT_TYPE, header.contentType());
        node.put(PAYLOAD_DIGEST, header.payloadDigest().toString());
        node.put(PAYLOAD_SIZE, Long.toString(header.payloadSize()));
        header.payloadEncryption().ifPresent(e -> node.set(PAYLOAD_ENCRYPTION, encryptionNode(e)));
        if (!header.attachments().isEmpty()) {
            ArrayNode attachments = node.putArray(ATTACHMENTS);
            for (AttachmentInfo a : header.attachments()) {
                ObjectNode item = attachments.addObject();
                item.put(NAME, a.name());
                item.put(CONTENT_TYPE, a.contentType());
                item.put(SIZE, Long.toString(a.size()));
                item.put(DIGEST, a.digest().toString());
                a.encryption().ifPresent(e -> item.set(ENCRYPTION, encryptionNode(e)));
            }
        }
        if (!header.properties().isEmpty()) {
            ObjectNode properties = node.putObject(PROPERTIES);
            header.properties().forEach(properties::put);
        }
        header.actingFor().ifPresent(value -> node.put(ACTING_FOR, value));
        node.put(SIGNATURE_ALGORITHM, header.signatureAlgorithm().id());
        node.put(SIGNER_CERTIFICATE_DIGEST, header.signerCertificateDigest().toString());
        return node;
    }

    /**
     * Checks the shape of a received header object before anything else looks at it: only known
     * members, every leaf a string (never a number, boolean or null), arrays and objects only where
     * the format has them. MalformedInputException naming the member otherwise.
     */
    public static ObjectNode requireShape(JsonNode header) {
        if (header == null || !header.isObject()) {
            throw malformed("header", "must be a JSON object");
        }
        requireMembers("header", header, HEADER_MEMBERS);
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            switch (member.getKey()) {
                case ATTACHMENTS -> requireAttachments(member.getValue());
                case PROPERTIES -> requireStringObject(PROPERTIES, member.getValue(), null);
                case PAYLOAD_ENCRYPTION -> requireStringObject(PAYLOAD_ENCRYPTION, member.getValue(), ENCRYPTION_MEMBERS);
                default -> requireString(member.getKey(), member.getValue());
            }
        }
        return (ObjectNode) header;
    }

    /**
     * The typed header of a shape-checked object. Every value must be written in its canonical
     * form (what {@link #toNode} writes), so the typed header re-encodes to exactly the signed bytes.
     *
     * @throws ValidationException naming the field and rule broken
     */
    public static EnvelopeHeader toHeader(ObjectNode node) {
        String version = text(node, FORMAT_VERSION);
        if (!EnvelopeHeader.FORMAT_VERSION.equals(version)) {
            throw HeaderText.invalid(FORMAT_VERSION, "formatVersion", "'" + abbreviate(version)
                    + "' is not a version this SDK reads (it reads " + EnvelopeHeader.FORMAT_VERSION + ")");
        }
        EnvelopeHeader.Builder b = EnvelopeHeader.builder()
                .messageId(parse(node, MESSAGE_ID, MessageId::parse))
                .conversationId(parse(node, CONVERSATION_ID, MessageId::parse))
                .replyTo(optional(node, REPLY_TO, MessageId::parse))
                .sender(parse(node, SENDER, PartyId::parse))
                .receiver(parse(node, RECEIVER, PartyId::parse))
                .service(parse(node, SERVICE, ServiceId::parse))
                .createdAt(parse(node, CREATED_AT, t -> HeaderText.parseTimestamp(CREATED_AT, t)))
                .expiresAt(parse(node, EXPIRES_AT, t -> HeaderText.parseTimestamp(EXPIRES_AT, t)))
                .classification(parse(node, CLASSIFICATION, Classification::parse))
                .contentType(text(node, CONTENT_TYPE))
                .payload(parse(node, PAYLOAD_DIGEST, HeaderNodes::digest),
                        parse(node, PAYLOAD_SIZE, t -> HeaderText.parseSize(PAYLOAD_SIZE, t)))
                .actingFor(node.has(ACTING_FOR) ? node.get(ACTING_FOR).asText() : null)
                .signer(parse(node, SIGNATURE_ALGORITHM, HeaderNodes::signatureAlgorithm),
                        parse(node, SIGNER_CERTIFICATE_DIGEST, HeaderNodes::digest));
        if (node.has(PAYLOAD_ENCRYPTION)) {
            b.payloadEncryption(encryption(PAYLOAD_ENCRYPTION, node.get(PAYLOAD_ENCRYPTION)));
        }
        if (node.has(ATTACHMENTS)) {
            int index = 0;
            for (JsonNode item : node.get(ATTACHMENTS)) {
                String field = ATTACHMENTS + "[" + index++ + "]";
                b.addAttachment(AttachmentInfo.of(text(item, NAME), text(item, CONTENT_TYPE),
                        HeaderText.parseSize(field + "." + SIZE, text(item, SIZE)),
                        parse(item, DIGEST, HeaderNodes::digest),
                        item.has(ENCRYPTION) ? encryption(field + "." + ENCRYPTION, item.get(ENCRYPTION)) : null));
            }
        }
        if (node.has(PROPERTIES)) {
            node.get(PROPERTIES).fields().forEachRemaining(p -> b.property(p.getKey(), p.getValue().asText()));
        }
        EnvelopeHeader header = b.build();
        if (!toNode(header).equals(node)) {
            throw new ValidationException("header", "envelope.canonicalValues",
                    "a header value is not written in its canonical form (e.g. lowercase message ids,"
                            + " party ids as CN/division/creditCode/system); the sender must write them canonically");
        }
        return header;
    }

    private static ObjectNode encryptionNode(EncryptionHeader e) {
        ObjectNode node = NODES.objectNode();
        node.put(CONTENT_ALGORITHM, e.contentEncryptionAlgorithm());
        node.put(KEY_MANAGEMENT_ALGORITHM, e.keyManagementAlgorithm());
        node.put(RECIPIENT, e.recipient().toString());
        node.put(WRAPPED_KEY, HeaderText.base64(e.encryptedKey()));
        if (e.ephemeralPublicKey().length > 0) {
            node.put(EPHEMERAL_PUBLIC_KEY, HeaderText.base64(e.ephemeralPublicKey()));
        }
        node.put(IV, HeaderText.base64(e.iv()));
        return node;
    }

    private static EncryptionHeader encryption(String field, JsonNode node) {
        DigestValue recipient = parse(node, RECIPIENT, HeaderNodes::digest);
        String contentAlgorithm = text(node, CONTENT_ALGORITHM);
        if (!recipient.suite().contentEncryptionAlgorithmId().equals(contentAlgorithm)) {
            throw HeaderText.invalid(field + "." + CONTENT_ALGORITHM, "encryption", "'" + abbreviate(contentAlgorithm)
                    + "' does not match the recipient digest's suite " + recipient.suite().id());
        }
        try {
            return EncryptionHeader.of(recipient.suite(), text(node, KEY_MANAGEMENT_ALGORITHM), recipient,
                    HeaderText.parseBase64(field + "." + WRAPPED_KEY, text(node, WRAPPED_KEY)),
                    node.has(EPHEMERAL_PUBLIC_KEY)
                            ? HeaderText.parseBase64(field + "." + EPHEMERAL_PUBLIC_KEY, text(node, EPHEMERAL_PUBLIC_KEY))
                            : new byte[0],
                    HeaderText.parseBase64(field + "." + IV, text(node, IV)));
        } catch (MalformedInputException e) {
            throw HeaderText.invalid(field, "encryption", e.getMessage());
        }
    }

    /** Parses a digest written {@code ALG:hex}. */
    public static DigestValue digest(String text) {
        try {
            return DigestValue.parse(text);
        } catch (RuntimeException e) {
            throw new ValidationException("digest", "envelope.digest",
                    "a digest is written ALGORITHM:hex, e.g. SM3:66c7f0…; got '" + abbreviate(text) + "'");
        }
    }

    /** Parses a signature algorithm id. */
    public static SignatureAlgorithm signatureAlgorithm(String text) {
        try {
            return SignatureAlgorithm.parse(text);
        } catch (RuntimeException e) {
            throw new ValidationException(SIGNATURE_ALGORITHM, "envelope.signatureAlgorithm",
                    "'" + abbreviate(text) + "' is not a signature algorithm this SDK knows (SM2-SM3, ES256, RS256)");
        }
    }

    private static <T> T parse(JsonNode node, String member, Function<String, T> parser) {
        return parser.apply(text(node, member));
    }

    private static <T> T optional(JsonNode node, String member, Function<String, T> parser) {
        return node.has(member) ? parser.apply(text(node, member)) : null;
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null) {
            throw HeaderText.invalid(member, "required", "is required");
        }
        return HeaderText.requireCarriable(member, value.asText());
    }

    private static void requireAttachments(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            throw malformed(ATTACHMENTS, "must be a non-empty array of objects (leave it out when there are none)");
        }
        if (value.size() > EnvelopeHeader.MAX_ATTACHMENTS) {
            throw malformed(ATTACHMENTS, "holds more than " + EnvelopeHeader.MAX_ATTACHMENTS + " entries");
        }
        int index = 0;
        for (JsonNode item : value) {
            String field = ATTACHMENTS + "[" + index++ + "]";
            if (!item.isObject()) {
                throw malformed(field, "must be an object");
            }
            requireMembers(field, item, ATTACHMENT_MEMBERS);
            item.fields().forEachRemaining(m -> {
                if (m.getKey().equals(ENCRYPTION)) {
                    requireStringObject(field + "." + ENCRYPTION, m.getValue(), ENCRYPTION_MEMBERS);
                } else {
                    requireString(field + "." + m.getKey(), m.getValue());
                }
            });
        }
    }

    private static void requireStringObject(String field, JsonNode value, Set<String> allowed) {
        if (!value.isObject() || value.isEmpty()) {
            throw malformed(field, "must be a non-empty object of strings");
        }
        if (allowed != null) {
            requireMembers(field, value, allowed);
        }
        value.fields().forEachRemaining(m -> requireString(field + "." + m.getKey(), m.getValue()));
    }

    private static void requireMembers(String field, JsonNode object, Set<String> allowed) {
        object.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw malformed(field, "has unknown member '" + abbreviate(name) + "' (envelope format "
                        + EnvelopeHeader.FORMAT_VERSION + ")");
            }
        });
    }

    private static void requireString(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw malformed(field, "must be a JSON string (every header value is a string, never a "
                    + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    private static MalformedInputException malformed(String field, String message) {
        return new MalformedInputException("envelope header: " + field + " " + message, null);
    }

    static String abbreviate(String text) {
        return text == null ? "null" : text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
