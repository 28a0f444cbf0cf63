package org.goldensdk.core;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.goldensdk.core.internal.crypto.Bc;

/**
 * What the SDK reads from department certificates. Parsing goes through BouncyCastle explicitly,
 * so SM2 certificates (which the JDK cannot parse) work without touching the host's provider list.
 */
public final class Certificates {
    private Certificates() {
    }

    /**
     * Parses one DER-encoded X.509 certificate (SM2, P-256 or RSA).
     *
     * @throws MalformedInputException if the bytes are not a certificate
     */
    public static X509Certificate parse(byte[] der) {
        try {
            return Bc.certificate(der);
        } catch (CryptoException e) {
            throw new MalformedInputException("not a DER-encoded X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** The DER encoding of {@code certificate}. */
    public static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new CryptoException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** The digest, with {@code suite}'s algorithm, of {@code certificate}'s DER encoding. */
    public static DigestValue digest(X509Certificate certificate, CryptoSuite suite) {
        return suite.digest(encoded(certificate));
    }

    /**
     * The unified social credit code the platform CA wrote into the subject's serialNumber
     * (2.5.4.5) attribute, parsed leniently (real codes with a bad check character exist); empty if
     * the attribute is absent or is no credit code.
     */
    public static Optional<CreditCode> creditCode(X509Certificate certificate) {
        RDN[] rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.SERIALNUMBER);
        if (rdns.length == 0 || !(rdns[0].getFirst().getValue() instanceof ASN1String value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(CreditCode.parse(value.getString(), CreditCode.Strictness.LENIENT));
        } catch (ValidationException notACreditCode) {
            return Optional.empty();
        }
    }

    /** The subject in RFC 4514 form as BouncyCastle prints it (attribute names rather than OIDs). */
    public static String subject(X509Certificate certificate) {
        return Bc.subject(certificate);
    }
}
