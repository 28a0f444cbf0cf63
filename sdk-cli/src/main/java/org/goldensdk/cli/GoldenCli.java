package org.goldensdk.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.PartyId;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.ServiceId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code golden} command: {@code java -jar golden.jar <command> …}. Every command has
 * {@code --help}; failures print one line on stderr ({@code golden: …}, with the stack trace only
 * under {@code --verbose}) and exit with a code of {@link ExitCodes}. See docs/cli.md.
 */
@Command(name = "golden", mixinStandardHelpOptions = true, versionProvider = GoldenCli.Version.class,
        description = "Golden SDK command-line tool: keys, certificates, sending through the exchange hub, receipts,"
                + " the inbox, envelope files, identifiers and the local sandbox.",
        subcommands = {KeygenCommand.class, CaCommand.class, SendCommand.class, ReceiptsCommand.class, InboxCommand.class,
                VerifyCommand.class, ValidateCommand.class, SandboxCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:verification failed or invalid value", "2:usage error",
                "3:local file, key store or credentials error", "4:remote error (refused, unreachable, no answer in time)",
                "5:internal error (run with --verbose and report it)"})
public final class GoldenCli implements Callable<Integer> {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace of a failure, and the SDK's log from level info (otherwise errors only).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private GoldenCli() {
    }

    /** Runs {@code golden} with {@code args} and exits the JVM with its exit code. */
    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            // before the first logger exists: the SDK's warnings and progress too (simplelogger.properties says error)
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /**
     * Runs {@code golden} with {@code args} in this JVM, writing to {@code out} and {@code err}, and
     * returns the exit code ({@link ExitCodes}) instead of exiting.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new GoldenCli());
        commandLine.setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(PartyId.class, PartyId::parse)
                .registerConverter(ServiceId.class, ServiceId::parse)
                .registerConverter(MessageId.class, MessageId::parse)
                .setParameterExceptionHandler(GoldenCli::usageError)
                .setExecutionExceptionHandler(GoldenCli::report);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Without a command: the usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    private static int report(Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + describe(failure));
        if (commandLine.getCommandSpec().root().userObject() instanceof GoldenCli root && root.verbose) {
            failure.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(failure);
    }

    /** A wrong command line: one line saying what and where to look, not the whole usage. */
    private static int usageError(CommandLine.ParameterException failure, String[] args) {
        CommandLine commandLine = failure.getCommandLine();
        String path = commandLine.getCommandSpec().qualifiedName();
        PrintWriter err = commandLine.getErr();
        String choices = commandLine.getSubcommands().isEmpty() ? ""
                : "; commands: " + String.join(", ", commandLine.getSubcommands().keySet());
        err.println(path + ": " + failure.getMessage().replace('\n', ' ') + choices + " (see " + path + " --help)");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof GoldenException golden && !(failure instanceof CommandFailure)) {
            message = message + " [" + golden.code().wireCode()
                    + golden.remote().flatMap(r -> r.requestIdIfPresent()).map(id -> ", request " + id).orElse("") + "]";
        }
        return message.replace('\n', ' ');
    }

    /** The SDK version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GoldenCli.class.getPackage().getImplementationVersion();
            return new String[] {"golden " + (version == null ? "(development build)" : version)};
        }
    }
}
