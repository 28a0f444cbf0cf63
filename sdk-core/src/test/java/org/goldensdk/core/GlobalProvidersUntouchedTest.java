package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A library must not reorder or extend its host's security providers: every operation uses a private BouncyCastle instance. */
class GlobalProvidersUntouchedTest {

    @Test
    void everyCryptoOperationLeavesTheGlobalProviderListUnchanged() {
        List<String> before = providerNames();

        String tax = "11420100MB00000196";
        TestPki.Issued gmRoot = TestPki.root(CryptoSuite.GM, "root GM");
        TestPki.Issued intlRoot = TestPki.root(CryptoSuite.INTL, "root INTL");
        TestPki.Issued gmSign = TestPki.signingLeaf(gmRoot, tax);
        TestPki.Issued gmEnc = TestPki.encryptionLeaf(gmRoot, tax);
        TestPki.Issued intl = TestPki.tlsLeaf(intlRoot, tax);
        TestPki.Issued rsa = TestPki.root(TestPki.rsa(), "rsa");
        DepartmentCredentials credentials = DepartmentCredentials.builder().gmSigning(gmSign.privateKey(), gmSign.chain())
                .gmEncryption(gmEnc.privateKey(), gmEnc.chain()).intl(intl.privateKey(), intl.chain()).build();
        ByteArrayOutputStream p12 = new ByteArrayOutputStream();
        credentials.writePkcs12(p12, "pw".toCharArray());
        DepartmentCredentials loaded = DepartmentCredentials.fromPkcs12(new ByteArrayInputStream(p12.toByteArray()), "pw".toCharArray(), "p12");
        TrustAnchors anchors = TrustAnchors.of(List.of(gmRoot.certificate(), intlRoot.certificate()));
        byte[] data = {1, 2, 3};
        for (CryptoSuite suite : CryptoSuite.values()) {
            suite.digest(data);
            Signer signer = loaded.signer(suite);
            Verifier.of(signer.certificate()).requireValid(data, signer.sign(data));
            anchors.validate(signer.certificateChain(), CertificatePurpose.SIGNING, TestPki.NOW);
            ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
            EncryptionHeader header = ContentEncryption.encrypt(loaded.encryptionCertificateChain(suite).get(0),
                    new ByteArrayInputStream(data), ciphertext, null);
            loaded.decrypt(header, new ByteArrayInputStream(ciphertext.toByteArray()), new ByteArrayOutputStream(), null);
        }
        Verifier.of(rsa.certificate()).requireValid(data, Signer.of(rsa.privateKey(), rsa.chain()).sign(data));
        ByteArrayOutputStream rsaCiphertext = new ByteArrayOutputStream();
        EncryptionHeader rsaHeader = ContentEncryption.encrypt(rsa.certificate(), new ByteArrayInputStream(data), rsaCiphertext, null);
        ContentEncryption.decrypt(rsa.privateKey(), rsa.certificate(), rsaHeader,
                new ByteArrayInputStream(rsaCiphertext.toByteArray()), new ByteArrayOutputStream(), null);
        loaded.tlsKeyManagers();
        anchors.tlsTrustManagers();
        loaded.intlPrivateKey();

        assertThat(providerNames()).isEqualTo(before).doesNotContain("BC");
    }

    private static List<String> providerNames() {
        return Arrays.stream(Security.getProviders()).map(Provider::getName).toList();
    }
}
