package org.goldensdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.goldensdk.core.PartyId;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.CertificateAuthority;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code golden inbox pull} against the shared in-process sandbox hub: agriculture has no endpoint
 * there, so what tax sends it waits in its inbox at the hub until pulled.
 */
@ExtendWith(SandboxExtension.class)
class InboxPullCommandTest {
    private static final Pattern SENT_ID = Pattern.compile("sent ([0-9a-f-]{36}) ");
    /** A right only this test grants: tax asks agriculture to check a subsidy claim. */
    private static final ServiceId SUBSIDY_CHECK = ServiceId.of("tax.subsidy-check", 1);

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeCredentials() throws Exception {
        for (TestDepartment department : List.of(TestDepartment.TAX, TestDepartment.AGRICULTURE)) {
            CertificateAuthority.writePkcs12(department.credentials(), dir.resolve(department.systemCode() + ".p12"),
                    TestCredentials.PKCS12_PASSWORD.toCharArray());
        }
        TestCredentials.authority().writeTrustAnchorsPem(dir.resolve("trust-anchors.pem"));
        Files.writeString(dir.resolve("claim.json"), "{\"creditCode\":\"91420100MA4K00002Y\",\"claim\":\"农机购置补贴\"}");
    }

    private static List<String> as(TestDepartment department, Sandbox sandbox, String password) {
        return List.of("--hub", sandbox.hubUri().toString(), "--credentials",
                dir.resolve(department.systemCode() + ".p12").toString(), "--password", password,
                "--trust-anchors", dir.resolve("trust-anchors.pem").toString());
    }

    private static CliRun pull(Sandbox sandbox, String password, PartyId party, Path out) {
        List<String> args = new ArrayList<>(List.of("inbox", "pull"));
        args.addAll(as(TestDepartment.AGRICULTURE, sandbox, password));
        args.addAll(List.of("--party", party.toString(), "--out", out.toString()));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void pullsVerifiesWritesAVerifiableFileAndAcknowledgesSoTheSenderSeesProcessed(Sandbox sandbox) throws Exception {
        sandbox.allow(new AccessRight(TestDepartment.TAX.partyId(), TestDepartment.AGRICULTURE.partyId(), SUBSIDY_CHECK));
        List<String> send = new ArrayList<>(List.of("send"));
        send.addAll(as(TestDepartment.TAX, sandbox, TestCredentials.PKCS12_PASSWORD));
        send.addAll(List.of("--from", TestDepartment.TAX.partyId().toString(), "--to", TestDepartment.AGRICULTURE.partyId().toString(),
                "--service", SUBSIDY_CHECK.toString(), "--store", dir.resolve("tax-outbox").toString(), "--timeout", "PT20S",
                dir.resolve("claim.json").toString()));
        CliRun sent = CliRun.of(send.toArray(String[]::new));
        assertThat(sent.exitCode()).as(sent.err()).isEqualTo(ExitCodes.OK);
        Matcher id = SENT_ID.matcher(sent.out());
        assertThat(id.find()).as(sent.out()).isTrue();
        Path inbox = dir.resolve("agriculture-inbox");

        CliRun pulled = pull(sandbox, TestCredentials.PKCS12_PASSWORD, TestDepartment.AGRICULTURE.partyId(), inbox);

        assertThat(pulled.exitCode()).as(pulled.err()).isEqualTo(ExitCodes.OK);
        Path file = inbox.resolve(id.group(1) + ".golden");
        assertThat(pulled.out()).contains(id.group(1) + " from " + TestDepartment.TAX.partyId(), "(verified, acknowledged)");
        assertThat(file).isRegularFile();
        CliRun verified = CliRun.of("verify", "--trust-anchors", dir.resolve("trust-anchors.pem").toString(), file.toString());
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isEqualTo(ExitCodes.OK);
        assertThat(verified.out()).contains(SUBSIDY_CHECK.toString(), TestDepartment.TAX.partyId().toString());

        List<String> receipts = new ArrayList<>(List.of("receipts"));
        receipts.addAll(as(TestDepartment.TAX, sandbox, TestCredentials.PKCS12_PASSWORD));
        receipts.add(id.group(1));
        CliRun shown = CliRun.of(receipts.toArray(String[]::new));
        assertThat(shown.exitCode()).as(shown.err()).isEqualTo(ExitCodes.OK);
        assertThat(shown.out()).contains("DELIVERED by " + TestDepartment.AGRICULTURE.partyId(),
                "PROCESSED by " + TestDepartment.AGRICULTURE.partyId());

        CliRun again = pull(sandbox, TestCredentials.PKCS12_PASSWORD, TestDepartment.AGRICULTURE.partyId(), inbox);
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).doesNotContain(id.group(1)).contains("0 message(s) pulled");
    }

    @Test
    void aPartyTheCredentialsAreNotRegisteredForIsRefusedByTheHub(Sandbox sandbox) {
        PartyId unknown = PartyId.parse("CN/420100/" + TestDepartment.AGRICULTURE.creditCode().value() + "/no-such-system");

        CliRun run = pull(sandbox, TestCredentials.PKCS12_PASSWORD, unknown, dir.resolve("unknown"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REMOTE);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.err()).startsWith("golden inbox pull: ").contains("E_ACCESS_DENIED");
    }

    @Test
    void anotherDepartmentsPartyIsAUsageErrorAndNothingIsAskedOfTheHub(Sandbox sandbox) {
        CliRun run = pull(sandbox, TestCredentials.PKCS12_PASSWORD, TestDepartment.TAX.partyId(), dir.resolve("other"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("credentials belong to credit code " + TestDepartment.AGRICULTURE.creditCode());
        assertThat(dir.resolve("other")).doesNotExist();
    }

    @Test
    void aWrongPasswordIsALocalError(Sandbox sandbox) {
        CliRun run = pull(sandbox, "not-the-password", TestDepartment.AGRICULTURE.partyId(), dir.resolve("wrong"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.LOCAL);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(dir.resolve("wrong")).doesNotExist();
    }

    @Test
    void withoutASubcommandItPrintsTheUsage() {
        CliRun run = CliRun.of("inbox");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).contains("pull");
    }
}
