package org.goldensdk.testkit;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.goldensdk.core.CryptoSuite;

/**
 * Which of a department's three certificates (双证书 plus INTL) the {@link CertificateAuthority}
 * issues for a certificate request, with the key usage each gets.
 */
public enum CertificateRole {
    /** GM signing — SM2, digitalSignature + nonRepudiation (envelope and receipt signatures). */
    GM_SIGNING(CryptoSuite.GM, KeyUsage.digitalSignature | KeyUsage.nonRepudiation),
    /** GM encryption — SM2, keyEncipherment + dataEncipherment + keyAgreement (content keys are wrapped to it). */
    GM_ENCRYPTION(CryptoSuite.GM, KeyUsage.keyEncipherment | KeyUsage.dataEncipherment | KeyUsage.keyAgreement),
    /** INTL — P-256, digitalSignature + keyAgreement, TLS client and server (mutual TLS, WS-Security, JOSE). */
    INTL(CryptoSuite.INTL, KeyUsage.digitalSignature | KeyUsage.keyAgreement);

    private final CryptoSuite suite;
    private final int keyUsage;

    CertificateRole(CryptoSuite suite, int keyUsage) {
        this.suite = suite;
        this.keyUsage = keyUsage;
    }

    /** The suite the certificate's key must belong to. */
    public CryptoSuite suite() {
        return suite;
    }

    int keyUsage() {
        return keyUsage;
    }
}
