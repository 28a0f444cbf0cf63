package org.goldensdk.core.internal.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.goldensdk.core.CryptoException;

/** Converts JCA keys to BouncyCastle's lightweight parameters and tells which kind of key they are. */
public final class Keys {
    /** The kinds of key the SDK supports. */
    public enum Kind {
        /** SM2 on the recommended curve sm2p256v1 (GM/T 0003.5). */
        SM2,
        /** ECDSA/ECDH on NIST P-256. */
        P256,
        /** RSA. */
        RSA
    }

    private Keys() {
    }

    /** The lightweight parameters of a public key, whichever provider made it. */
    public static AsymmetricKeyParameter publicParameters(PublicKey key) {
        try {
            return PublicKeyFactory.createKey(encoded(key));
        } catch (IOException | RuntimeException e) {
            throw new CryptoException("unusable public key (" + key.getAlgorithm() + "): " + e.getMessage(), e);
        }
    }

    /** The lightweight parameters of a private key, whichever provider made it. */
    public static AsymmetricKeyParameter privateParameters(PrivateKey key) {
        try {
            return PrivateKeyFactory.createKey(encoded(key));
        } catch (IOException | RuntimeException e) {
            throw new CryptoException("unusable private key (" + key.getAlgorithm()
                    + "): it must be exportable as PKCS#8; hardware keys need their own Signer", e);
        }
    }

    /** The kind of a key given as lightweight parameters; CryptoException for anything else. */
    public static Kind kind(AsymmetricKeyParameter key) {
        if (key instanceof RSAKeyParameters) {
            return Kind.RSA;
        }
        if (key instanceof ECKeyParameters && ((ECKeyParameters) key).getParameters() instanceof ECNamedDomainParameters) {
            ASN1ObjectIdentifier curve = ((ECNamedDomainParameters) ((ECKeyParameters) key).getParameters()).getName();
            if (GMObjectIdentifiers.sm2p256v1.equals(curve)) {
                return Kind.SM2;
            }
            if (SECObjectIdentifiers.secp256r1.equals(curve)) {
                return Kind.P256;
            }
            throw new CryptoException("unsupported elliptic curve " + curve + "; use SM2 (sm2p256v1) or P-256");
        }
        throw new CryptoException("unsupported key type " + key.getClass().getSimpleName()
                + "; use SM2 (sm2p256v1), EC P-256 or RSA");
    }

    /** The kind of a public key. */
    public static Kind kind(PublicKey key) {
        return kind(publicParameters(key));
    }

    /** Whether the private key is the one belonging to the public key. */
    public static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
        AsymmetricKeyParameter priv = privateParameters(privateKey);
        AsymmetricKeyParameter pub = publicParameters(publicKey);
        if (priv instanceof ECPrivateKeyParameters && pub instanceof ECPublicKeyParameters) {
            ECPrivateKeyParameters ecPrivate = (ECPrivateKeyParameters) priv;
            ECPublicKeyParameters ecPublic = (ECPublicKeyParameters) pub;
            return ecPrivate.getParameters().equals(ecPublic.getParameters())
                    && ecPrivate.getParameters().getG().multiply(ecPrivate.getD()).normalize().equals(ecPublic.getQ());
        }
        if (priv instanceof RSAKeyParameters && pub instanceof RSAKeyParameters) {
            return ((RSAKeyParameters) priv).getModulus().equals(((RSAKeyParameters) pub).getModulus());
        }
        return false;
    }

    /** The same private key as the JDK's own providers represent it (for JSSE and other JDK APIs; INTL keys only). */
    public static PrivateKey toJdk(PrivateKey key) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm().equals("RSA") ? "RSA" : "EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(encoded(key)));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("the JDK cannot represent this " + key.getAlgorithm()
                    + " key; only INTL (P-256, RSA) keys can be used with JDK APIs such as TLS", e);
        }
    }

    private static byte[] encoded(Key key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new CryptoException("the " + key.getAlgorithm() + " key cannot be exported (a hardware key?); "
                    + "plug it in through its own Signer instead");
        }
        return encoded;
    }
}
