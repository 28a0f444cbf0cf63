package org.goldensdk.core.internal.crypto;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.goldensdk.core.CryptoException;
import org.goldensdk.core.SignatureAlgorithm;

/**
 * Signing and verifying on BouncyCastle's lightweight signers. Initialising an SM2 signer computes
 * the public point and Z (the hash of the user ID and key) — most of its cost — so initialised
 * signers are kept in a pool and reused; BouncyCastle restores Z on every reset.
 */
public final class Signatures {
    /** GM/T 0009's default SM2 user ID, set explicitly (older BouncyCastle versions used an empty one). */
    public static final byte[] SM2_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private Signatures() {
    }

    /** A pool of signers initialised for signing with {@code key}, drawing k from {@code random}. */
    public static Pool signing(SignatureAlgorithm algorithm, PrivateKey key, SecureRandom random) {
        CipherParameters params = new ParametersWithRandom(Keys.privateParameters(key), random);
        return new Pool(algorithm, true, algorithm == SignatureAlgorithm.SM2_SM3 ? new ParametersWithID(params, SM2_USER_ID) : params);
    }

    /** A pool of signers initialised for verifying with {@code key}. */
    public static Pool verifying(SignatureAlgorithm algorithm, PublicKey key) {
        CipherParameters params = Keys.publicParameters(key);
        return new Pool(algorithm, false, algorithm == SignatureAlgorithm.SM2_SM3 ? new ParametersWithID(params, SM2_USER_ID) : params);
    }

    private static Supplier<Signer> factory(SignatureAlgorithm algorithm) {
        switch (algorithm) {
            case SM2_SM3:
                return () -> new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest());
            case ES256:
                return () -> new DSADigestSigner(new ECDSASigner(), SHA256Digest.newInstance(), StandardDSAEncoding.INSTANCE);
            default:
                return () -> new RSADigestSigner(SHA256Digest.newInstance());
        }
    }

    /** Initialised lightweight signers for one key, reused across calls and threads. */
    public static final class Pool {
        private final SignatureAlgorithm algorithm;
        private final boolean forSigning;
        private final CipherParameters params;
        private final Supplier<Signer> factory;
        private final Deque<Signer> idle = new ConcurrentLinkedDeque<>();

        private Pool(SignatureAlgorithm algorithm, boolean forSigning, CipherParameters params) {
            this.algorithm = algorithm;
            this.forSigning = forSigning;
            this.params = params;
            this.factory = factory(algorithm);
            idle.push(take());
        }

        /** Signs the stream read to its end. */
        public byte[] sign(InputStream data) {
            Signer signer = take();
            try {
                Streams.feed(data, (buffer, length) -> signer.update(buffer, 0, length));
                return signer.generateSignature();
            } catch (org.bouncycastle.crypto.CryptoException | RuntimeException e) {
                if (e instanceof org.goldensdk.core.GoldenException) {
                    throw (org.goldensdk.core.GoldenException) e;
                }
                throw new CryptoException(algorithm.id() + " signing failed: " + e.getMessage(), e);
            } finally {
                give(signer);
            }
        }

        /** Whether the signature verifies over the stream read to its end; false for malformed signatures. */
        public boolean verify(InputStream data, byte[] signature) {
            Signer signer = take();
            try {
                Streams.feed(data, (buffer, length) -> signer.update(buffer, 0, length));
                return signature != null && signer.verifySignature(signature);
            } finally {
                give(signer);
            }
        }

        private Signer take() {
            Signer signer = idle.poll();
            if (signer == null) {
                signer = factory.get();
                signer.init(forSigning, params);
            }
            return signer;
        }

        private void give(Signer signer) {
            signer.reset();
            idle.push(signer);
        }
    }
}
