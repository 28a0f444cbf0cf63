package org.goldensdk.cxf;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.TrustAnchors;

/**
 * WS-Security for SOAP messages with a department's INTL certificate (XML-DSig has no SM2 in the
 * SOAP stacks; the exchange envelope inside keeps its GM signature). A sender adds a
 * {@code wsu:Timestamp} and an X.509 signature (BinarySecurityToken with the certificate path,
 * exclusive C14N, SHA-256, ECDSA or RSA) over {@code soap:Body} and the Timestamp. A receiver
 * refuses, before any handler runs: a message without both signed, a signer certificate that does
 * not chain to its trust anchors or (behind mutual TLS) is not the TLS caller's certificate, a
 * Timestamp without Expires, created in the future or expired on the receiver's {@link Scheduler}
 * clock, valid longer than the {@link #timestampTtl}, and a signature value seen before within
 * its Timestamp's life (replay). Immutable.
 */
public final class SoapSecurity {
    /** The longest a Timestamp may be valid, and a sender's Timestamp validity: 5 minutes. */
    public static final Duration DEFAULT_TIMESTAMP_TTL = Duration.ofMinutes(5);
    /** How far the sender's clock may run ahead of the receiver's: 60 seconds. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    private final DepartmentCredentials signer;
    private final TrustAnchors trustAnchors;
    private final Scheduler scheduler;
    private final Duration timestampTtl;
    private final Duration clockSkew;
    private final boolean partsByReference;

    private SoapSecurity(DepartmentCredentials signer, TrustAnchors trustAnchors, Scheduler scheduler,
            Duration timestampTtl, Duration clockSkew, boolean partsByReference) {
        this.signer = signer;
        this.trustAnchors = trustAnchors;
        this.scheduler = scheduler;
        this.timestampTtl = timestampTtl;
        this.clockSkew = clockSkew;
        this.partsByReference = partsByReference;
    }

    /** A sender's security: Timestamp and signature by the INTL key and certificate path of {@code credentials}. */
    public static SoapSecurity signWith(DepartmentCredentials credentials) {
        return new SoapSecurity(Objects.requireNonNull(credentials, "credentials"), null, null, DEFAULT_TIMESTAMP_TTL,
                DEFAULT_CLOCK_SKEW, false);
    }

    /**
     * A receiver's security: signatures by certificates chaining to {@code trustAnchors}' INTL
     * roots, Timestamps checked and replays remembered on {@code scheduler}'s clock.
     *
     * @throws ConfigurationException if the anchors hold no certificate usable by XML-DSig (P-256 or RSA)
     */
    public static SoapSecurity verifyWith(TrustAnchors trustAnchors, Scheduler scheduler) {
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        Objects.requireNonNull(scheduler, "scheduler");
        if (intlAnchors(trustAnchors).isEmpty()) {
            throw new ConfigurationException("trustAnchors", "WS-Security needs an INTL (EC or RSA) root among the trust"
                    + " anchors; XML-DSig has no SM2 here");
        }
        return new SoapSecurity(null, trustAnchors, scheduler, DEFAULT_TIMESTAMP_TTL, DEFAULT_CLOCK_SKEW, false);
    }

    /**
     * This security with another Timestamp validity: a sender's Timestamps expire after it, a
     * receiver refuses Timestamps valid for longer.
     *
     * @throws ConfigurationException unless between 1 second and 1 hour
     */
    public SoapSecurity timestampTtl(Duration ttl) {
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigurationException("timestampTtl", "the Timestamp validity must be 1 s to 1 h, got " + ttl);
        }
        return new SoapSecurity(signer, trustAnchors, scheduler, ttl, clockSkew, partsByReference);
    }

    /**
     * This security with another tolerance for a sender's clock running ahead.
     *
     * @throws ConfigurationException unless between 0 and 10 minutes
     */
    public SoapSecurity clockSkew(Duration skew) {
        if (skew == null || skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigurationException("clockSkew", "the clock skew must be 0 to 10 min, got " + skew);
        }
        return new SoapSecurity(signer, trustAnchors, scheduler, timestampTtl, skew, partsByReference);
    }

    /**
     * This security with MTOM parts signed by reference: the signature covers each part's
     * {@code xop:Include} in the Body, not its content, so neither side reads a part into memory to
     * sign or verify it (expanding a part puts its base64 text into the DOM). Only for services whose
     * parts are bound by digests inside the signed Body — the exchange envelope's signed manifest —
     * and checked by the service while it streams them. Sender and receiver must agree.
     */
    public SoapSecurity signPartsByReference() {
        return new SoapSecurity(signer, trustAnchors, scheduler, timestampTtl, clockSkew, true);
    }

    /** Whether MTOM parts are signed by reference ({@link #signPartsByReference()}) rather than as their content. */
    public boolean partsByReference() {
        return partsByReference;
    }

    /** Whether this signs outgoing messages (else it verifies incoming ones). */
    public boolean isSigning() {
        return signer != null;
    }

    /** The sender's credentials; null for a receiver. */
    DepartmentCredentials signer() {
        return signer;
    }

    /** The receiver's trust anchors; null for a sender. */
    TrustAnchors trustAnchors() {
        return trustAnchors;
    }

    /** The receiver's time line; null for a sender. */
    Scheduler scheduler() {
        return scheduler;
    }

    /** The Timestamp validity. */
    public Duration timestampTtl() {
        return timestampTtl;
    }

    /** The tolerated clock skew. */
    public Duration clockSkew() {
        return clockSkew;
    }

    static List<java.security.cert.X509Certificate> intlAnchors(TrustAnchors anchors) {
        return anchors.certificates().stream()
                .filter(c -> "EC".equals(c.getPublicKey().getAlgorithm()) && !isSm2(c) || "RSA".equals(c.getPublicKey().getAlgorithm()))
                .toList();
    }

    private static boolean isSm2(java.security.cert.X509Certificate certificate) {
        return "1.2.156.10197.1.501".equals(certificate.getSigAlgOID());
    }

    @Override
    public String toString() {
        String parts = partsByReference ? ", parts by reference" : "";
        return isSigning() ? "SoapSecurity[sign, ttl=" + timestampTtl + parts + "]"
                : "SoapSecurity[verify, ttl=" + timestampTtl + ", skew=" + clockSkew + parts + "]";
    }
}
