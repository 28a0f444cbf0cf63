package org.goldensdk.core.internal.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.RFC3394WrapEngine;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.BigIntegers;
import org.goldensdk.core.CryptoException;
import org.goldensdk.core.SignatureException;

/**
 * Wraps a content key for a receiver's public key and unwraps it with the private key:
 * SM2 encryption in GM/T 0003 order C1C3C2 for SM2 keys; ECDH-ES with an ephemeral P-256 key,
 * HKDF-SHA256 and AES-256 key wrap (RFC 3394) for P-256 keys; RSA-OAEP with SHA-256 (and MGF1-SHA-256)
 * for RSA keys. An unwrap that fails its integrity check is a SignatureException (altered, or
 * wrapped for another key).
 */
public final class KeyWrapping {
    /** Id of SM2 encryption, ciphertext C1 (uncompressed point) || C3 (SM3) || C2. */
    public static final String SM2_C1C3C2 = "SM2-C1C3C2";
    /** Id of ECDH-ES (ephemeral-static P-256) + HKDF-SHA256 + AES-256 key wrap. */
    public static final String ECDH_ES_A256KW = "ECDH-ES+HKDF-SHA256+A256KW";
    /** Id of RSA-OAEP with SHA-256 and MGF1-SHA-256. */
    public static final String RSA_OAEP_256 = "RSA-OAEP-256";

    private static final int KEK_LENGTH = 32;

    /** The result of wrapping: the wrapped key and, for ECDH-ES, the ephemeral public key (DER SubjectPublicKeyInfo). */
    public static final class Wrapped {
        private final String algorithm;
        private final byte[] encryptedKey;
        private final byte[] ephemeralPublicKey;

        Wrapped(String algorithm, byte[] encryptedKey, byte[] ephemeralPublicKey) {
            this.algorithm = algorithm;
            this.encryptedKey = encryptedKey;
            this.ephemeralPublicKey = ephemeralPublicKey;
        }

        /** The key-management algorithm id. */
        public String algorithm() {
            return algorithm;
        }

        /** The wrapped content key. */
        public byte[] encryptedKey() {
            return encryptedKey.clone();
        }

        /** The ephemeral public key for ECDH-ES; empty otherwise. */
        public byte[] ephemeralPublicKey() {
            return ephemeralPublicKey.clone();
        }
    }

    private KeyWrapping() {
    }

    /** The key-management algorithm id used for a receiver's key. */
    public static String algorithmFor(PublicKey receiver) {
        switch (Keys.kind(receiver)) {
            case SM2:
                return SM2_C1C3C2;
            case P256:
                return ECDH_ES_A256KW;
            default:
                return RSA_OAEP_256;
        }
    }

    /** Wraps {@code contentKey} for {@code receiver}. */
    public static Wrapped wrap(PublicKey receiver, byte[] contentKey, SecureRandom random) {
        AsymmetricKeyParameter key = Keys.publicParameters(receiver);
        String algorithm = algorithmFor(receiver);
        try {
            switch (algorithm) {
                case SM2_C1C3C2: {
                    SM2Engine engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
                    engine.init(true, new ParametersWithRandom(key, random));
                    return new Wrapped(algorithm, engine.processBlock(contentKey, 0, contentKey.length), new byte[0]);
                }
                case ECDH_ES_A256KW: {
                    ECPublicKeyParameters receiverKey = (ECPublicKeyParameters) key;
                    ECKeyPairGenerator generator = new ECKeyPairGenerator();
                    generator.init(new ECKeyGenerationParameters(receiverKey.getParameters(), random));
                    AsymmetricCipherKeyPair ephemeral = generator.generateKeyPair();
                    byte[] ephemeralEncoded = SubjectPublicKeyInfoFactory
                            .createSubjectPublicKeyInfo(ephemeral.getPublic()).getEncoded();
                    byte[] kek = agreedKek((ECPrivateKeyParameters) ephemeral.getPrivate(), receiverKey,
                            ephemeralEncoded, receiverKey);
                    RFC3394WrapEngine wrapper = new RFC3394WrapEngine(AESEngine.newInstance());
                    wrapper.init(true, new KeyParameter(kek));
                    return new Wrapped(algorithm, wrapper.wrap(contentKey, 0, contentKey.length), ephemeralEncoded);
                }
                default: {
                    OAEPEncoding oaep = oaep();
                    oaep.init(true, new ParametersWithRandom(key, random));
                    return new Wrapped(algorithm, oaep.processBlock(contentKey, 0, contentKey.length), new byte[0]);
                }
            }
        } catch (InvalidCipherTextException | IOException e) {
            throw new CryptoException(algorithm + " could not wrap the content key: " + e.getMessage(), e);
        }
    }

    /**
     * Unwraps a content key with the receiver's private key. The receiver's public key is needed for
     * ECDH-ES's key derivation. SignatureException if the wrapped key fails its integrity check.
     */
    public static byte[] unwrap(String algorithm, byte[] encryptedKey, byte[] ephemeralPublicKey,
            PrivateKey receiverPrivate, PublicKey receiverPublic) {
        if (!algorithm.equals(algorithmFor(receiverPublic))) {
            throw new CryptoException("the content key was wrapped with " + algorithm + " but this receiver's "
                    + Keys.kind(receiverPublic) + " key uses " + algorithmFor(receiverPublic));
        }
        AsymmetricKeyParameter key = Keys.privateParameters(receiverPrivate);
        try {
            switch (algorithm) {
                case SM2_C1C3C2: {
                    SM2Engine engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
                    engine.init(false, key);
                    return engine.processBlock(encryptedKey, 0, encryptedKey.length);
                }
                case ECDH_ES_A256KW: {
                    ECPrivateKeyParameters receiverKey = (ECPrivateKeyParameters) key;
                    AsymmetricKeyParameter ephemeral = PublicKeyFactory.createKey(ephemeralPublicKey);
                    if (!(ephemeral instanceof ECPublicKeyParameters)
                            || !((ECPublicKeyParameters) ephemeral).getParameters().equals(receiverKey.getParameters())) {
                        throw new SignatureException("the ephemeral key of the wrapped content key is not on the receiver's curve");
                    }
                    byte[] kek = agreedKek(receiverKey, (ECPublicKeyParameters) ephemeral, ephemeralPublicKey,
                            (ECPublicKeyParameters) Keys.publicParameters(receiverPublic));
                    RFC3394WrapEngine unwrapper = new RFC3394WrapEngine(AESEngine.newInstance());
                    unwrapper.init(false, new KeyParameter(kek));
                    return unwrapper.unwrap(encryptedKey, 0, encryptedKey.length);
                }
                default: {
                    OAEPEncoding oaep = oaep();
                    oaep.init(false, key);
                    return oaep.processBlock(encryptedKey, 0, encryptedKey.length);
                }
            }
        } catch (InvalidCipherTextException | IOException | IllegalArgumentException
                | org.bouncycastle.crypto.RuntimeCryptoException e) {
            // RuntimeCryptoException: e.g. an RSA block larger than this key's modulus (wrapped for another key)
            throw new SignatureException("the wrapped content key does not unwrap (" + algorithm
                    + "): it was altered or wrapped for another key", e);
        }
    }

    private static OAEPEncoding oaep() {
        return new OAEPEncoding(new RSABlindedEngine(), SHA256Digest.newInstance(), SHA256Digest.newInstance(), null);
    }

    /** HKDF-SHA256 over the ECDH shared secret, bound to the algorithm, the ephemeral key and the receiver's key. */
    private static byte[] agreedKek(ECPrivateKeyParameters own, ECPublicKeyParameters other,
            byte[] ephemeralEncoded, ECPublicKeyParameters receiver) throws IOException {
        // re-encoded here so both sides bind the same bytes, whichever provider parsed the certificate
        byte[] receiverEncoded = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(receiver).getEncoded();
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(own);
        byte[] secret = BigIntegers.asUnsignedByteArray(agreement.getFieldSize(), agreement.calculateAgreement(other));
        byte[] label = ECDH_ES_A256KW.getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[label.length + ephemeralEncoded.length + receiverEncoded.length];
        System.arraycopy(label, 0, info, 0, label.length);
        System.arraycopy(ephemeralEncoded, 0, info, label.length, ephemeralEncoded.length);
        System.arraycopy(receiverEncoded, 0, info, label.length + ephemeralEncoded.length, receiverEncoded.length);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(SHA256Digest.newInstance());
        hkdf.init(new HKDFParameters(secret, null, info));
        byte[] kek = new byte[KEK_LENGTH];
        hkdf.generateBytes(kek, 0, kek.length);
        Arrays.fill(secret, (byte) 0);
        return kek;
    }
}
