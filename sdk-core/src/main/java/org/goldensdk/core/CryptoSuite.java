package org.goldensdk.core;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.goldensdk.core.internal.crypto.Streams;

/**
 * The two families of algorithms the SDK uses. {@link #GM} is China's national commercial
 * cryptography — SM2 signatures with SM3, SM3 digests, SM4-GCM content encryption and SM2 (C1C3C2)
 * key wrapping — and the default for government deployments. {@link #INTL} is ECDSA P-256 with
 * SHA-256 (or RSA), SHA-256, AES-256-GCM and ECDH-ES + HKDF + AES key wrap (or RSA-OAEP-256) — what
 * TLS, WS-Security and JOSE can use. The suite follows from a key ({@link #of(PublicKey)}); every
 * operation runs on a private BouncyCastle provider instance.
 */
public enum CryptoSuite {
    /** SM2/SM3/SM4 (GM/T 0002, 0003, 0004). */
    GM("GM", "SM3", "SM4-GCM"),
    /** P-256/SHA-256/AES-256-GCM (or RSA). */
    INTL("INTL", "SHA-256", "A256GCM");

    private final String id;
    private final String digestAlgorithmId;
    private final String contentEncryptionAlgorithmId;

    CryptoSuite(String id, String digestAlgorithmId, String contentEncryptionAlgorithmId) {
        this.id = id;
        this.digestAlgorithmId = digestAlgorithmId;
        this.contentEncryptionAlgorithmId = contentEncryptionAlgorithmId;
    }

    /** The stable id of the suite, {@code GM} or {@code INTL}. */
    public String id() {
        return id;
    }

    /** The suite's usual signature algorithm ({@code SM2-SM3} or {@code ES256}); RSA keys use RS256. */
    public SignatureAlgorithm signatureAlgorithm() {
        // not a field: SignatureAlgorithm's constants refer to these, and a cycle would leave one null
        return this == GM ? SignatureAlgorithm.SM2_SM3 : SignatureAlgorithm.ES256;
    }

    /** The stable id of the suite's digest: {@code SM3} or {@code SHA-256}. */
    public String digestAlgorithmId() {
        return digestAlgorithmId;
    }

    /** The stable id of the suite's content encryption: {@code SM4-GCM} or {@code A256GCM}. */
    public String contentEncryptionAlgorithmId() {
        return contentEncryptionAlgorithmId;
    }

    /** Digests a stream to its end in fixed-size chunks (never holding it whole); the stream is not closed. */
    public DigestValue digest(InputStream data) {
        Digest digest = newDigest();
        Streams.feed(data, (buffer, length) -> digest.update(buffer, 0, length));
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return DigestValue.of(this, out);
    }

    /** Digests bytes. */
    public DigestValue digest(byte[] data) {
        return digest(new ByteArrayInputStream(data));
    }

    /** The suite whose algorithms a key belongs to: SM2 → GM; P-256 or RSA → INTL; CryptoException otherwise. */
    public static CryptoSuite of(PublicKey key) {
        return SignatureAlgorithm.of(key).suite();
    }

    /** The suite of a certificate's key. */
    public static CryptoSuite of(X509Certificate certificate) {
        return of(certificate.getPublicKey());
    }

    /** The suite with this id ({@code GM} or {@code INTL}); MalformedInputException otherwise. */
    public static CryptoSuite parse(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new MalformedInputException("unknown crypto suite '" + id
                        + "'; expected GM or INTL", null));
    }

    /** The suite whose digest has this id ({@code SM3} or {@code SHA-256}); MalformedInputException otherwise. */
    public static CryptoSuite ofDigestAlgorithm(String digestAlgorithmId) {
        return Arrays.stream(values()).filter(s -> s.digestAlgorithmId.equals(digestAlgorithmId)).findFirst()
                .orElseThrow(() -> new MalformedInputException("unknown digest algorithm '" + digestAlgorithmId
                        + "'; expected SM3 or SHA-256", null));
    }

    Digest newDigest() {
        return this == GM ? new SM3Digest() : SHA256Digest.newInstance();
    }
}
