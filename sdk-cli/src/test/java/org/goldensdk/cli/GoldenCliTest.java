package org.goldensdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.RemoteDetails;
import org.goldensdk.core.RemoteException;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.StorageException;
import org.goldensdk.core.TransportException;
import org.goldensdk.core.ValidationException;
import org.junit.jupiter.api.Test;

class GoldenCliTest {

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("keygen", "ca", "send", "receipts", "verify", "validate", "sandbox", "Exit codes",
                "remote error");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"keygen"}, {"ca", "init"}, {"ca", "issue"}, {"send"}, {"receipts"}, {"verify"},
                {"validate", "citizen-id"}, {"validate", "credit-code"}, {"validate", "party"}, {"sandbox"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).as(String.join(" ", args)).contains("Usage: golden " + String.join(" ", command));
        }
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        assertThat(CliRun.of().exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun unknown = CliRun.of("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.oneErrorLine()).as(unknown.err()).isTrue();
        assertThat(unknown.err()).contains("frobnicate", "(see golden --help)");
    }

    @Test
    void aMissingOptionIsOneLinePointingToTheCommandsHelp() {
        CliRun run = CliRun.of("send", "--hub", "https://127.0.0.1:1/");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.err()).startsWith("golden send: Missing required options").contains("(see golden send --help)");
    }

    @Test
    void verbosePrintsTheStackTraceOfAFailure() {
        CliRun quiet = CliRun.of("validate", "credit-code", "nonsense");
        CliRun verbose = CliRun.of("validate", "credit-code", "nonsense", "--verbose");

        assertThat(quiet.err()).doesNotContain("\tat ");
        assertThat(verbose.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(verbose.err()).contains("ValidationException", "\tat org.goldensdk.");
    }

    @Test
    void failuresMapToTheDocumentedExitCodes() {
        RemoteDetails remote = new RemoteDetails(403, "E_ACCESS_DENIED", "r-1", "no");
        assertThat(ExitCodes.of(new SignatureException("bad"))).isEqualTo(ExitCodes.INVALID);
        assertThat(ExitCodes.of(new ValidationException("f", "r", "bad"))).isEqualTo(ExitCodes.INVALID);
        assertThat(ExitCodes.of(new MalformedInputException("bad", null))).isEqualTo(ExitCodes.INVALID);
        assertThat(ExitCodes.of(new ConfigurationException("password", "wrong"))).isEqualTo(ExitCodes.LOCAL);
        assertThat(ExitCodes.of(new StorageException("gone", null))).isEqualTo(ExitCodes.LOCAL);
        assertThat(ExitCodes.of(new UncheckedIOException(new IOException("gone")))).isEqualTo(ExitCodes.LOCAL);
        assertThat(ExitCodes.of(new TransportException("refused", null, true))).isEqualTo(ExitCodes.REMOTE);
        assertThat(ExitCodes.of(new RemoteException(ErrorCode.INTERNAL, "boom", remote))).isEqualTo(ExitCodes.REMOTE);
        assertThat(ExitCodes.of(new SignatureException("the hub says bad", remote))).isEqualTo(ExitCodes.REMOTE);
        assertThat(ExitCodes.of(new GoldenException(ErrorCode.INTERNAL, "bug"))).isEqualTo(ExitCodes.INTERNAL);
        assertThat(ExitCodes.of(new IllegalStateException("bug"))).isEqualTo(ExitCodes.INTERNAL);
    }
}
