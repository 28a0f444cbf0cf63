package org.goldensdk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.UnrecoverableKeyException;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.ValidationException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.TrustAnchors;

/**
 * A development certificate authority — never for production. It holds a GM (SM2) root and an
 * INTL (P-256) root and issues each department, as a Chinese platform CA would, three certificates
 * whose subject carries the credit code in {@code serialNumber} (2.5.4.5):
 * <ul>
 * <li>GM signing — SM2, key usage digitalSignature + nonRepudiation;</li>
 * <li>GM encryption — SM2, key usage keyEncipherment + dataEncipherment + keyAgreement;</li>
 * <li>INTL — P-256, key usage digitalSignature + keyAgreement, extended key usage TLS client and
 * server, subject alternative names DNS {@code localhost} and IP {@code 127.0.0.1} so it serves TLS in tests.</li>
 * </ul>
 * Its clock and default validity are configurable, and any validity can be asked for (e.g. an
 * already expired one) for negative tests; a second authority is a "foreign" CA. Keys live only in
 * memory. Thread-safe.
 */
public final class CertificateAuthority {
    private static final Provider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String GM_ROOT_ALIAS = "gm-root";
    private static final String INTL_ROOT_ALIAS = "intl-root";

    private final Clock clock;
    private final Duration validity;
    private final KeyPair gmRootKeys;
    private final KeyPair intlRootKeys;
    private final X509Certificate gmRoot;
    private final X509Certificate intlRoot;

    private CertificateAuthority(Builder builder) {
        this.clock = builder.clock;
        this.validity = builder.validity;
        Instant from = builder.rootValidFrom != null ? builder.rootValidFrom : clock.instant().minus(Duration.ofDays(1));
        Instant to = from.plus(builder.rootValidity);
        this.gmRootKeys = keyPair("sm2p256v1");
        this.intlRootKeys = keyPair("secp256r1");
        this.gmRoot = root(gmRootKeys, builder.name + " GM root", from, to);
        this.intlRoot = root(intlRootKeys, builder.name + " INTL root", from, to);
    }

    private CertificateAuthority(Clock clock, Duration validity, KeyPair gmRootKeys, X509Certificate gmRoot, KeyPair intlRootKeys,
            X509Certificate intlRoot) {
        this.clock = clock;
        this.validity = validity;
        this.gmRootKeys = gmRootKeys;
        this.intlRootKeys = intlRootKeys;
        this.gmRoot = gmRoot;
        this.intlRoot = intlRoot;
    }

    /** A CA with default settings: system UTC clock, leaves valid one year, roots ten years. */
    public static CertificateAuthority create() {
        return builder().build();
    }

    /** A builder for a CA with its own name, clock and validities. */
    public static Builder builder() {
        return new Builder();
    }

    /** The GM (SM2) root certificate. */
    public X509Certificate gmRoot() {
        return gmRoot;
    }

    /** The INTL (P-256) root certificate. */
    public X509Certificate intlRoot() {
        return intlRoot;
    }

    /** Both roots as trust anchors. */
    public TrustAnchors trustAnchors() {
        return TrustAnchors.of(List.of(gmRoot, intlRoot));
    }

    /** Issues a department's three certificates valid from the CA clock's now (less an hour of skew) for the default validity. */
    public DepartmentCredentials issue(CreditCode creditCode, String organisation) {
        Instant now = clock.instant();
        return issue(creditCode, organisation, now.minus(Duration.ofHours(1)), now.plus(validity));
    }

    /**
     * Issues a department's three certificates valid between the two instants — in the past for an
     * expired set. The credit code goes into each subject's serialNumber (2.5.4.5) attribute.
     */
    public DepartmentCredentials issue(CreditCode creditCode, String organisation, Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(creditCode, "creditCode");
        Objects.requireNonNull(organisation, "organisation");
        KeyPair signing = keyPair("sm2p256v1");
        KeyPair encryption = keyPair("sm2p256v1");
        KeyPair intl = keyPair("secp256r1");
        return DepartmentCredentials.builder()
                .gmSigning(signing.getPrivate(), List.of(leaf(gmRootKeys, gmRoot, signing.getPublic(), subject(creditCode, organisation, "sign"),
                        notBefore, notAfter, CertificateRole.GM_SIGNING.keyUsage(), false), gmRoot))
                .gmEncryption(encryption.getPrivate(), List.of(leaf(gmRootKeys, gmRoot, encryption.getPublic(), subject(creditCode, organisation, "enc"),
                        notBefore, notAfter, CertificateRole.GM_ENCRYPTION.keyUsage(), false), gmRoot))
                .intl(intl.getPrivate(), List.of(leaf(intlRootKeys, intlRoot, intl.getPublic(), subject(creditCode, organisation, "intl"),
                        notBefore, notAfter, CertificateRole.INTL.keyUsage(), true), intlRoot))
                .build();
    }

    /**
     * Issues one certificate for a PKCS#10 certificate request (PEM, as {@code golden keygen} writes
     * it), valid from the CA clock's now (less an hour of skew) for the default validity. The request's
     * subject is kept as it is and must carry the department's credit code in serialNumber (2.5.4.5);
     * the key must belong to the role's suite (SM2 for the GM roles, P-256 or RSA for INTL). The
     * certificate gets the same extensions as the role's certificate from {@link #issue(CreditCode, String)}.
     *
     * @throws MalformedInputException if the text is not a PEM certificate request
     * @throws SignatureException if the request's self-signature does not verify
     * @throws ValidationException if the subject has no valid credit code or the key does not fit the role
     */
    public X509Certificate issue(String pkcs10Pem, CertificateRole role) {
        Objects.requireNonNull(pkcs10Pem, "pkcs10Pem");
        Objects.requireNonNull(role, "role");
        JcaPKCS10CertificationRequest request = certificationRequest(pkcs10Pem);
        PublicKey key;
        try {
            key = request.setProvider(BC).getPublicKey();
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC).build(key))) {
                throw new SignatureException("the certificate request's signature does not verify with its own key;"
                        + " the request was altered or made with another key");
            }
        } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
            throw new SignatureException("cannot verify the certificate request's signature: " + e.getMessage(), e);
        }
        X500Name subject = request.getSubject();
        RDN[] serials = subject.getRDNs(BCStyle.SERIALNUMBER);
        if (serials.length != 1 || !CreditCode.parse(IETFUtils.valueToString(serials[0].getFirst().getValue())).hasValidCheckCharacter()) {
            throw new ValidationException("subject", "csr.creditCode", "the request's subject " + subject
                    + " must carry the department's credit code once as serialNumber (SERIALNUMBER=…)");
        }
        CryptoSuite suite = CryptoSuite.of(key);
        if (suite != role.suite()) {
            throw new ValidationException("key", "csr.suite", "a " + role + " certificate needs a " + role.suite()
                    + " key, but the request holds a " + suite + " key; generate one with golden keygen --suite " + role.suite());
        }
        Instant now = clock.instant();
        KeyPair issuerKeys = suite == CryptoSuite.GM ? gmRootKeys : intlRootKeys;
        X509Certificate issuer = suite == CryptoSuite.GM ? gmRoot : intlRoot;
        return leaf(issuerKeys, issuer, key, subject, now.minus(Duration.ofHours(1)), now.plus(validity), role.keyUsage(),
                role == CertificateRole.INTL);
    }

    /**
     * Saves the CA — both root keys and certificates (aliases {@code gm-root}, {@code intl-root}) —
     * as a password-protected PKCS#12 file, so a later process can {@link #load} it and issue more.
     * Development only: the root keys are in that file.
     */
    public void save(Path file, char[] password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12", BC);
            store.load(null, null);
            store.setKeyEntry(GM_ROOT_ALIAS, gmRootKeys.getPrivate(), password, new java.security.cert.Certificate[] {gmRoot});
            store.setKeyEntry(INTL_ROOT_ALIAS, intlRootKeys.getPrivate(), password, new java.security.cert.Certificate[] {intlRoot});
            store.store(out, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store the CA's keys in PKCS#12", e);
        }
    }

    /**
     * Loads a CA {@link #save saved} earlier; it issues with the system UTC clock and the default validity.
     *
     * @throws ConfigurationException (key {@code password}) for a wrong password, (key {@code ca}) for
     *     a file that cannot be read or holds no development CA
     */
    public static CertificateAuthority load(Path file, char[] password) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12", BC);
            store.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new ConfigurationException("password", "wrong password for the CA file " + file, e);
            }
            throw new ConfigurationException("ca", "cannot read the CA file " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("ca", "cannot read the CA file " + file + ": " + e.getMessage(), e);
        }
        try {
            X509Certificate gm = (X509Certificate) store.getCertificate(GM_ROOT_ALIAS);
            X509Certificate intl = (X509Certificate) store.getCertificate(INTL_ROOT_ALIAS);
            PrivateKey gmKey = (PrivateKey) store.getKey(GM_ROOT_ALIAS, password);
            PrivateKey intlKey = (PrivateKey) store.getKey(INTL_ROOT_ALIAS, password);
            if (gm == null || intl == null || gmKey == null || intlKey == null) {
                throw new ConfigurationException("ca", file + " holds no development CA (entries " + GM_ROOT_ALIAS + " and "
                        + INTL_ROOT_ALIAS + "); write one with golden sandbox or golden ca init");
            }
            return new CertificateAuthority(Clock.systemUTC(), Duration.ofDays(365), new KeyPair(gm.getPublicKey(), gmKey), gm,
                    new KeyPair(intl.getPublicKey(), intlKey), intl);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("password", "cannot read the CA's keys from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes both root certificates, GM first, as one PEM file. */
    public void writeTrustAnchorsPem(Path file) {
        try {
            Files.writeString(file, pem(gmRoot) + pem(intlRoot), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes credentials as a PKCS#12 file with the aliases {@code gm-sign}, {@code gm-enc}, {@code intl}. */
    public static void writePkcs12(DepartmentCredentials credentials, Path file, char[] password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            credentials.writePkcs12(out, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A certificate as PEM text. */
    public static String pem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static JcaPKCS10CertificationRequest certificationRequest(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof PKCS10CertificationRequest request) {
                return new JcaPKCS10CertificationRequest(request);
            }
        } catch (IOException | RuntimeException e) {
            throw new MalformedInputException("cannot read the certificate request: " + e.getMessage(), e);
        }
        throw new MalformedInputException("the text holds no PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----)", null);
    }

    private static X500Name subject(CreditCode creditCode, String organisation, String role) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.OU, role).addRDN(BCStyle.SERIALNUMBER, creditCode.value()).addRDN(BCStyle.CN, organisation).build();
    }

    private static KeyPair keyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec(curve), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle cannot generate a " + curve + " key", e);
        }
    }

    private static X509Certificate root(KeyPair keys, String name, Instant from, Instant to) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, "Golden SDK development")
                .addRDN(BCStyle.CN, name).build();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(from), Date.from(to),
                    subject, keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(builder, keys);
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the root certificate " + name, e);
        }
    }

    private static X509Certificate leaf(KeyPair issuerKeys, X509Certificate issuer, PublicKey key, X500Name subject,
            Instant from, Instant to, int keyUsage, boolean tls) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(from), Date.from(to),
                    subject, key);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuer));
            if (tls) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            return sign(builder, issuerKeys);
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair issuerKeys) throws GeneralSecurityException {
        String algorithm = CryptoSuite.of(issuerKeys.getPublic()) == CryptoSuite.GM ? "SM3WITHSM2" : "SHA256WITHECDSA";
        try {
            return new JcaX509CertificateConverter().setProvider(BC)
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(issuerKeys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + algorithm, e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    /** Settings of a development CA. Not thread-safe; the CA it builds is. */
    public static final class Builder {
        private String name = "Golden SDK development CA";
        private Clock clock = Clock.systemUTC();
        private Duration validity = Duration.ofDays(365);
        private Duration rootValidity = Duration.ofDays(3650);
        private Instant rootValidFrom;

        private Builder() {
        }

        /** The CA's name, used in the roots' common names. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The clock that decides "now" for default validities. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long department certificates issued without explicit dates are valid. */
        public Builder validity(Duration validity) {
            this.validity = Objects.requireNonNull(validity, "validity");
            return this;
        }

        /** The roots' validity window: from {@code from} for {@code validity} (default: from a day before now, ten years). */
        public Builder rootValidity(Instant from, Duration validity) {
            this.rootValidFrom = Objects.requireNonNull(from, "from");
            this.rootValidity = Objects.requireNonNull(validity, "validity");
            return this;
        }

        /** Generates the two root keys and certificates. */
        public CertificateAuthority build() {
            return new CertificateAuthority(this);
        }
    }
}
