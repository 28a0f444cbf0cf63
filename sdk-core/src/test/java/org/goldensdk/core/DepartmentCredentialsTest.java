package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.List;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepartmentCredentialsTest {
    private static final String TAX = "11420100MB00000196";
    private static final char[] PASSWORD = "correct horse".toCharArray();
    private static final TestPki.Issued GM_ROOT = TestPki.root(CryptoSuite.GM, "dev GM root");
    private static final TestPki.Issued INTL_ROOT = TestPki.root(CryptoSuite.INTL, "dev INTL root");
    private static final TestPki.Issued GM_SIGN = TestPki.signingLeaf(GM_ROOT, TAX);
    private static final TestPki.Issued GM_ENC = TestPki.encryptionLeaf(GM_ROOT, TAX);
    private static final TestPki.Issued INTL = TestPki.tlsLeaf(INTL_ROOT, TAX);

    private static DepartmentCredentials.Builder complete() {
        return DepartmentCredentials.builder()
                .gmSigning(GM_SIGN.privateKey(), GM_SIGN.chain())
                .gmEncryption(GM_ENC.privateKey(), GM_ENC.chain())
                .intl(INTL.privateKey(), INTL.chain());
    }

    @Test
    void holdsTheThreeKeysAndTheCreditCodeFromTheSubjectSerialNumber() {
        DepartmentCredentials credentials = complete().build();

        assertThat(credentials.creditCode().value()).isEqualTo(TAX);
        assertThat(credentials.signer(CryptoSuite.GM).algorithm()).isEqualTo(SignatureAlgorithm.SM2_SM3);
        assertThat(credentials.signer(CryptoSuite.INTL).algorithm()).isEqualTo(SignatureAlgorithm.ES256);
        assertThat(credentials.signer(CryptoSuite.GM).certificate()).isEqualTo(GM_SIGN.certificate());
        assertThat(credentials.encryptionCertificateChain(CryptoSuite.GM).get(0)).isEqualTo(GM_ENC.certificate());
        assertThat(credentials.toString()).contains(TAX).doesNotContain("PRIVATE");
    }

    @Test
    void roundTripsThroughAPkcs12FileWithTheDocumentedAliases(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tax.p12");
        try (var out = Files.newOutputStream(file)) {
            complete().build().writePkcs12(out, PASSWORD);
        }
        DepartmentCredentials loaded = DepartmentCredentials.fromPkcs12(file, PASSWORD);
        KeyStore raw = KeyStore.getInstance("PKCS12", TestPki.BC);
        try (var in = Files.newInputStream(file)) {
            raw.load(in, PASSWORD);
        }

        assertThat(java.util.Collections.list(raw.aliases())).containsExactlyInAnyOrder("gm-sign", "gm-enc", "intl");
        assertThat(loaded.creditCode().value()).isEqualTo(TAX);
        byte[] signature = loaded.signer(CryptoSuite.GM).sign(new byte[] {42});
        assertThat(Verifier.of(GM_SIGN.certificate()).verify(new byte[] {42}, signature)).isTrue();
        assertThat(loaded.signer(CryptoSuite.GM).certificateChain()).containsExactlyElementsOf(GM_SIGN.chain());
    }

    @Test
    void aWrongPkcs12PasswordSaysSo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        complete().build().writePkcs12(out, PASSWORD);

        assertThatThrownBy(() -> DepartmentCredentials.fromPkcs12(new ByteArrayInputStream(out.toByteArray()),
                "wrong".toCharArray(), "tax.p12"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("password"))
                .hasMessageContaining("wrong password").hasMessageContaining("tax.p12");
    }

    @Test
    void aPkcs12WithoutTheExpectedAliasNamesWhatIsThere() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12", TestPki.BC);
        store.load(null, null);
        store.setKeyEntry("signing", GM_SIGN.privateKey(), PASSWORD, GM_SIGN.chain().toArray(new java.security.cert.Certificate[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, PASSWORD);

        assertThatThrownBy(() -> DepartmentCredentials.fromPkcs12(new ByteArrayInputStream(out.toByteArray()), PASSWORD, "x.p12"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("gm-sign").hasMessageContaining("signing");
    }

    @Test
    void aKeyOfTheWrongSuiteIsRefusedWhenBuilt() {
        assertThatThrownBy(() -> complete().gmSigning(INTL.privateKey(), INTL.chain()).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("gm-sign"))
                .hasMessageContaining("INTL key").hasMessageContaining("needs a GM key");
        assertThatThrownBy(() -> complete().intl(GM_ENC.privateKey(), GM_ENC.chain()).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("intl"));
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsRefused() {
        assertThatThrownBy(() -> complete().gmSigning(GM_ENC.privateKey(), GM_SIGN.chain()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("does not belong");
    }

    @Test
    void certificatesOfTwoDepartmentsAreRefused() {
        TestPki.Issued customs = TestPki.encryptionLeaf(GM_ROOT, "11420100MB00000271");

        assertThatThrownBy(() -> complete().gmEncryption(customs.privateKey(), customs.chain()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("11420100MB00000271")
                .hasMessageContaining("one department");
    }

    @Test
    void aMissingKeyIsNamed() {
        assertThatThrownBy(() -> DepartmentCredentials.builder().gmSigning(GM_SIGN.privateKey(), GM_SIGN.chain()).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("gm-enc"));
    }

    @Test
    void loadsFromPemFilesIncludingAnEncryptedKey(@TempDir Path dir) throws Exception {
        Path signKey = write(dir, "sign.key", pemKey(GM_SIGN.privateKey(), null));
        Path encKey = write(dir, "enc.key", pemKey(GM_ENC.privateKey(), PASSWORD));
        Path intlKey = write(dir, "intl.key", pemKey(INTL.privateKey(), PASSWORD));
        DepartmentCredentials credentials = DepartmentCredentials.builder().pemPassword(PASSWORD)
                .gmSigning(signKey, write(dir, "sign.pem", chainPem(GM_SIGN)))
                .gmEncryption(encKey, write(dir, "enc.pem", chainPem(GM_ENC)))
                .intl(intlKey, write(dir, "intl.pem", chainPem(INTL)))
                .build();

        assertThat(credentials.creditCode().value()).isEqualTo(TAX);
        assertThatThrownBy(() -> DepartmentCredentials.builder().pemPassword("nope".toCharArray())
                .gmEncryption(encKey, dir.resolve("enc.pem")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("gm-enc"))
                .hasMessageContaining("password is wrong");
    }

    @Test
    void decryptsContentEncryptedForEitherOfItsEncryptionCertificates() {
        DepartmentCredentials credentials = complete().build();
        for (CryptoSuite suite : CryptoSuite.values()) {
            ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
            EncryptionHeader header = ContentEncryption.encrypt(credentials.encryptionCertificateChain(suite).get(0),
                    new ByteArrayInputStream("机密".getBytes(StandardCharsets.UTF_8)), ciphertext, null);
            ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
            credentials.decrypt(header, new ByteArrayInputStream(ciphertext.toByteArray()), plaintext, null);

            assertThat(plaintext.toString(StandardCharsets.UTF_8)).as(suite.id()).isEqualTo("机密");
        }
    }

    @Test
    void exposesTheIntlMaterialInJdkFormForTls() {
        DepartmentCredentials credentials = complete().build();
        X509KeyManager keyManager = (X509KeyManager) credentials.tlsKeyManagers()[0];

        assertThat(credentials.intlPrivateKey().getClass().getName()).doesNotContain("bouncycastle");
        assertThat(credentials.intlCertificateChain().get(0).getClass().getName()).doesNotContain("bouncycastle");
        assertThat(keyManager.getCertificateChain("intl")).extracting(c -> c.getSubjectX500Principal().getName())
                .first().asString().contains(TAX);
    }

    private static Path write(Path dir, String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private static String chainPem(TestPki.Issued issued) throws Exception {
        StringBuilder pem = new StringBuilder();
        for (var certificate : issued.chain()) {
            pem.append(TrustAnchorsTest.pem(certificate));
        }
        return pem.toString();
    }

    private static String pemKey(PrivateKey key, char[] password) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, password == null ? null
                    : new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(TestPki.BC)
                            .setPassword(password).build()));
        }
        return text.toString();
    }

}
