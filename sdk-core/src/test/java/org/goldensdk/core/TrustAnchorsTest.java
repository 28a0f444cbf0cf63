package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrustAnchorsTest {
    private static final String TAX = "11420100MB00000196";
    private static final TestPki.Issued GM_ROOT = TestPki.root(CryptoSuite.GM, "dev GM root");
    private static final TestPki.Issued INTL_ROOT = TestPki.root(CryptoSuite.INTL, "dev INTL root");
    private static final TrustAnchors ANCHORS = TrustAnchors.of(List.of(GM_ROOT.certificate(), INTL_ROOT.certificate()));

    private static TestPki.Issued root(CryptoSuite suite) {
        return suite == CryptoSuite.GM ? GM_ROOT : INTL_ROOT;
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aSigningCertificateFromTheCaValidatesForSigning(CryptoSuite suite) {
        TestPki.Issued leaf = TestPki.signingLeaf(root(suite), TAX);

        assertThatCode(() -> ANCHORS.validate(leaf.chain(), CertificatePurpose.SIGNING, TestPki.NOW)).doesNotThrowAnyException();
        assertThatCode(() -> ANCHORS.validate(List.of(leaf.certificate()), CertificatePurpose.SIGNING, TestPki.NOW))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void anEncryptionCertificateIsNotASigningCertificate(CryptoSuite suite) {
        TestPki.Issued leaf = TestPki.encryptionLeaf(root(suite), TAX);

        assertThatCode(() -> ANCHORS.validate(leaf.chain(), CertificatePurpose.ENCRYPTION, TestPki.NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ANCHORS.validate(leaf.chain(), CertificatePurpose.SIGNING, TestPki.NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("wrong key usage for SIGNING");
    }

    @Test
    void aSigningCertificateIsNotAnEncryptionCertificate() {
        TestPki.Issued leaf = TestPki.signingLeaf(GM_ROOT, TAX);

        assertThatThrownBy(() -> ANCHORS.validate(leaf.chain(), CertificatePurpose.ENCRYPTION, TestPki.NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("wrong key usage for ENCRYPTION");
    }

    @Test
    void tlsPurposesNeedTheirExtendedKeyUsage() {
        TestPki.Issued tls = TestPki.tlsLeaf(INTL_ROOT, TAX);
        TestPki.Issued serverOnly = TestPki.leaf(INTL_ROOT, TestPki.p256(), TAX, KeyUsage.digitalSignature,
                org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth);

        assertThatCode(() -> ANCHORS.validate(tls.chain(), CertificatePurpose.TLS_CLIENT, TestPki.NOW)).doesNotThrowAnyException();
        assertThatCode(() -> ANCHORS.validate(tls.chain(), CertificatePurpose.TLS_SERVER, TestPki.NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ANCHORS.validate(serverOnly.chain(), CertificatePurpose.TLS_CLIENT, TestPki.NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("extended key usage for TLS_CLIENT");
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aCertificateFromAForeignCaDoesNotValidate(CryptoSuite suite) {
        TestPki.Issued foreignRoot = TestPki.root(suite, "foreign root");
        TestPki.Issued leaf = TestPki.signingLeaf(foreignRoot, TAX);

        assertThatThrownBy(() -> ANCHORS.validate(leaf.chain(), CertificatePurpose.SIGNING, TestPki.NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("unknown issuer")
                .hasMessageContaining("foreign root");
    }

    @Test
    void aCertificateClaimingATrustedIssuerNameButSignedByAnotherKeyDoesNotValidate() {
        TestPki.Issued impostor = TestPki.root(TestPki.sm2(), "dev GM root");
        TestPki.Issued leaf = TestPki.signingLeaf(impostor, TAX);

        assertThatThrownBy(() -> ANCHORS.validate(List.of(leaf.certificate()), CertificatePurpose.SIGNING, TestPki.NOW))
                .isInstanceOf(SignatureException.class);
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void anExpiredCertificateDoesNotValidate(CryptoSuite suite) {
        TestPki.Issued expired = TestPki.leaf(root(suite), TestPki.keysFor(suite), TAX,
                TestPki.NOW.minus(Duration.ofDays(60)), TestPki.NOW.minus(Duration.ofDays(1)),
                KeyUsage.digitalSignature);

        assertThatThrownBy(() -> ANCHORS.validate(expired.chain(), CertificatePurpose.SIGNING, TestPki.NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("expired");
    }

    @Test
    void validityIsCheckedAtTheGivenInstantNotNow() {
        TestPki.Issued leaf = TestPki.signingLeaf(GM_ROOT, TAX);

        assertThatThrownBy(() -> ANCHORS.validate(leaf.chain(), CertificatePurpose.SIGNING, TestPki.NOW.plus(Duration.ofDays(31))))
                .isInstanceOf(SignatureException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> ANCHORS.validate(leaf.chain(), CertificatePurpose.SIGNING, TestPki.NOW.minus(Duration.ofDays(31))))
                .isInstanceOf(SignatureException.class).hasMessageContaining("not valid before");
    }

    @Test
    void aRememberedChainIsRefusedOnceItExpiresOrBeforeItIsValid() {
        TestPki.Issued leaf = TestPki.signingLeaf(GM_ROOT, TAX);
        ANCHORS.validate(leaf.chain(), CertificatePurpose.SIGNING, TestPki.NOW);

        assertThatCode(() -> ANCHORS.validate(leaf.chain(), CertificatePurpose.SIGNING, TestPki.NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ANCHORS.validate(leaf.chain(), CertificatePurpose.SIGNING, TestPki.NOW.plus(Duration.ofDays(31))))
                .isInstanceOf(SignatureException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> ANCHORS.validate(leaf.chain(), CertificatePurpose.SIGNING, TestPki.NOW.minus(Duration.ofDays(31))))
                .isInstanceOf(SignatureException.class).hasMessageContaining("not valid before");
    }

    @Test
    void aChainRememberedForOnePurposeIsCheckedAgainForAnother() {
        TestPki.Issued leaf = TestPki.signingLeaf(INTL_ROOT, TAX);
        ANCHORS.validate(leaf.chain(), CertificatePurpose.SIGNING, TestPki.NOW);

        assertThatThrownBy(() -> ANCHORS.validate(leaf.chain(), CertificatePurpose.ENCRYPTION, TestPki.NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("wrong key usage for ENCRYPTION");
    }

    @Test
    void aChainThatFailedIsRefusedEveryTime() {
        TestPki.Issued impostor = TestPki.root(TestPki.sm2(), "dev GM root");
        List<X509Certificate> forged = List.of(TestPki.signingLeaf(impostor, TAX).certificate());

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> ANCHORS.validate(forged, CertificatePurpose.SIGNING, TestPki.NOW))
                    .isInstanceOf(SignatureException.class);
        }
    }

    @Test
    void anEmptyChainIsRefused() {
        assertThatThrownBy(() -> ANCHORS.validate(List.of(), CertificatePurpose.SIGNING, TestPki.NOW))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void anchorsLoadFromAPemFile(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("anchors.pem");
        Files.writeString(pem, pem(GM_ROOT.certificate()) + pem(INTL_ROOT.certificate()), StandardCharsets.US_ASCII);
        TrustAnchors anchors = TrustAnchors.fromPem(pem);
        TestPki.Issued leaf = TestPki.signingLeaf(GM_ROOT, TAX);

        assertThatCode(() -> anchors.validate(leaf.chain(), CertificatePurpose.SIGNING, TestPki.NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TrustAnchors.fromPem(dir.resolve("missing.pem"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("missing.pem");
    }

    @Test
    void tlsTrustManagersNeedAnIntlAnchor() {
        TrustAnchors gmOnly = TrustAnchors.of(List.of(GM_ROOT.certificate()));

        assertThatCode(ANCHORS::tlsTrustManagers).doesNotThrowAnyException();
        assertThatThrownBy(gmOnly::tlsTrustManagers).isInstanceOf(CryptoException.class).hasMessageContaining("INTL");
    }

    static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }
}
