package org.goldensdk.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a receiver needs, besides its private key, to decrypt content made by
 * {@link ContentEncryption#encrypt}: the suite, the content-encryption algorithm ({@code SM4-GCM} or
 * {@code A256GCM}), the key-management algorithm ({@code SM2-C1C3C2}, {@code ECDH-ES+HKDF-SHA256+A256KW}
 * or {@code RSA-OAEP-256}), the digest of the receiver's certificate, the wrapped content key, the
 * ephemeral public key (ECDH-ES only, DER SubjectPublicKeyInfo; empty otherwise) and the 12-byte IV.
 * Nothing in it is secret. Its fields are bound into the ciphertext's authentication, so a header
 * changed after encryption makes decryption fail. Immutable.
 */
public final class EncryptionHeader {
    /** Length of the GCM nonce, in bytes. */
    public static final int IV_LENGTH = 12;

    private final CryptoSuite suite;
    private final String keyManagementAlgorithm;
    private final DigestValue recipient;
    private final byte[] encryptedKey;
    private final byte[] ephemeralPublicKey;
    private final byte[] iv;

    private EncryptionHeader(CryptoSuite suite, String keyManagementAlgorithm, DigestValue recipient,
            byte[] encryptedKey, byte[] ephemeralPublicKey, byte[] iv) {
        this.suite = suite;
        this.keyManagementAlgorithm = keyManagementAlgorithm;
        this.recipient = recipient;
        this.encryptedKey = encryptedKey;
        this.ephemeralPublicKey = ephemeralPublicKey;
        this.iv = iv;
    }

    /**
     * Rebuilds a header read from the wire. The content algorithm follows from {@code suite}; the
     * recipient digest must be made with the suite's digest. MalformedInputException for an
     * inconsistent header.
     */
    public static EncryptionHeader of(CryptoSuite suite, String keyManagementAlgorithm, DigestValue recipient,
            byte[] encryptedKey, byte[] ephemeralPublicKey, byte[] iv) {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(keyManagementAlgorithm, "keyManagementAlgorithm");
        Objects.requireNonNull(recipient, "recipient");
        if (recipient.suite() != suite) {
            throw new MalformedInputException("encryption header: recipient digest " + recipient.algorithmId()
                    + " does not belong to suite " + suite.id(), null);
        }
        if (iv == null || iv.length != IV_LENGTH) {
            throw new MalformedInputException("encryption header: the IV must be " + IV_LENGTH + " bytes", null);
        }
        if (encryptedKey == null || encryptedKey.length == 0) {
            throw new MalformedInputException("encryption header: the wrapped content key is missing", null);
        }
        return new EncryptionHeader(suite, keyManagementAlgorithm, recipient, encryptedKey.clone(),
                ephemeralPublicKey == null ? new byte[0] : ephemeralPublicKey.clone(), iv.clone());
    }

    /** The suite the content was encrypted with. */
    public CryptoSuite suite() {
        return suite;
    }

    /** {@code SM4-GCM} (GM) or {@code A256GCM} (INTL). */
    public String contentEncryptionAlgorithm() {
        return suite.contentEncryptionAlgorithmId();
    }

    /** How the content key was wrapped: {@code SM2-C1C3C2}, {@code ECDH-ES+HKDF-SHA256+A256KW} or {@code RSA-OAEP-256}. */
    public String keyManagementAlgorithm() {
        return keyManagementAlgorithm;
    }

    /** Digest (with the suite's digest) of the DER certificate the content key was wrapped for. */
    public DigestValue recipient() {
        return recipient;
    }

    /** A copy of the wrapped content key. */
    public byte[] encryptedKey() {
        return encryptedKey.clone();
    }

    /** A copy of the ephemeral public key for ECDH-ES; empty for the other algorithms. */
    public byte[] ephemeralPublicKey() {
        return ephemeralPublicKey.clone();
    }

    /** A copy of the GCM nonce. */
    public byte[] iv() {
        return iv.clone();
    }

    /** The header's algorithm ids and recipient, bound into the authenticated data before the caller's own. */
    byte[] boundPrefix() {
        return (contentEncryptionAlgorithm() + '\n' + keyManagementAlgorithm + '\n' + recipient + '\n')
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "EncryptionHeader[" + contentEncryptionAlgorithm() + ", " + keyManagementAlgorithm + ", for " + recipient + "]";
    }
}
