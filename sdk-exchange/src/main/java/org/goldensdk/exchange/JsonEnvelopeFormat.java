package org.goldensdk.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.exchange.internal.HeaderText;

/** The JSON encoding: the header object as signed, beside the signature and the signer's chain. */
final class JsonEnvelopeFormat implements EnvelopeCodec.EnvelopeFormat {
    static final String HEADER = "header";
    static final String RECEIPT = "receipt";
    static final String SIGNATURE = "signature";
    static final String VALUE = "value";
    static final String CERTIFICATES = "certificates";
    static final String ENVELOPE = "envelope";
    static final String PAYLOAD = "payload";
    static final String ATTACHMENTS = "attachments";
    private static final int MAX_CHAIN = 16;
    /** How many parsed certificates are kept; the memory is emptied when it is full. */
    static final int MAX_PARSED_CERTIFICATES = 256;
    /** Longer certificate texts are parsed every time, so the memory stays small whatever peers send. */
    private static final int MAX_REMEMBERED_TEXT = 8 * 1024;
    /**
     * Certificates parsed before, by their base64 text: every envelope and receipt carries its
     * signer's chain, mostly the same few certificates, and parsing one costs more than verifying
     * the signature it backs. Certificates are immutable; equal text is equal DER.
     */
    private static final Map<String, X509Certificate> PARSED = new ConcurrentHashMap<>();

    private final JsonCodec codec = JsonCodec.of(EnvelopeCodec.LIMITS);

    @Override
    public void writeEnvelope(Envelope envelope, OutputStream out) {
        codec.write(document(HEADER, envelope.headerNode(), envelope.signature(), envelope.signerChain()), out);
    }

    @Override
    public Envelope readEnvelope(InputStream in) {
        JsonNode root = readDocument(in, HEADER);
        return Envelope.fromWire(object(root.get(HEADER), HEADER), signatureValue(root), chain(root));
    }

    @Override
    public void writeReceipt(Receipt receipt, OutputStream out) {
        codec.write(document(RECEIPT, receipt.node(), receipt.signature(), receipt.signerChain()), out);
    }

    @Override
    public Receipt readReceipt(InputStream in) {
        JsonNode root = readDocument(in, RECEIPT);
        return Receipt.fromWire(object(root.get(RECEIPT), RECEIPT), signatureValue(root), chain(root));
    }

    @Override
    public byte[] writeDelivery(Delivery delivery) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        Envelope envelope = delivery.envelope();
        root.set(ENVELOPE, document(HEADER, envelope.headerNode(), envelope.signature(), envelope.signerChain()));
        root.put(PAYLOAD, HeaderText.base64(delivery.payload().readAllBytes()));
        if (!delivery.attachments().isEmpty()) {
            delivery.attachments().forEach(a -> root.withArray(ATTACHMENTS).add(HeaderText.base64(a.readAllBytes())));
        }
        return codec.write(root);
    }

    @Override
    public Delivery readDelivery(InputStream in, long maxBytes) {
        JsonCodec deliveries = JsonCodec.of(EnvelopeCodec.LIMITS.toBuilder().maxInputBytes(maxBytes)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBytes)).build());
        JsonNode root = deliveries.readTree(in);
        if (root == null || !root.isObject()) {
            throw malformed("a delivery must be a JSON object");
        }
        requireOnly(root, Set.of(ENVELOPE, PAYLOAD, ATTACHMENTS), "the delivery");
        JsonNode envelopeNode = root.get(ENVELOPE);
        if (envelopeNode == null || !envelopeNode.isObject()) {
            throw malformed("a delivery holds an envelope object");
        }
        requireOnly(envelopeNode, Set.of(HEADER, SIGNATURE), ENVELOPE);
        object(envelopeNode.get(SIGNATURE), SIGNATURE);
        Envelope envelope = Envelope.fromWire(object(envelopeNode.get(HEADER), HEADER), signatureValue(envelopeNode),
                chain(envelopeNode));
        JsonNode payload = root.get(PAYLOAD);
        if (payload == null || !payload.isTextual()) {
            throw malformed("a delivery holds the payload as a base64 string");
        }
        List<Content> attachments = new ArrayList<>();
        JsonNode list = root.get(ATTACHMENTS);
        if (list != null) {
            if (!list.isArray()) {
                throw malformed("attachments must be an array of base64 strings");
            }
            for (JsonNode item : list) {
                if (!item.isTextual()) {
                    throw malformed("attachments must be an array of base64 strings");
                }
                attachments.add(Content.of(decodeBase64(ATTACHMENTS, item.asText())));
            }
        }
        return new Delivery(envelope, Content.of(decodeBase64(PAYLOAD, payload.asText())), attachments);
    }

    private static ObjectNode document(String bodyName, ObjectNode body, byte[] signature, List<X509Certificate> chain) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set(bodyName, body);
        ObjectNode signatureNode = root.putObject(SIGNATURE);
        signatureNode.put(VALUE, HeaderText.base64(signature));
        chain.forEach(c -> signatureNode.withArray(CERTIFICATES).add(HeaderText.base64(Certificates.encoded(c))));
        return root;
    }

    private JsonNode readDocument(InputStream in, String bodyName) {
        JsonNode root = codec.readTree(in);
        if (root == null || !root.isObject()) {
            throw malformed("the document must be a JSON object");
        }
        requireOnly(root, Set.of(bodyName, SIGNATURE), "the document");
        JsonNode signature = object(root.get(SIGNATURE), SIGNATURE);
        requireOnly(signature, Set.of(VALUE, CERTIFICATES), SIGNATURE);
        return root;
    }

    private static byte[] signatureValue(JsonNode root) {
        JsonNode value = root.get(SIGNATURE).get(VALUE);
        if (value == null || !value.isTextual()) {
            throw malformed("signature.value must be a base64 string");
        }
        return decodeBase64(SIGNATURE + "." + VALUE, value.asText());
    }

    private static List<X509Certificate> chain(JsonNode root) {
        JsonNode certificates = root.get(SIGNATURE).get(CERTIFICATES);
        if (certificates == null || !certificates.isArray() || certificates.isEmpty() || certificates.size() > MAX_CHAIN) {
            throw malformed("signature.certificates must be an array of 1 to " + MAX_CHAIN + " base64 DER certificates");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (JsonNode certificate : certificates) {
            if (!certificate.isTextual()) {
                throw malformed("signature.certificates must hold base64 strings");
            }
            chain.add(certificate(certificate.asText()));
        }
        return chain;
    }

    private static X509Certificate certificate(String base64) {
        X509Certificate parsed = PARSED.get(base64);
        if (parsed == null) {
            parsed = Certificates.parse(decodeBase64(SIGNATURE + "." + CERTIFICATES, base64));
            if (base64.length() > MAX_REMEMBERED_TEXT) {
                return parsed;
            }
            if (PARSED.size() >= MAX_PARSED_CERTIFICATES) {
                PARSED.clear();
            }
            PARSED.put(base64, parsed);
        }
        return parsed;
    }

    static byte[] decodeBase64(String field, String text) {
        try {
            return HeaderText.parseBase64(field, text);
        } catch (org.goldensdk.core.ValidationException e) {
            throw malformed(e.getMessage());
        }
    }

    private static ObjectNode object(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            throw malformed(name + " must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static void requireOnly(JsonNode node, Set<String> names, String where) {
        node.fieldNames().forEachRemaining(name -> {
            if (!names.contains(name)) {
                throw malformed(where + " has an unknown member '" + (name.length() > 40 ? name.substring(0, 40) : name) + "'");
            }
        });
    }

    private static MalformedInputException malformed(String message) {
        return new MalformedInputException("envelope JSON: " + message, null);
    }
}
