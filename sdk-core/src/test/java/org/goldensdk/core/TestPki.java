package org.goldensdk.core;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test-only certificates made with BouncyCastle directly (sdk-core cannot use sdk-testkit's CA:
 * that would be a reactor cycle). Its own provider instance, never registered globally.
 */
final class TestPki {
    static final Provider BC = new BouncyCastleProvider();
    static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** A key pair with its certificate. */
    record Issued(KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {
        PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    private TestPki() {
    }

    static KeyPair sm2() {
        return ec("sm2p256v1");
    }

    static KeyPair p256() {
        return ec("secp256r1");
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BC);
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair keysFor(CryptoSuite suite) {
        return suite == CryptoSuite.GM ? sm2() : p256();
    }

    private static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static X500Name name(String commonName, String creditCode) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, "Golden SDK tests");
        if (creditCode != null) {
            builder.addRDN(BCStyle.SERIALNUMBER, creditCode);
        }
        return builder.addRDN(BCStyle.CN, commonName).build();
    }

    /** A self-signed CA valid a year around {@link #NOW}. */
    static Issued root(KeyPair keys, String commonName) {
        X509Certificate certificate = certificate(keys, name(commonName, null), keys, name(commonName, null),
                NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(365)), true,
                KeyUsage.keyCertSign | KeyUsage.cRLSign, new KeyPurposeId[0]);
        return new Issued(keys, certificate, List.of(certificate));
    }

    static Issued root(CryptoSuite suite, String commonName) {
        return root(keysFor(suite), commonName);
    }

    /** An end-entity certificate issued by {@code ca}, valid a month around {@link #NOW}. */
    static Issued leaf(Issued ca, KeyPair keys, String creditCode, int keyUsage, KeyPurposeId... ekus) {
        return leaf(ca, keys, creditCode, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(30)), keyUsage, ekus);
    }

    static Issued leaf(Issued ca, KeyPair keys, String creditCode, Instant from, Instant to, int keyUsage,
            KeyPurposeId... ekus) {
        X509Certificate certificate = certificate(ca.keys(),
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                keys, name("dept " + creditCode, creditCode), from, to, false, keyUsage, ekus);
        return new Issued(keys, certificate, List.of(certificate, ca.certificate()));
    }

    static Issued signingLeaf(Issued ca, String creditCode) {
        return leaf(ca, sameKindAs(ca), creditCode, KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
    }

    static Issued encryptionLeaf(Issued ca, String creditCode) {
        return leaf(ca, sameKindAs(ca), creditCode, KeyUsage.keyEncipherment | KeyUsage.dataEncipherment | KeyUsage.keyAgreement);
    }

    static Issued tlsLeaf(Issued ca, String creditCode) {
        return leaf(ca, sameKindAs(ca), creditCode, KeyUsage.digitalSignature | KeyUsage.keyAgreement,
                KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth);
    }

    private static KeyPair sameKindAs(Issued ca) {
        return CryptoSuite.of(ca.certificate()) == CryptoSuite.GM ? sm2() : p256();
    }

    private static X509Certificate certificate(KeyPair issuerKeys, X500Name issuer, KeyPair subjectKeys, X500Name subject,
            Instant from, Instant to, boolean ca, int keyUsage, KeyPurposeId[] ekus) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), subject, subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (ekus.length > 0) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ekus));
            }
            String algorithm = switch (SignatureAlgorithm.of(issuerKeys.getPublic())) {
                case SM2_SM3 -> "SM3WITHSM2";
                case ES256 -> "SHA256WITHECDSA";
                case RS256 -> "SHA256WITHRSA";
            };
            return new JcaX509CertificateConverter().setProvider(BC)
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
