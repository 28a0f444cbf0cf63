package org.goldensdk.exchange;

import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.goldensdk.core.CertificatePurpose;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.core.ValidationException;
import org.goldensdk.core.Verifier;
import org.goldensdk.exchange.internal.VerifyingInputStream;

/**
 * Verifies envelopes before anything acts on them, in this order: the signature over the
 * canonical header bytes (so a tampered header is refused before its values are even parsed);
 * the header's rules; that the declared algorithm and signer-certificate digest match the
 * certificate that verified; the certificate path to the trust anchors, for signing, at the
 * verifier's clock; that the certificate's credit code is the sender's; and that the envelope is
 * neither expired nor created in the future. The payload and attachments are verified as they are
 * read, through {@link #payload} and {@link #attachment}. Immutable and thread-safe.
 */
public final class EnvelopeVerifier {
    private final TrustAnchors trustAnchors;
    private final Clock clock;
    private final Duration clockSkew;
    private final boolean checkExpiry;

    private EnvelopeVerifier(Builder b) {
        this.trustAnchors = b.trustAnchors;
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
        this.checkExpiry = b.checkExpiry;
    }

    /** A builder; trust anchors are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies the envelope's header, signature and signer; returns the verified typed header.
     *
     * @throws org.goldensdk.core.SignatureException if the signature, the signer certificate, its path or its credit
     *     code do not verify — the message names which
     * @throws ValidationException if a signed header value breaks the format's rules, or the
     *     envelope expired (rule {@code envelope.expired}) or claims to be created in the future
     */
    public EnvelopeHeader verify(Envelope envelope) {
        Objects.requireNonNull(envelope, "envelope");
        X509Certificate signer = envelope.signerChain().get(0);
        Verifier verifier = SignedParts.requireSignature("envelope header", envelope.canonicalHeaderUnsafe(),
                envelope.signature(), signer);
        EnvelopeHeader header = envelope.header();
        SignedParts.requireDeclaredSigner("envelope header", header.signatureAlgorithm(),
                header.signerCertificateDigest(), signer, verifier);
        Instant now = clock.instant();
        trustAnchors.validate(envelope.signerChain(), CertificatePurpose.SIGNING, now);
        SignedParts.requireSignerIs("envelope's sender", header.sender(), signer);
        if (checkExpiry) {
            if (now.isAfter(header.expiresAt())) {
                throw new ValidationException("expiresAt", "envelope.expired", "envelope " + header.messageId()
                        + " expired at " + header.expiresAt() + "; it must not be delivered or handled any more");
            }
            if (header.createdAt().isAfter(now.plus(clockSkew))) {
                throw new ValidationException("createdAt", "envelope.createdInFuture", "envelope "
                        + header.messageId() + " claims creation at " + header.createdAt()
                        + ", later than now plus the allowed clock skew of " + clockSkew + "; check the sender's clock");
            }
        }
        return header;
    }

    /**
     * The payload bytes as carried, verified while read against the digest and size in the
     * (already verified) header: the read that reaches a mismatch throws SignatureException.
     */
    public InputStream payload(Envelope envelope, InputStream carried) {
        EnvelopeHeader header = envelope.header();
        return new VerifyingInputStream(carried, "the payload of " + header.messageId(), header.payloadDigest(),
                header.payloadSize());
    }

    /** Attachment {@code index} as carried, verified while read like {@link #payload}. */
    public InputStream attachment(Envelope envelope, int index, InputStream carried) {
        EnvelopeHeader header = envelope.header();
        if (index < 0 || index >= header.attachments().size()) {
            throw new ValidationException("attachments", "envelope.attachmentIndex", "envelope " + header.messageId()
                    + " has " + header.attachments().size() + " attachments; there is no attachment " + index);
        }
        AttachmentInfo info = header.attachments().get(index);
        return new VerifyingInputStream(carried, "attachment '" + info.name() + "' of " + header.messageId(),
                info.digest(), info.size());
    }

    /** Collects the verifier's settings; not thread-safe. */
    public static final class Builder {
        private TrustAnchors trustAnchors;
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofMinutes(5);
        private boolean checkExpiry = true;

        private Builder() {
        }

        /** The platform CA certificates signer certificates must chain to (required). */
        public Builder trustAnchors(TrustAnchors anchors) {
            this.trustAnchors = Objects.requireNonNull(anchors, "trustAnchors");
            return this;
        }

        /** The clock for certificate validity and expiry; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How far in the future a creation time may lie, for clock differences; 5 minutes by default. */
        public Builder clockSkew(Duration skew) {
            if (skew == null || skew.isNegative()) {
                throw new org.goldensdk.core.ConfigurationException("clockSkew", "must be zero or positive");
            }
            this.clockSkew = skew;
            return this;
        }

        /**
         * Whether to refuse expired envelopes and ones created in the future; on by default. Turn it
         * off only to re-verify archived envelopes for audit.
         */
        public Builder checkExpiry(boolean check) {
            this.checkExpiry = check;
            return this;
        }

        /** Builds the verifier; ConfigurationException without trust anchors. */
        public EnvelopeVerifier build() {
            if (trustAnchors == null) {
                throw new org.goldensdk.core.ConfigurationException("trustAnchors",
                        "an envelope verifier needs the platform CA certificates; set trustAnchors(...)");
            }
            return new EnvelopeVerifier(this);
        }
    }
}
