package org.goldensdk.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.goldensdk.core.internal.crypto.Bc;

/**
 * The CA certificates a party trusts, for both suites (SM2 and P-256/RSA roots side by side).
 * {@link #validate} checks a certificate chain with PKIX on BouncyCastle — which also handles SM2
 * chains — at a given instant and for a purpose. Revocation (CRL/OCSP) is not checked yet.
 * A chain that validated once for a purpose is remembered (up to {@value #MAX_REMEMBERED_PATHS}
 * chains), so validating it again only checks each certificate's validity dates at the new instant
 * — the PKIX result depends on nothing else. Thread-safe.
 */
public final class TrustAnchors {
    /** How many validated chains are remembered; the memory is emptied when it is full. */
    static final int MAX_REMEMBERED_PATHS = 1024;

    private final List<X509Certificate> anchors;
    private final Set<TrustAnchor> pkixAnchors;
    /** Validated (chain as given, purpose) → its path without the anchors, whose dates are checked on every call. */
    private final Map<ValidatedChain, List<X509Certificate>> validated = new ConcurrentHashMap<>();

    private record ValidatedChain(List<X509Certificate> chain, CertificatePurpose purpose) {
    }

    private TrustAnchors(List<X509Certificate> anchors) {
        if (anchors.isEmpty()) {
            throw new ConfigurationException("trustAnchors", "no trust anchor given; pass at least one CA certificate");
        }
        this.anchors = Bc.certificates(anchors);
        this.pkixAnchors = this.anchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toUnmodifiableSet());
    }

    /** Trusts these CA certificates. */
    public static TrustAnchors of(Collection<X509Certificate> anchors) {
        return new TrustAnchors(List.copyOf(anchors));
    }

    /** Trusts every certificate in these PEM (or DER) files; ConfigurationException naming the file that cannot be read. */
    public static TrustAnchors fromPem(Path... files) {
        List<X509Certificate> all = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                all.addAll(Bc.readCertificates(in));
            } catch (IOException e) {
                throw new ConfigurationException("trustAnchors", "cannot read CA certificates from " + file + ": "
                        + e.getMessage(), e);
            }
        }
        return new TrustAnchors(all);
    }

    /** The trusted CA certificates. */
    public List<X509Certificate> certificates() {
        return anchors;
    }

    /**
     * Validates {@code chain} (end-entity certificate first; the anchor itself may be included or
     * not) for {@code purpose} at instant {@code at}: every certificate valid at that time, each
     * signed by the next, the last by a trusted anchor, CA constraints respected, and the
     * end-entity's key usages allowing the purpose. Returns normally if all hold; otherwise a
     * SignatureException naming what failed (expired, unknown issuer, wrong usage).
     */
    public void validate(List<X509Certificate> chain, CertificatePurpose purpose, Instant at) {
        if (chain == null || chain.isEmpty()) {
            throw new SignatureException("no certificate to validate; send the signer's certificate chain");
        }
        // Certificates are equal when their encodings are: the key is the exact chain, not its names.
        ValidatedChain key = new ValidatedChain(List.copyOf(chain), purpose);
        List<X509Certificate> known = validated.get(key);
        if (known != null) {
            for (X509Certificate certificate : known) {
                requireValidAt(certificate, at);
            }
            return;
        }
        List<X509Certificate> path = new ArrayList<>(Bc.certificates(chain));
        path.removeIf(anchors::contains);
        if (path.isEmpty()) {
            throw new SignatureException("the chain holds only trust anchors; an end-entity certificate is required");
        }
        for (X509Certificate certificate : path) {
            requireValidAt(certificate, at);
        }
        try {
            PKIXParameters parameters = new PKIXParameters(pkixAnchors);
            parameters.setDate(Date.from(at));
            parameters.setRevocationEnabled(false);
            parameters.addCertPathChecker(new ExtendedKeyUsageClaim());
            CertPathValidator.getInstance("PKIX", Bc.provider())
                    .validate(Bc.certificateFactory().generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            throw new SignatureException("certificate " + subject(path.get(0)) + " does not validate: "
                    + describe(e, path), e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("certificate path validation could not run: " + e.getMessage(), e);
        }
        requirePurpose(path.get(0), purpose);
        if (validated.size() >= MAX_REMEMBERED_PATHS) {
            validated.clear();
        }
        validated.put(key, List.copyOf(path));
    }

    /**
     * Trust managers for JSSE holding only the INTL (P-256, RSA) anchors — the JDK cannot parse SM2
     * certificates, and TLS here is INTL only. CryptoException if there is no INTL anchor.
     */
    public TrustManager[] tlsTrustManagers() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (X509Certificate anchor : anchors) {
                if (CryptoSuite.of(anchor) == CryptoSuite.INTL) {
                    store.setCertificateEntry("anchor-" + index++, java.security.cert.CertificateFactory
                            .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(anchor.getEncoded())));
                }
            }
            if (index == 0) {
                throw new CryptoException("no INTL (P-256 or RSA) trust anchor among " + anchors.size()
                        + " anchors; TLS needs the INTL root certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new CryptoException("cannot build TLS trust managers: " + e.getMessage(), e);
        }
    }

    private static void requireValidAt(X509Certificate certificate, Instant at) {
        try {
            certificate.checkValidity(Date.from(at));
        } catch (CertificateExpiredException e) {
            throw new SignatureException("certificate " + subject(certificate) + " expired at "
                    + certificate.getNotAfter().toInstant() + " (checked at " + at + "); renew it", e);
        } catch (CertificateNotYetValidException e) {
            throw new SignatureException("certificate " + subject(certificate) + " is not valid before "
                    + certificate.getNotBefore().toInstant() + " (checked at " + at + "); check the clocks", e);
        }
    }

    private static String describe(CertPathValidatorException e, List<X509Certificate> path) {
        String message = String.valueOf(e.getMessage());
        if (e.getReason() == java.security.cert.PKIXReason.NO_TRUST_ANCHOR
                || message.toLowerCase(java.util.Locale.ROOT).contains("trust anchor")) {
            X509Certificate top = path.get(path.size() - 1);
            return "unknown issuer: " + Bc.issuer(top)
                    + " is not among the trust anchors (a foreign or wrong CA?)";
        }
        return message;
    }

    private static void requirePurpose(X509Certificate certificate, CertificatePurpose purpose) {
        boolean[] usage = certificate.getKeyUsage();
        boolean usageOk;
        String wantedEku = null;
        switch (purpose) {
            case SIGNING:
                usageOk = usage == null || usage[0] || usage[1];
                break;
            case ENCRYPTION:
                usageOk = usage == null || usage[2] || usage[3] || usage[4];
                break;
            case TLS_CLIENT:
                usageOk = usage == null || usage[0] || usage[4];
                wantedEku = KeyPurposeId.id_kp_clientAuth.getId();
                break;
            default:
                usageOk = usage == null || usage[0] || usage[2] || usage[4];
                wantedEku = KeyPurposeId.id_kp_serverAuth.getId();
                break;
        }
        if (!usageOk) {
            throw new SignatureException("certificate " + subject(certificate) + " has the wrong key usage for "
                    + purpose + "; use the department's certificate issued for that purpose");
        }
        if (wantedEku != null) {
            List<String> ekus;
            try {
                ekus = certificate.getExtendedKeyUsage();
            } catch (java.security.cert.CertificateParsingException e) {
                throw new SignatureException("certificate " + subject(certificate) + " has an unreadable extended key usage", e);
            }
            if (ekus != null && !ekus.contains(wantedEku) && !ekus.contains(KeyPurposeId.anyExtendedKeyUsage.getId())) {
                throw new SignatureException("certificate " + subject(certificate) + " has the wrong extended key usage for "
                        + purpose + " (" + ekus + ")");
            }
        }
    }

    private static String subject(X509Certificate certificate) {
        return "'" + Bc.subject(certificate) + "'";
    }

    /** Tells PKIX that the extended key usage is checked here, so a critical one is not rejected as unknown. */
    private static final class ExtendedKeyUsageClaim extends PKIXCertPathChecker {
        private static final Set<String> CLAIMED = Set.of(Extension.extendedKeyUsage.getId());

        @Override
        public void init(boolean forward) {
            // stateless
        }

        @Override
        public boolean isForwardCheckingSupported() {
            return true;
        }

        @Override
        public Set<String> getSupportedExtensions() {
            return CLAIMED;
        }

        @Override
        public void check(java.security.cert.Certificate certificate, Collection<String> unresolvedCritExts) {
            unresolvedCritExts.removeAll(new HashSet<>(CLAIMED));
        }
    }
}
