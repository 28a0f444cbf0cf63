package org.goldensdk.core;

/**
 * What a certificate is validated for by {@link TrustAnchors#validate}. Key usage and extended key
 * usage are checked only when the certificate carries them (RFC 5280: an absent extension does not
 * restrict); when present they must allow the purpose.
 */
public enum CertificatePurpose {
    /** Signatures over envelopes and receipts: key usage digitalSignature or nonRepudiation. */
    SIGNING,
    /** Content keys wrapped for the holder: key usage keyEncipherment, dataEncipherment or keyAgreement. */
    ENCRYPTION,
    /** A TLS client: key usage digitalSignature, extended key usage clientAuth. */
    TLS_CLIENT,
    /** A TLS server: key usage digitalSignature or keyEncipherment/keyAgreement, extended key usage serverAuth. */
    TLS_SERVER
}
