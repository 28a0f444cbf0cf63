package org.goldensdk.core;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.goldensdk.core.internal.crypto.Bc;
import org.goldensdk.core.internal.crypto.Signatures;

/**
 * Verifies signatures made with one public key. Contract: {@link #verify} returns {@code false} for
 * every signature that does not verify — tampered data, another key, the other suite's algorithm,
 * or bytes that are not a signature at all — and never throws for them; {@link #requireValid}
 * turns {@code false} into a SignatureException. Only a failing data stream throws
 * (MalformedInputException). It checks the signature, not whether the certificate is trusted:
 * validate the chain with {@link TrustAnchors} first. Immutable and thread-safe.
 */
public final class Verifier {
    private final SignatureAlgorithm algorithm;
    private final Signatures.Pool pool;
    private final String signerName;

    private Verifier(PublicKey key, String signerName) {
        this.algorithm = SignatureAlgorithm.of(key);
        this.pool = Signatures.verifying(algorithm, key);
        this.signerName = signerName;
    }

    /** A verifier for the key of {@code certificate}. */
    public static Verifier of(X509Certificate certificate) {
        return new Verifier(certificate.getPublicKey(), Bc.subject(certificate));
    }

    /** A verifier for a bare public key (SM2, P-256 or RSA); CryptoException for any other key. */
    public static Verifier of(PublicKey key) {
        return new Verifier(key, null);
    }

    /** The algorithm signatures must have been made with. */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The suite of the verifier's key. */
    public CryptoSuite suite() {
        return algorithm.suite();
    }

    /** Whether {@code signature} is this key's signature over the stream, read to its end in chunks. */
    public boolean verify(InputStream data, byte[] signature) {
        return pool.verify(data, signature);
    }

    /** Whether {@code signature} is this key's signature over {@code data}. */
    public boolean verify(byte[] data, byte[] signature) {
        return verify(new ByteArrayInputStream(data), signature);
    }

    /** Returns normally if the signature verifies; SignatureException naming the expected signer otherwise. */
    public void requireValid(InputStream data, byte[] signature) {
        if (!verify(data, signature)) {
            throw new SignatureException("the " + algorithm.id() + " signature does not verify"
                    + Optional.ofNullable(signerName).map(name -> " for " + name).orElse("")
                    + ": the data was altered, or it was signed with another key or suite");
        }
    }

    /** Byte-array form of {@link #requireValid(InputStream, byte[])}. */
    public void requireValid(byte[] data, byte[] signature) {
        requireValid(new ByteArrayInputStream(data), signature);
    }
}
