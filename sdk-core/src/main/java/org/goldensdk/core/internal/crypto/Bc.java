package org.goldensdk.core.internal.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.goldensdk.core.CryptoException;

/**
 * The SDK's one private BouncyCastle provider. It is handed to JCA {@code getInstance(alg, provider)}
 * explicitly and never registered with {@link java.security.Security}: a library must not reorder
 * its host application's providers.
 */
public final class Bc {
    private static final Provider PROVIDER = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Bc() {
    }

    /** The private provider instance. */
    public static Provider provider() {
        return PROVIDER;
    }

    /** The shared, thread-safe source of randomness for keys, nonces and signatures. */
    public static SecureRandom random() {
        return RANDOM;
    }

    /** A certificate factory that understands SM2 certificates (the JDK's does not). */
    public static CertificateFactory certificateFactory() {
        try {
            return CertificateFactory.getInstance("X.509", PROVIDER);
        } catch (CertificateException e) {
            throw new CryptoException("BouncyCastle offers no X.509 certificate factory", e);
        }
    }

    /** Parses one DER certificate with BouncyCastle. */
    public static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) certificateFactory().generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new CryptoException("not a parseable X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** Re-parses a certificate with BouncyCastle so SM2 signatures and keys work whatever parsed it first. */
    public static X509Certificate certificate(X509Certificate certificate) {
        try {
            return certificate(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new CryptoException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** Re-parses every certificate with BouncyCastle, keeping the order. */
    public static List<X509Certificate> certificates(Collection<X509Certificate> certificates) {
        List<X509Certificate> parsed = new ArrayList<>(certificates.size());
        for (X509Certificate certificate : certificates) {
            parsed.add(certificate(certificate));
        }
        return List.copyOf(parsed);
    }

    /** The certificate's subject as readable text, e.g. {@code C=CN,O=…,SERIALNUMBER=11420100MB00000196,CN=…} (RFC 2253 would hex-encode the serialNumber). */
    public static String subject(X509Certificate certificate) {
        return org.bouncycastle.asn1.x500.X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).toString();
    }

    /** The certificate's issuer as readable text. */
    public static String issuer(X509Certificate certificate) {
        return org.bouncycastle.asn1.x500.X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()).toString();
    }

    /** Reads every certificate in a PEM or DER stream (PEM may hold several). */
    public static List<X509Certificate> readCertificates(InputStream in) throws IOException {
        try {
            List<X509Certificate> parsed = new ArrayList<>();
            for (java.security.cert.Certificate certificate : certificateFactory().generateCertificates(in)) {
                parsed.add((X509Certificate) certificate);
            }
            return List.copyOf(parsed);
        } catch (CertificateException e) {
            throw new IOException("not a PEM or DER X.509 certificate: " + e.getMessage(), e);
        }
    }
}
