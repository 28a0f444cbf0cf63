package org.goldensdk.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.goldensdk.core.CryptoSuite;

/**
 * The raw primitives of one suite, as a hand-written program without the SDK would use them:
 * BouncyCastle JCA {@link Signature} objects initialised once per thread (SM3withSM2 with the GM/T 0009
 * default user ID, or SHA256withECDSA) and a {@link MessageDigest} (SM3 or SHA-256). No certificates,
 * no path validation, no canonicalisation. Thread-safe (per-thread instances).
 */
final class RawCrypto {
    private static final Provider BC = new BouncyCastleProvider();
    private static final byte[] SM2_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private final CryptoSuite suite;
    private final KeyPair pair;
    private final ThreadLocal<Signature> signers;
    private final ThreadLocal<Signature> verifiers;
    private final ThreadLocal<MessageDigest> digests;

    RawCrypto(CryptoSuite suite) {
        this.suite = suite;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec(suite == CryptoSuite.GM ? "sm2p256v1" : "secp256r1"));
            this.pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.signers = ThreadLocal.withInitial(() -> signature(true));
        this.verifiers = ThreadLocal.withInitial(() -> signature(false));
        this.digests = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(suite == CryptoSuite.GM ? "SM3" : "SHA-256", BC);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Signature signature(boolean signing) {
        try {
            Signature signature = Signature.getInstance(suite == CryptoSuite.GM ? "SM3withSM2" : "SHA256withECDSA", BC);
            if (suite == CryptoSuite.GM) {
                signature.setParameter(new SM2ParameterSpec(SM2_USER_ID));
            }
            if (signing) {
                signature.initSign(pair.getPrivate());
            } else {
                signature.initVerify(pair.getPublic());
            }
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] sign(byte[] data, int offset, int length) {
        try {
            Signature signer = signers.get();
            signer.update(data, offset, length);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies; a signature that does not verify is a bug of the baseline, so it throws. */
    void verify(byte[] data, int offset, int length, byte[] signature) {
        try {
            Signature verifier = verifiers.get();
            verifier.update(data, offset, length);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("a baseline signature did not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] digest(byte[] data, int offset, int length) {
        MessageDigest digest = digests.get();
        digest.update(data, offset, length);
        return digest.digest();
    }
}
