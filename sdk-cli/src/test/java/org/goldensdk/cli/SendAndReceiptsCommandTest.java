package org.goldensdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
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

/** {@code golden send} and {@code golden receipts} against the shared in-process sandbox hub. */
@ExtendWith(SandboxExtension.class)
class SendAndReceiptsCommandTest {
    private static final Pattern SENT_ID = Pattern.compile("sent ([0-9a-f-]{36}) ");

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeTaxCredentials() throws Exception {
        CertificateAuthority.writePkcs12(TestDepartment.TAX.credentials(), dir.resolve("tax.p12"),
                TestCredentials.PKCS12_PASSWORD.toCharArray());
        TestCredentials.authority().writeTrustAnchorsPem(dir.resolve("trust-anchors.pem"));
        Files.writeString(dir.resolve("status.json"), "{\"creditCode\":\"91420100MA4K00002Y\",\"status\":\"active\"}");
    }

    private static List<String> department(Sandbox sandbox, String password) {
        return new ArrayList<>(List.of("--hub", sandbox.hubUri().toString(), "--credentials", dir.resolve("tax.p12").toString(),
                "--password", password, "--trust-anchors", dir.resolve("trust-anchors.pem").toString()));
    }

    private static CliRun send(Sandbox sandbox, String password, String to, String file, String... more) {
        List<String> args = new ArrayList<>(List.of("send"));
        args.addAll(department(sandbox, password));
        args.addAll(List.of("--from", TestDepartment.TAX.partyId().toString(), "--to", to,
                "--service", AccessRight.TAX_COMPANY_STATUS.toString(), "--store", dir.resolve("outbox").toString(),
                "--timeout", "PT20S"));
        args.addAll(List.of(more));
        args.add(file);
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Customs' endpoint, registered with the shared hub: it rejects a deregistered company and processes the rest. */
    private static ExchangeEndpoint customs(Sandbox sandbox) {
        ExchangeEndpoint endpoint = ExchangeEndpoint.builder()
                .party(TestDepartment.CUSTOMS.partyId()).credentials(TestDepartment.CUSTOMS.credentials())
                .trustAnchors(sandbox.trustAnchors()).hubParty(sandbox.hubParty())
                .storeDirectory(dir.resolve("customs-inbox"))
                .handle(AccessRight.TAX_COMPANY_STATUS, (message, context) ->
                        new String(message.bytes(), StandardCharsets.UTF_8).contains("deregistered")
                                ? Outcome.rejected("E_COMPANY_DEREGISTERED", "no declarations for a deregistered company")
                                : Outcome.processed())
                .listen("127.0.0.1", 0).build().start();
        sandbox.registerEndpoint(TestDepartment.CUSTOMS.partyId(), endpoint.uri());
        return endpoint;
    }

    @Test
    void waitingForTheOutcomePrintsEveryReceiptAndARejectionIsARemoteError(Sandbox sandbox) throws Exception {
        Files.writeString(dir.resolve("deregistered.json"), "{\"creditCode\":\"91420100MA4K00002Y\",\"status\":\"deregistered\"}");
        try (ExchangeEndpoint customs = customs(sandbox)) {
            CliRun processed = send(sandbox, TestCredentials.PKCS12_PASSWORD, TestDepartment.CUSTOMS.partyId().toString(),
                    dir.resolve("status.json").toString(), "--wait", "PROCESSED");
            CliRun rejected = send(sandbox, TestCredentials.PKCS12_PASSWORD, TestDepartment.CUSTOMS.partyId().toString(),
                    dir.resolve("deregistered.json").toString(), "--wait", "PROCESSED");

            assertThat(processed.exitCode()).as(processed.err()).isEqualTo(ExitCodes.OK);
            assertThat(processed.out()).contains("ACCEPTED  by " + sandbox.hubParty(),
                    "DELIVERED by " + TestDepartment.CUSTOMS.partyId(), "PROCESSED by " + TestDepartment.CUSTOMS.partyId());
            assertThat(rejected.exitCode()).isEqualTo(ExitCodes.REMOTE);
            assertThat(rejected.out()).contains("REJECTED  by " + TestDepartment.CUSTOMS.partyId());
            assertThat(rejected.oneErrorLine()).as(rejected.err()).isTrue();
            assertThat(rejected.err()).contains("rejected", "E_COMPANY_DEREGISTERED");
        }
    }

    @Test
    void aHubThatDoesNotAnswerEndsTheWaitWithARemoteErrorAndTheMessageStaysQueued(Sandbox sandbox) throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of("send", "--hub", "https://127.0.0.1:" + closedPort + "/",
                "--credentials", dir.resolve("tax.p12").toString(), "--password", TestCredentials.PKCS12_PASSWORD,
                "--trust-anchors", dir.resolve("trust-anchors.pem").toString(), "--from", TestDepartment.TAX.partyId().toString(),
                "--to", TestDepartment.CUSTOMS.partyId().toString(), "--service", AccessRight.TAX_COMPANY_STATUS.toString(),
                "--store", dir.resolve("unreachable-outbox").toString(), "--timeout", "PT2S", dir.resolve("status.json").toString()));

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REMOTE);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("no ACCEPTED receipt", "stays in the outbox");
    }

    private static CliRun receipts(Sandbox sandbox, String id) {
        List<String> args = new ArrayList<>(List.of("receipts"));
        args.addAll(department(sandbox, TestCredentials.PKCS12_PASSWORD));
        args.add(id);
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aFileSentToCustomsIsAcceptedByTheHubAndItsReceiptsCanBeShownLater(Sandbox sandbox) {
        CliRun sent = send(sandbox, TestCredentials.PKCS12_PASSWORD, TestDepartment.CUSTOMS.partyId().toString(),
                dir.resolve("status.json").toString());

        assertThat(sent.exitCode()).as(sent.err()).isEqualTo(ExitCodes.OK);
        assertThat(sent.out()).contains("ACCEPTED  by " + sandbox.hubParty(), "(signature verified)", "ms)");
        Matcher id = SENT_ID.matcher(sent.out());
        assertThat(id.find()).as(sent.out()).isTrue();

        CliRun shown = receipts(sandbox, id.group(1));

        assertThat(shown.exitCode()).as(shown.err()).isEqualTo(ExitCodes.OK);
        assertThat(shown.out()).contains("receipts of " + id.group(1), "ACCEPTED  by " + sandbox.hubParty());
    }

    @Test
    void aMissingFileIsALocalErrorAndNothingIsSent(Sandbox sandbox) {
        CliRun run = send(sandbox, TestCredentials.PKCS12_PASSWORD, TestDepartment.CUSTOMS.partyId().toString(),
                dir.resolve("no-such.json").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.LOCAL);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("no-such.json");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aWrongPasswordIsALocalErrorNamingThePassword(Sandbox sandbox) {
        CliRun run = send(sandbox, "not-the-password", TestDepartment.CUSTOMS.partyId().toString(),
                dir.resolve("status.json").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.LOCAL);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("wrong password", "tax.p12");
    }

    @Test
    void anUnknownPartyIsRefusedByTheHubAsARemoteError(Sandbox sandbox) {
        CliRun run = send(sandbox, TestCredentials.PKCS12_PASSWORD, "CN/420100/91420100MA4K00002Y/shop",
                dir.resolve("status.json").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.REMOTE);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("E_ACCESS_DENIED", "not registered");
    }

    @Test
    void receiptsWithTheOutboxShowADeadLetterAndItsErrorAsARemoteError(Sandbox sandbox) {
        CliRun sent = send(sandbox, TestCredentials.PKCS12_PASSWORD, "CN/420100/91420100MA4K00002Y/shop",
                dir.resolve("status.json").toString());
        Matcher id = SENT_ID.matcher(sent.out());
        assertThat(id.find()).as(sent.out()).isTrue();
        List<String> args = new ArrayList<>(List.of("receipts"));
        args.addAll(department(sandbox, TestCredentials.PKCS12_PASSWORD));
        args.addAll(List.of("--store", dir.resolve("outbox").toString(), "--from", TestDepartment.TAX.partyId().toString(),
                id.group(1)));

        CliRun shown = CliRun.of(args.toArray(String[]::new));

        assertThat(shown.exitCode()).isEqualTo(ExitCodes.REMOTE);
        assertThat(shown.out()).contains("FAILED", "last error E_ACCESS_DENIED");
        assertThat(shown.oneErrorLine()).as(shown.err()).isTrue();
        assertThat(shown.err()).contains("dead letter", "E_ACCESS_DENIED");
    }

    @Test
    void aMalformedPartyIsAUsageError(Sandbox sandbox) {
        CliRun run = send(sandbox, TestCredentials.PKCS12_PASSWORD, "customs", dir.resolve("status.json").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--to", "customs");
    }

    @Test
    void receiptsOfAMessageTheHubDoesNotKnowAreARemoteNotFound(Sandbox sandbox) {
        CliRun run = receipts(sandbox, MessageId.generate().toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REMOTE);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("E_NOT_FOUND");
    }
}
