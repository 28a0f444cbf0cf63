package org.goldensdk.exchange.internal.client;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.goldensdk.core.StorageException;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Message;

/**
 * The SHA-256 fingerprint of what a caller asked to send: everything in the {@link Message} but its
 * message id, over the plaintext content. Two sends with one caller-chosen message id are the same
 * message exactly when their fingerprints match. The sealed envelope cannot serve: it carries the
 * creation time and, for SENSITIVE messages, ciphertext under a fresh key.
 */
public final class MessageFingerprint {
    private MessageFingerprint() {
    }

    /** {@code SHA-256:<hex>} of the message's content and metadata; reads the payload and attachments once. */
    public static String of(Message message) {
        MessageDigest digest = sha256();
        try (DataOutputStream out = new DataOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), digest))) {
            field(out, message.receiver().toString());
            field(out, message.service().toString());
            field(out, message.contentType());
            field(out, message.classification().name());
            field(out, message.expiresIn().map(Object::toString).orElse(""));
            field(out, message.conversationId().map(Object::toString).orElse(""));
            field(out, message.replyTo().map(Object::toString).orElse(""));
            field(out, message.actingFor().orElse(""));
            Map<String, String> properties = new TreeMap<>(message.properties());
            out.writeInt(properties.size());
            for (Map.Entry<String, String> property : properties.entrySet()) {
                field(out, property.getKey());
                field(out, property.getValue());
            }
            field(out, contentDigest(message.payload()));
            out.writeInt(message.attachments().size());
            for (Message.Attachment attachment : message.attachments()) {
                field(out, attachment.name());
                field(out, attachment.contentType());
                field(out, contentDigest(attachment.content()));
            }
        } catch (IOException e) {
            throw new StorageException("cannot read the message's content to fingerprint it", e);
        }
        return "SHA-256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** A length-prefixed string, so adjacent fields can never run into each other. */
    private static void field(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String contentDigest(Content content) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = content.open()) {
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
