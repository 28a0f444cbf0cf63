package org.goldensdk.core.internal.crypto;

import java.io.InputStream;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import org.goldensdk.core.CryptoException;
import org.goldensdk.core.SignatureAlgorithm;
import org.goldensdk.core.Signer;

/** A {@link Signer} for a private key held in memory (PKCS#12 or PEM). */
public final class SoftwareSigner implements Signer {
    private final SignatureAlgorithm algorithm;
    private final List<X509Certificate> chain;
    private final Signatures.Pool pool;

    private SoftwareSigner(PrivateKey key, List<X509Certificate> chain, SecureRandom random) {
        if (chain == null || chain.isEmpty()) {
            throw new CryptoException("a signer needs its certificate chain, end-entity certificate first; got none");
        }
        this.chain = Bc.certificates(chain);
        X509Certificate own = this.chain.get(0);
        if (!Keys.belongTogether(key, own.getPublicKey())) {
            throw new CryptoException("the private key does not belong to the certificate "
                    + Bc.subject(own) + "; pair each key with its own certificate");
        }
        this.algorithm = SignatureAlgorithm.of(own.getPublicKey());
        this.pool = Signatures.signing(algorithm, key, random);
    }

    /** A signer drawing its per-signature randomness from the SDK's SecureRandom. */
    public static SoftwareSigner of(PrivateKey key, List<X509Certificate> chain) {
        return new SoftwareSigner(key, chain, Bc.random());
    }

    /** A signer drawing its per-signature randomness (k) from {@code random}; for known-answer tests. */
    public static SoftwareSigner of(PrivateKey key, List<X509Certificate> chain, SecureRandom random) {
        return new SoftwareSigner(key, chain, random);
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    @Override
    public byte[] sign(InputStream data) {
        return pool.sign(data);
    }

    @Override
    public String toString() {
        return "SoftwareSigner[" + algorithm.id() + ", " + Bc.subject(certificate()) + "]";
    }
}
