package org.goldensdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.EnvelopeFile;
import org.goldensdk.exchange.EnvelopeSealer;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.SealedMessage;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.testkit.CertificateAuthority;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    private static final String PAYLOAD = "{\"creditCode\":\"91420100MA4K00002Y\",\"status\":\"active\"}";

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeAnEnvelopeFile() {
        TestCredentials.authority().writeTrustAnchorsPem(dir.resolve("trust-anchors.pem"));
        CertificateAuthority.create().writeTrustAnchorsPem(dir.resolve("foreign.pem"));
        EnvelopeSealer sealer = EnvelopeSealer.builder().party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials()).build();
        try (SealedMessage sealed = sealer.seal(Message.to(TestDepartment.CUSTOMS.partyId())
                .service(AccessRight.TAX_COMPANY_STATUS)
                .bytes("application/json", PAYLOAD.getBytes(StandardCharsets.UTF_8))
                .attach("ledger.csv", "text/csv", Content.of("month,amount\n2026-01,100\n".getBytes(StandardCharsets.UTF_8)))
                .build())) {
            EnvelopeFile.write(sealed, dir.resolve("status.golden"));
        }
    }

    private static CliRun verify(String anchors, Path file) {
        return CliRun.of("verify", "--trust-anchors", dir.resolve(anchors).toString(), file.toString());
    }

    @Test
    void aSignedEnvelopeFileVerifiesAndItsHeaderIsPrinted() {
        CliRun run = verify("trust-anchors.pem", dir.resolve("status.golden"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("from         " + TestDepartment.TAX.partyId(), "to           " + TestDepartment.CUSTOMS.partyId(),
                "service      tax.company-status/1", "signature    OK  SM2-SM3", "payload      OK  SM3:",
                "attachment   OK  ledger.csv", "verified: ");
    }

    @Test
    void aPayloadChangedInTheFileFailsVerificationWithExitOne() throws Exception {
        Path tampered = dir.resolve("tampered.golden");
        byte[] bytes = Files.readAllBytes(dir.resolve("status.golden"));
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("active");   // parts are STORED: the payload's bytes sit in the file as they are
        assertThat(at).isPositive();
        bytes[at] = 'A';
        Files.write(tampered, bytes);

        CliRun run = verify("trust-anchors.pem", tampered);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(run.err()).contains("payload", "E_SIGNATURE");
        assertThat(run.out()).contains("signature    OK").doesNotContain("payload      OK", "verified: ");
    }

    @Test
    void anEnvelopeSignedUnderAnotherCaFailsVerification() {
        CliRun run = verify("foreign.pem", dir.resolve("status.golden"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.out()).doesNotContain("signature    OK");
    }

    @Test
    void aMissingFileIsALocalErrorAndAFileThatIsNoEnvelopeIsInvalid() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a zip");

        CliRun missing = verify("trust-anchors.pem", dir.resolve("missing.golden"));
        CliRun notAnEnvelope = verify("trust-anchors.pem", dir.resolve("notes.txt"));

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.LOCAL);
        assertThat(missing.oneErrorLine()).as(missing.err()).isTrue();
        assertThat(notAnEnvelope.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(notAnEnvelope.err()).contains("not an envelope file");
    }
}
