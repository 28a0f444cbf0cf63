package org.goldensdk.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.goldensdk.core.internal.crypto.Bc;
import org.goldensdk.core.internal.crypto.Keys;
import org.goldensdk.core.internal.crypto.Pem;
import org.goldensdk.core.internal.crypto.Pkcs12;
import org.goldensdk.core.internal.crypto.SoftwareSigner;

/**
 * A department's three key pairs, as Chinese CAs issue them (双证书) plus one for what cannot do
 * SM2: a GM <b>signing</b> key (envelope and receipt signatures), a GM <b>encryption</b> key (content
 * keys are wrapped to it; the CA may escrow it) and an <b>INTL</b> key (P-256 or RSA) for TLS,
 * WS-Security and JOSE. All three certificates carry the department's unified social credit code in
 * the subject's {@code serialNumber} attribute (OID 2.5.4.5).
 *
 * <p>A PKCS#12 file holds the three as key entries with the aliases {@value #GM_SIGNING_ALIAS},
 * {@value #GM_ENCRYPTION_ALIAS} and {@value #INTL_ALIAS}, each with its chain (end-entity first).
 * Everything is checked when loaded: each key matches its certificate, each certificate's key
 * belongs to the right suite, and the three agree on the credit code. Immutable and thread-safe.
 */
public final class DepartmentCredentials {
    /** PKCS#12 alias of the GM (SM2) signing key. */
    public static final String GM_SIGNING_ALIAS = "gm-sign";
    /** PKCS#12 alias of the GM (SM2) encryption key. */
    public static final String GM_ENCRYPTION_ALIAS = "gm-enc";
    /** PKCS#12 alias of the INTL (P-256 or RSA) key for TLS, WS-Security and JOSE. */
    public static final String INTL_ALIAS = "intl";

    private final Pkcs12.Entry gmSigning;
    private final Pkcs12.Entry gmEncryption;
    private final Pkcs12.Entry intl;
    private final Signer gmSigner;
    private final Signer intlSigner;
    private final CreditCode creditCode;

    private DepartmentCredentials(Pkcs12.Entry gmSigning, Pkcs12.Entry gmEncryption, Pkcs12.Entry intl) {
        this.gmSigning = checked(GM_SIGNING_ALIAS, gmSigning, CryptoSuite.GM);
        this.gmEncryption = checked(GM_ENCRYPTION_ALIAS, gmEncryption, CryptoSuite.GM);
        this.intl = checked(INTL_ALIAS, intl, CryptoSuite.INTL);
        this.gmSigner = SoftwareSigner.of(this.gmSigning.key(), this.gmSigning.chain());
        this.intlSigner = SoftwareSigner.of(this.intl.key(), this.intl.chain());
        this.creditCode = Certificates.creditCode(this.gmSigning.chain().get(0))
                .orElseThrow(() -> new ConfigurationException(GM_SIGNING_ALIAS, "the signing certificate "
                        + subject(this.gmSigning) + " carries no credit code in its subject serialNumber (2.5.4.5)"));
        for (Map.Entry<String, Pkcs12.Entry> other : Map.of(GM_ENCRYPTION_ALIAS, this.gmEncryption, INTL_ALIAS, this.intl).entrySet()) {
            Optional<CreditCode> code = Certificates.creditCode(other.getValue().chain().get(0));
            if (!code.equals(Optional.of(creditCode))) {
                throw new ConfigurationException(other.getKey(), "certificate " + subject(other.getValue())
                        + " carries credit code " + code.map(CreditCode::value).orElse("(none)") + " but the signing certificate carries "
                        + creditCode + "; all three certificates must belong to one department");
            }
        }
    }

    /** Loads the three entries from a PKCS#12 file; ConfigurationException (key {@code password}) for a wrong password. */
    public static DepartmentCredentials fromPkcs12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromPkcs12(in, password, file.toString());
        } catch (IOException e) {
            throw new ConfigurationException("credentials", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads the three entries from PKCS#12 bytes; {@code source} names them in error messages. */
    public static DepartmentCredentials fromPkcs12(InputStream pkcs12, char[] password, String source) {
        List<Pkcs12.Entry> entries = Pkcs12.read(pkcs12, password, source,
                List.of(GM_SIGNING_ALIAS, GM_ENCRYPTION_ALIAS, INTL_ALIAS));
        return new DepartmentCredentials(entries.get(0), entries.get(1), entries.get(2));
    }

    /** A builder for credentials from keys and chains in memory or PEM files. */
    public static Builder builder() {
        return new Builder();
    }

    /** The department's unified social credit code, from the certificates' subject serialNumber (2.5.4.5). */
    public CreditCode creditCode() {
        return creditCode;
    }

    /** The signer for a suite: the GM signing key or the INTL key. */
    public Signer signer(CryptoSuite suite) {
        return suite == CryptoSuite.GM ? gmSigner : intlSigner;
    }

    /** The certificate chain senders wrap content keys to: the GM encryption certificate, or the INTL one. */
    public List<X509Certificate> encryptionCertificateChain(CryptoSuite suite) {
        return suite == CryptoSuite.GM ? gmEncryption.chain() : intl.chain();
    }

    /**
     * Decrypts content that {@link ContentEncryption#encrypt} made for one of this department's
     * encryption certificates, chosen by the header's suite. Errors as in {@link ContentEncryption#decrypt}.
     */
    public void decrypt(EncryptionHeader header, InputStream ciphertext, OutputStream plaintext, byte[] associatedData) {
        Pkcs12.Entry entry = header.suite() == CryptoSuite.GM ? gmEncryption : intl;
        ContentEncryption.decrypt(entry.key(), entry.chain().get(0), header, ciphertext, plaintext, associatedData);
    }

    /** The INTL private key as the JDK's own providers represent it — for JSSE, XML-DSig or JOSE libraries. */
    public PrivateKey intlPrivateKey() {
        return Keys.toJdk(intl.key());
    }

    /** The INTL certificate chain parsed by the JDK's own certificate factory, end-entity first. */
    public List<X509Certificate> intlCertificateChain() {
        try {
            CertificateFactory jdk = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (X509Certificate certificate : intl.chain()) {
                chain.add((X509Certificate) jdk.generateCertificate(new ByteArrayInputStream(certificate.getEncoded())));
            }
            return List.copyOf(chain);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("the JDK cannot parse the INTL certificate chain: " + e.getMessage(), e);
        }
    }

    /** JSSE key managers presenting the INTL key and chain (TLS here is INTL only; JSSE never sees SM2). */
    public KeyManager[] tlsKeyManagers() {
        try {
            char[] transientPassword = "in-memory".toCharArray();
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setKeyEntry(INTL_ALIAS, intlPrivateKey(), transientPassword,
                    intlCertificateChain().toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, transientPassword);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new CryptoException("cannot build TLS key managers from the INTL key: " + e.getMessage(), e);
        }
    }

    /**
     * Writes all three entries as one PKCS#12 file with the documented aliases, protected by
     * {@code password}. SM2 entries make the file readable by BouncyCastle (and this class), not by
     * the JDK's KeyStore.
     */
    public void writePkcs12(OutputStream out, char[] password) {
        Map<String, Pkcs12.Entry> entries = new LinkedHashMap<>();
        entries.put(GM_SIGNING_ALIAS, gmSigning);
        entries.put(GM_ENCRYPTION_ALIAS, gmEncryption);
        entries.put(INTL_ALIAS, intl);
        Pkcs12.write(entries, password, out);
    }

    /** The credit code and the certificate subjects; never key material. */
    @Override
    public String toString() {
        return "DepartmentCredentials[" + creditCode + ", " + subject(gmSigning) + "]";
    }

    private static Pkcs12.Entry checked(String alias, Pkcs12.Entry entry, CryptoSuite expected) {
        if (entry == null) {
            throw new ConfigurationException(alias, "missing; a department needs a GM signing, a GM encryption and an INTL key");
        }
        List<X509Certificate> chain = Bc.certificates(entry.chain());
        CryptoSuite actual;
        try {
            actual = CryptoSuite.of(chain.get(0));
        } catch (CryptoException e) {
            throw new ConfigurationException(alias, e.getMessage(), e);
        }
        if (actual != expected) {
            throw new ConfigurationException(alias, "certificate " + Bc.subject(chain.get(0))
                    + " holds a " + actual + " key but '" + alias + "' needs a " + expected + " key"
                    + (expected == CryptoSuite.GM ? " (SM2)" : " (P-256 or RSA)"));
        }
        if (!Keys.belongTogether(entry.key(), chain.get(0).getPublicKey())) {
            throw new ConfigurationException(alias, "the private key does not belong to certificate "
                    + Bc.subject(chain.get(0)));
        }
        return new Pkcs12.Entry(entry.key(), chain);
    }

    private static String subject(Pkcs12.Entry entry) {
        return Bc.subject(entry.chain().get(0));
    }

    /** Collects the three keys with their chains; {@link #build()} checks them together. Not thread-safe. */
    public static final class Builder {
        private Pkcs12.Entry gmSigning;
        private Pkcs12.Entry gmEncryption;
        private Pkcs12.Entry intl;
        private char[] pemPassword;

        private Builder() {
        }

        /** The GM (SM2) signing key and its chain, end-entity first. */
        public Builder gmSigning(PrivateKey key, List<X509Certificate> chain) {
            this.gmSigning = entry(key, chain);
            return this;
        }

        /** The GM (SM2) encryption key and its chain, end-entity first. */
        public Builder gmEncryption(PrivateKey key, List<X509Certificate> chain) {
            this.gmEncryption = entry(key, chain);
            return this;
        }

        /** The INTL (P-256 or RSA) key and its chain, end-entity first. */
        public Builder intl(PrivateKey key, List<X509Certificate> chain) {
            this.intl = entry(key, chain);
            return this;
        }

        /** The password of encrypted PEM private keys; set it before the PEM methods. */
        public Builder pemPassword(char[] password) {
            this.pemPassword = password == null ? null : password.clone();
            return this;
        }

        /** The GM signing key and chain from PEM files. */
        public Builder gmSigning(Path privateKeyPem, Path chainPem) {
            this.gmSigning = pem(GM_SIGNING_ALIAS, privateKeyPem, chainPem);
            return this;
        }

        /** The GM encryption key and chain from PEM files. */
        public Builder gmEncryption(Path privateKeyPem, Path chainPem) {
            this.gmEncryption = pem(GM_ENCRYPTION_ALIAS, privateKeyPem, chainPem);
            return this;
        }

        /** The INTL key and chain from PEM files. */
        public Builder intl(Path privateKeyPem, Path chainPem) {
            this.intl = pem(INTL_ALIAS, privateKeyPem, chainPem);
            return this;
        }

        /** Checks and returns the credentials; ConfigurationException naming the entry that is missing or wrong. */
        public DepartmentCredentials build() {
            return new DepartmentCredentials(gmSigning, gmEncryption, intl);
        }

        private static Pkcs12.Entry entry(PrivateKey key, List<X509Certificate> chain) {
            Objects.requireNonNull(key, "key");
            if (chain == null || chain.isEmpty()) {
                throw new ConfigurationException("certificateChain", "a key needs its certificate chain, end-entity first");
            }
            return new Pkcs12.Entry(key, chain);
        }

        private Pkcs12.Entry pem(String alias, Path privateKeyPem, Path chainPem) {
            PrivateKey key = Pem.readPrivateKey(privateKeyPem, pemPassword, alias);
            try (InputStream in = Files.newInputStream(chainPem)) {
                List<X509Certificate> chain = Bc.readCertificates(in);
                if (chain.isEmpty()) {
                    throw new ConfigurationException(alias, "no certificate in " + chainPem);
                }
                return new Pkcs12.Entry(key, chain);
            } catch (IOException e) {
                throw new ConfigurationException(alias, "cannot read certificates from " + chainPem + ": " + e.getMessage(), e);
            }
        }
    }
}
