package org.goldensdk.core;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.goldensdk.core.internal.crypto.SoftwareSigner;

/**
 * Service-provider interface for whatever holds a signing key: a software key ({@link #of}, or
 * {@link DepartmentCredentials#signer(CryptoSuite)}) today, a hardware module (PKCS#11, GM/T 0018
 * SDF) later. Implementations must be thread-safe and produce signatures that {@link Verifier}
 * accepts for {@link #certificate()}: DER {@code SEQUENCE {r, s}} for SM2-SM3 (user ID
 * {@code 1234567812345678}) and ES256, PKCS#1 v1.5 for RS256.
 */
public interface Signer {
    /** The algorithm this signer signs with; its {@link SignatureAlgorithm#suite()} is the signer's suite. */
    SignatureAlgorithm algorithm();

    /** The signer's suite, as follows from its key. */
    default CryptoSuite suite() {
        return algorithm().suite();
    }

    /** The signer's certificate chain, end-entity certificate first; never empty. */
    List<X509Certificate> certificateChain();

    /** The signer's own (end-entity) certificate. */
    default X509Certificate certificate() {
        return certificateChain().get(0);
    }

    /** Signs a stream read to its end in chunks (it is not held whole in memory, nor closed). */
    byte[] sign(InputStream data);

    /** Signs bytes. */
    default byte[] sign(byte[] data) {
        return sign(new ByteArrayInputStream(data));
    }

    /**
     * A software signer for a private key and its certificate chain (end-entity first). The suite
     * follows from the key; a chain whose first certificate does not carry the key's public half is
     * refused with a CryptoException.
     */
    static Signer of(PrivateKey privateKey, List<X509Certificate> certificateChain) {
        return SoftwareSigner.of(privateKey, certificateChain);
    }
}
