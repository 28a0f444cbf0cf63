package org.goldensdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.goldensdk.core.CertificatePurpose;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.testkit.CertificateAuthority;
import org.goldensdk.testkit.TestCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenAndCaCommandTest {
    private static final String TAX_CODE = "11420100MB00000196";

    @TempDir
    static Path dir;

    @BeforeAll
    static void saveTheSharedCa() {
        TestCredentials.authority().save(dir.resolve("ca.p12"), "ca-pass".toCharArray());
    }

    @Test
    void aGmKeyAndRequestAreCertifiedForSigningByTheDevelopmentCa() throws Exception {
        CliRun keygen = CliRun.of("keygen", "--suite", "gm", "--credit-code", TAX_CODE, "--organisation", "国家税务总局武汉市税务局",
                "--unit", "sign", "--out", dir.resolve("keys").toString(), "--name", "tax-sign");
        assertThat(keygen.exitCode()).as(keygen.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(dir.resolve("keys/tax-sign.key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");

        CliRun issue = CliRun.of("ca", "issue", "--ca", dir.resolve("ca.p12").toString(), "--password", "ca-pass",
                "--csr", dir.resolve("keys/tax-sign.csr.pem").toString(), "--role", "GM_SIGNING",
                "--out", dir.resolve("keys/tax-sign.pem").toString());

        assertThat(issue.exitCode()).as(issue.err()).isEqualTo(ExitCodes.OK);
        List<X509Certificate> chain = TrustAnchors.fromPem(dir.resolve("keys/tax-sign.pem")).certificates();
        X509Certificate certificate = chain.get(0);
        assertThat(CryptoSuite.of(certificate)).isEqualTo(CryptoSuite.GM);
        assertThat(Certificates.creditCode(certificate)).contains(CreditCode.parse(TAX_CODE));
        TestCredentials.trustAnchors().validate(List.of(certificate), CertificatePurpose.SIGNING, Instant.now());
    }

    @Test
    void anIntlKeyIsCertifiedForTls() {
        CliRun keygen = CliRun.of("keygen", "--suite", "INTL", "--credit-code", TAX_CODE, "--organisation", "Tax",
                "--out", dir.resolve("intl").toString());
        assertThat(keygen.exitCode()).as(keygen.err()).isEqualTo(ExitCodes.OK);

        CliRun issue = CliRun.of("ca", "issue", "--ca", dir.resolve("ca.p12").toString(), "--password", "ca-pass",
                "--csr", dir.resolve("intl/intl.csr.pem").toString(), "--role", "intl", "--out", dir.resolve("intl/intl.pem").toString());

        assertThat(issue.exitCode()).as(issue.err()).isEqualTo(ExitCodes.OK);
        X509Certificate certificate = TrustAnchors.fromPem(dir.resolve("intl/intl.pem")).certificates().get(0);
        assertThat(CryptoSuite.of(certificate)).isEqualTo(CryptoSuite.INTL);
        TestCredentials.trustAnchors().validate(List.of(certificate), CertificatePurpose.TLS_CLIENT, Instant.now());
    }

    @Test
    void aGmRequestIsNotCertifiedAsAnIntlKey() {
        CliRun.of("keygen", "--credit-code", TAX_CODE, "--organisation", "Tax", "--out", dir.resolve("mismatch").toString());

        CliRun issue = CliRun.of("ca", "issue", "--ca", dir.resolve("ca.p12").toString(), "--password", "ca-pass",
                "--csr", dir.resolve("mismatch/gm.csr.pem").toString(), "--role", "INTL", "--out", dir.resolve("mismatch/x.pem").toString());

        assertThat(issue.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(issue.oneErrorLine()).as(issue.err()).isTrue();
        assertThat(issue.err()).contains("INTL key");
    }

    @Test
    void aTamperedRequestIsRefused() throws Exception {
        CliRun.of("keygen", "--credit-code", TAX_CODE, "--organisation", "Tax", "--out", dir.resolve("tampered").toString());
        Path csr = dir.resolve("tampered/gm.csr.pem");
        String pem = Files.readString(csr);
        int at = pem.indexOf('\n') + 40;   // inside the base64 of the subject
        char flipped = pem.charAt(at) == 'A' ? 'B' : 'A';
        Files.writeString(csr, pem.substring(0, at) + flipped + pem.substring(at + 1));

        CliRun issue = CliRun.of("ca", "issue", "--ca", dir.resolve("ca.p12").toString(), "--password", "ca-pass",
                "--csr", csr.toString(), "--role", "GM_SIGNING", "--out", dir.resolve("tampered/x.pem").toString());

        assertThat(issue.exitCode()).isIn(ExitCodes.INVALID);
        assertThat(issue.oneErrorLine()).as(issue.err()).isTrue();
        assertThat(dir.resolve("tampered/x.pem")).doesNotExist();
    }

    @Test
    void aWrongCaPasswordOrAMissingRequestIsALocalError() {
        CliRun.of("keygen", "--credit-code", TAX_CODE, "--organisation", "Tax", "--out", dir.resolve("pw").toString());

        CliRun wrongPassword = CliRun.of("ca", "issue", "--ca", dir.resolve("ca.p12").toString(), "--password", "nope",
                "--csr", dir.resolve("pw/gm.csr.pem").toString(), "--role", "GM_SIGNING", "--out", dir.resolve("pw/x.pem").toString());
        CliRun missing = CliRun.of("ca", "issue", "--ca", dir.resolve("ca.p12").toString(), "--password", "ca-pass",
                "--csr", dir.resolve("pw/none.csr.pem").toString(), "--role", "GM_SIGNING", "--out", dir.resolve("pw/x.pem").toString());

        assertThat(wrongPassword.exitCode()).isEqualTo(ExitCodes.LOCAL);
        assertThat(wrongPassword.oneErrorLine()).as(wrongPassword.err()).isTrue();
        assertThat(wrongPassword.err()).contains("password");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.LOCAL);
        assertThat(missing.err()).contains("none.csr.pem");
    }

    @Test
    void keygenRefusesAnInvalidCreditCodeAndAnUnknownSuite() {
        CliRun badCode = CliRun.of("keygen", "--credit-code", "11420100MB00000197", "--organisation", "Tax",
                "--out", dir.resolve("bad").toString());
        CliRun badSuite = CliRun.of("keygen", "--suite", "RSA", "--credit-code", TAX_CODE, "--organisation", "Tax");

        assertThat(badCode.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(badSuite.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badSuite.err()).contains("RSA");
    }

    @Test
    void caInitWritesACaThatIssuesLater() {
        CliRun init = CliRun.of("ca", "init", "--out", dir.resolve("own-ca").toString(), "--password", "own");

        assertThat(init.exitCode()).as(init.err()).isEqualTo(ExitCodes.OK);
        CertificateAuthority loaded = CertificateAuthority.load(dir.resolve("own-ca/ca.p12"), "own".toCharArray());
        assertThat(TrustAnchors.fromPem(dir.resolve("own-ca/trust-anchors.pem")).certificates())
                .containsExactly(loaded.gmRoot(), loaded.intlRoot());
    }
}
