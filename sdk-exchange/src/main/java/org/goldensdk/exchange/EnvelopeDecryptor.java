package org.goldensdk.exchange;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.EncryptionHeader;
import org.goldensdk.core.ValidationException;

/**
 * Decrypts the payload and attachments of SENSITIVE envelopes addressed to one department, with
 * its encryption key. Each part is bound to its message and place, so ciphertext moved from
 * another envelope or another attachment does not decrypt. Pass the carried bytes through
 * {@link EnvelopeVerifier#payload} first so their digest is checked too. Immutable and thread-safe.
 */
public final class EnvelopeDecryptor {
    private final DepartmentCredentials credentials;

    private EnvelopeDecryptor(DepartmentCredentials credentials) {
        this.credentials = credentials;
    }

    /** A decryptor with the receiving department's credentials. */
    public static EnvelopeDecryptor of(DepartmentCredentials credentials) {
        return new EnvelopeDecryptor(Objects.requireNonNull(credentials, "credentials"));
    }

    /**
     * Decrypts the payload from {@code carried} to {@code plaintext}. If it throws, discard what was
     * written: the content did not authenticate.
     *
     * @throws org.goldensdk.core.CryptoException if the payload was encrypted for another certificate
     * @throws org.goldensdk.core.SignatureException if the ciphertext or its header were altered
     * @throws ValidationException if the envelope carries no encrypted payload
     */
    public void decryptPayload(Envelope envelope, InputStream carried, OutputStream plaintext) {
        EnvelopeHeader header = envelope.header();
        EncryptionHeader encryption = header.payloadEncryption().orElseThrow(() -> notEncrypted(header));
        credentials.decrypt(encryption, carried, plaintext, EnvelopeSealer.associatedData(header.messageId(), "payload"));
    }

    /** Decrypts attachment {@code index}, like {@link #decryptPayload}. */
    public void decryptAttachment(Envelope envelope, int index, InputStream carried, OutputStream plaintext) {
        EnvelopeHeader header = envelope.header();
        if (index < 0 || index >= header.attachments().size()) {
            throw new ValidationException("attachments", "envelope.attachmentIndex", "there is no attachment " + index);
        }
        EncryptionHeader encryption = header.attachments().get(index).encryption().orElseThrow(() -> notEncrypted(header));
        credentials.decrypt(encryption, carried, plaintext,
                EnvelopeSealer.associatedData(header.messageId(), "attachments/" + index));
    }

    private static ValidationException notEncrypted(EnvelopeHeader header) {
        return new ValidationException("classification", "envelope.notEncrypted", "envelope " + header.messageId()
                + " is " + header.classification() + " and carries plaintext; read it without decrypting");
    }
}
