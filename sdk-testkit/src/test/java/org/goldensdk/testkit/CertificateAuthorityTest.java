package org.goldensdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.goldensdk.core.CertificatePurpose;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.Signer;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.core.Verifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateAuthorityTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final CertificateAuthority CA = CertificateAuthority.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private static final DepartmentCredentials TAX = CA.issue(TestDepartment.TAX.creditCode(), TestDepartment.TAX.organisation());
    private static final byte[] DATA = "申报数据".getBytes(StandardCharsets.UTF_8);

    @Test
    void issuedCredentialsValidateForTheirPurposes() {
        TrustAnchors anchors = CA.trustAnchors();

        assertThatCode(() -> {
            anchors.validate(TAX.signer(CryptoSuite.GM).certificateChain(), CertificatePurpose.SIGNING, NOW);
            anchors.validate(TAX.encryptionCertificateChain(CryptoSuite.GM), CertificatePurpose.ENCRYPTION, NOW);
            anchors.validate(TAX.signer(CryptoSuite.INTL).certificateChain(), CertificatePurpose.SIGNING, NOW);
            anchors.validate(TAX.signer(CryptoSuite.INTL).certificateChain(), CertificatePurpose.TLS_CLIENT, NOW);
            anchors.validate(TAX.signer(CryptoSuite.INTL).certificateChain(), CertificatePurpose.TLS_SERVER, NOW);
            anchors.validate(TAX.encryptionCertificateChain(CryptoSuite.INTL), CertificatePurpose.ENCRYPTION, NOW);
        }).doesNotThrowAnyException();
    }

    @Test
    void theGmCertificatesAreDualAndNotInterchangeable() {
        assertThatThrownBy(() -> CA.trustAnchors().validate(TAX.encryptionCertificateChain(CryptoSuite.GM), CertificatePurpose.SIGNING, NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("key usage");
        assertThatThrownBy(() -> CA.trustAnchors().validate(TAX.signer(CryptoSuite.GM).certificateChain(), CertificatePurpose.ENCRYPTION, NOW))
                .isInstanceOf(SignatureException.class).hasMessageContaining("key usage");
    }

    @Test
    void theCreditCodeIsInTheSubject() {
        assertThat(TAX.creditCode().value()).isEqualTo("11420100MB00000196");
        assertThat(org.bouncycastle.asn1.x500.X500Name.getInstance(TAX.signer(CryptoSuite.GM).certificate().getSubjectX500Principal().getEncoded())
                .getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.SERIALNUMBER)[0].getFirst().getValue().toString()).isEqualTo("11420100MB00000196");
    }

    @Test
    void theIntlCertificateNamesLocalhostForTls() throws Exception {
        X509Certificate intl = TAX.signer(CryptoSuite.INTL).certificate();

        assertThat(intl.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList()).contains("localhost", "127.0.0.1");
        assertThat(intl.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void signaturesVerifyWithTheIssuedCertificates(CryptoSuite suite) {
        Signer signer = TAX.signer(suite);

        assertThat(signer.suite()).isEqualTo(suite);
        assertThat(Verifier.of(signer.certificate()).verify(DATA, signer.sign(DATA))).isTrue();
        assertThat(Verifier.of(CA.issue(CreditCode.parse("11420100MB00000271"), "武汉海关").signer(suite).certificate())
                .verify(DATA, signer.sign(DATA))).isFalse();
    }

    @Test
    void roundTripsThroughAPkcs12File(@TempDir Path dir) {
        Path file = dir.resolve("tax.p12");
        CertificateAuthority.writePkcs12(TAX, file, "pw".toCharArray());
        DepartmentCredentials loaded = DepartmentCredentials.fromPkcs12(file, "pw".toCharArray());

        assertThat(loaded.creditCode()).isEqualTo(TAX.creditCode());
        for (CryptoSuite suite : CryptoSuite.values()) {
            assertThat(loaded.signer(suite).certificateChain()).isEqualTo(TAX.signer(suite).certificateChain());
            assertThat(Verifier.of(TAX.signer(suite).certificate()).verify(DATA, loaded.signer(suite).sign(DATA))).isTrue();
        }
        assertThatThrownBy(() -> DepartmentCredentials.fromPkcs12(file, "wrong".toCharArray()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("wrong password");
    }

    @Test
    void anExpiredSetFailsValidation() {
        DepartmentCredentials expired = CA.issue(CreditCode.parse("11420100MB0000043N"), "武汉市农业农村局",
                NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35)));

        for (CryptoSuite suite : CryptoSuite.values()) {
            assertThatThrownBy(() -> CA.trustAnchors().validate(expired.signer(suite).certificateChain(), CertificatePurpose.SIGNING, NOW))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("expired");
        }
    }

    @Test
    void defaultValidityFollowsTheCaClock() {
        CertificateAuthority shortLived = CertificateAuthority.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .validity(Duration.ofDays(7)).build();
        DepartmentCredentials audit = shortLived.issue(CreditCode.parse("11420100MB0000051H"), "武汉市审计局");
        List<X509Certificate> chain = audit.signer(CryptoSuite.GM).certificateChain();

        assertThatCode(() -> shortLived.trustAnchors().validate(chain, CertificatePurpose.SIGNING, NOW.plus(Duration.ofDays(6))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> shortLived.trustAnchors().validate(chain, CertificatePurpose.SIGNING, NOW.plus(Duration.ofDays(8))))
                .isInstanceOf(SignatureException.class).hasMessageContaining("expired");
    }

    @Test
    void aForeignCasCertificatesFailValidation() {
        CertificateAuthority foreign = CertificateAuthority.builder().name("Foreign CA").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        DepartmentCredentials impostor = foreign.issue(TestDepartment.TAX.creditCode(), TestDepartment.TAX.organisation());

        for (CryptoSuite suite : CryptoSuite.values()) {
            assertThatThrownBy(() -> CA.trustAnchors().validate(impostor.signer(suite).certificateChain(), CertificatePurpose.SIGNING, NOW))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("unknown issuer");
        }
    }

    @Test
    void theIntlCredentialsServeMutualTlsOnLocalhost() throws Exception {
        DepartmentCredentials customs = CA.issue(CreditCode.parse("11420100MB00000271"), "武汉海关");
        TrustAnchors anchors = CA.trustAnchors();
        SSLContext server = tls(customs, anchors);
        SSLContext client = tls(TAX, anchors);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1,
                    InetAddress.getLoopbackAddress())) {
                listener.setNeedClientAuth(true);
                Thread serving = new Thread(() -> {
                    try (SSLSocket socket = (SSLSocket) listener.accept(); OutputStream out = socket.getOutputStream()) {
                        String peer = ((javax.security.auth.x500.X500Principal) socket.getSession().getPeerPrincipal()).getName(javax.security.auth.x500.X500Principal.RFC2253,
                                java.util.Map.of("2.5.4.5", "SERIALNUMBER"));
                        out.write(peer.getBytes(StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                serving.start();
                try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", listener.getLocalPort())) {
                    var parameters = socket.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    socket.setSSLParameters(parameters);
                    InputStream in = socket.getInputStream();
                    String clientSeenByServer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

                    assertThat(clientSeenByServer).contains("11420100MB00000196");
                    assertThat(((javax.security.auth.x500.X500Principal) socket.getSession().getPeerPrincipal())
                            .getName(javax.security.auth.x500.X500Principal.RFC2253, java.util.Map.of("2.5.4.5", "SERIALNUMBER")))
                            .contains("11420100MB00000271");
                }
                serving.join();
            }
        });
    }

    private static SSLContext tls(DepartmentCredentials credentials, TrustAnchors anchors) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(credentials.tlsKeyManagers(), anchors.tlsTrustManagers(), null);
        return context;
    }

    private static String certificateRequest(CryptoSuite suite, String creditCode) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC",
                new org.bouncycastle.jce.provider.BouncyCastleProvider());
        generator.initialize(new java.security.spec.ECGenParameterSpec(suite == CryptoSuite.GM ? "sm2p256v1" : "secp256r1"));
        java.security.KeyPair keys = generator.generateKeyPair();
        org.bouncycastle.asn1.x500.X500Name subject = new org.bouncycastle.asn1.x500.X500Name(
                "C=CN,O=Tax,SERIALNUMBER=" + creditCode + ",CN=Tax");
        org.bouncycastle.pkcs.PKCS10CertificationRequest request = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                subject, keys.getPublic()).build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder(
                        suite == CryptoSuite.GM ? "SM3WITHSM2" : "SHA256WITHECDSA")
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(keys.getPrivate()));
        java.io.StringWriter pem = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(pem)) {
            writer.writeObject(request);
        }
        return pem.toString();
    }

    @Test
    void aCertificateRequestIsCertifiedForItsRoleAndChainsToTheRoot() throws Exception {
        X509Certificate signing = CA.issue(certificateRequest(CryptoSuite.GM, "11420100MB00000196"), CertificateRole.GM_SIGNING);
        X509Certificate tls = CA.issue(certificateRequest(CryptoSuite.INTL, "11420100MB00000196"), CertificateRole.INTL);

        CA.trustAnchors().validate(List.of(signing), CertificatePurpose.SIGNING, NOW);
        CA.trustAnchors().validate(List.of(tls), CertificatePurpose.TLS_CLIENT, NOW);
        assertThat(org.goldensdk.core.Certificates.creditCode(signing)).contains(TestDepartment.TAX.creditCode());
    }

    @Test
    void aRequestWithoutACreditCodeOrWithTheWrongKeyIsRefused() throws Exception {
        assertThatThrownBy(() -> CA.issue(certificateRequest(CryptoSuite.GM, "11420100MB00000196"), CertificateRole.INTL))
                .isInstanceOf(org.goldensdk.core.ValidationException.class).hasMessageContaining("INTL key");
        assertThatThrownBy(() -> CA.issue("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
                CertificateRole.GM_SIGNING)).isInstanceOf(org.goldensdk.core.MalformedInputException.class);
    }

    @Test
    void aSavedCaLoadsAndIssuesUnderTheSameRoots(@TempDir Path dir) {
        CA.save(dir.resolve("ca.p12"), "secret".toCharArray());

        CertificateAuthority loaded = CertificateAuthority.load(dir.resolve("ca.p12"), "secret".toCharArray());

        assertThat(loaded.gmRoot()).isEqualTo(CA.gmRoot());
        assertThat(loaded.intlRoot()).isEqualTo(CA.intlRoot());
        DepartmentCredentials issued = loaded.issue(TestDepartment.AUDIT.creditCode(), TestDepartment.AUDIT.organisation());
        CA.trustAnchors().validate(issued.intlCertificateChain(), CertificatePurpose.TLS_CLIENT, Instant.now());
        assertThatThrownBy(() -> CertificateAuthority.load(dir.resolve("ca.p12"), "wrong".toCharArray()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("password"));
    }
}
