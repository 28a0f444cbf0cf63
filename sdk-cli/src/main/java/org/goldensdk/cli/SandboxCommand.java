package org.goldensdk.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.DevCredentialsTool;
import org.goldensdk.testkit.TestCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code golden sandbox}: the local exchange hub in this process, with fresh development credentials. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Start the sandbox exchange hub (mutual TLS, every Wuhan test department registered, the default"
                + " access rights) and write this run's development credentials: trust-anchors.pem, one"
                + " <department>.p12 per department (password golden-dev) and the CA itself as ca.p12.",
                "Runs until Ctrl-C; --exit stops it right after start (a smoke check)."})
final class SandboxCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "0", paramLabel = "PORT", description = "The hub's port (default: a free one).")
    int port;

    @Option(names = "--credentials", defaultValue = "sandbox-credentials", paramLabel = "DIR",
            description = "Where to write this run's credentials (default ${DEFAULT-VALUE}).")
    Path credentials;

    @Option(names = "--exit", description = "Stop right after starting and printing.")
    boolean exit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Sandbox.Builder builder = Sandbox.builder().port(port).defaultRights();   // a bad port fails before any file is written
        DevCredentialsTool.main(new String[] {credentials.toString()});
        // the CA itself too, so `golden ca issue --ca <dir>/ca.p12` certifies new keys under this run's roots
        TestCredentials.authority().save(credentials.resolve(CaCommand.CA_FILE), TestCredentials.PKCS12_PASSWORD.toCharArray());
        Sandbox sandbox = builder.start();
        PrintWriter out = spec.commandLine().getOut();
        out.println("hub:         " + sandbox.hubUri() + " (party " + sandbox.hubParty() + ")");
        out.println("credentials: " + credentials.toAbsolutePath() + " (password " + TestCredentials.PKCS12_PASSWORD + ")");
        out.println("rights:");
        AccessRight.defaults().forEach(right -> out.println("  " + right.sender() + " -> " + right.receiver() + "  " + right.service()));
        out.println("try:         golden send --hub " + sandbox.hubUri() + " --credentials " + credentials.resolve("tax.p12")
                + " --password " + TestCredentials.PKCS12_PASSWORD + " --trust-anchors " + credentials.resolve("trust-anchors.pem")
                + " --from " + AccessRight.defaults().get(0).sender() + " --to " + AccessRight.defaults().get(0).receiver()
                + " --service " + AccessRight.TAX_COMPANY_STATUS + " FILE");
        if (exit) {
            sandbox.close();
            return ExitCodes.OK;
        }
        out.println("running; Ctrl-C stops it");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "golden-sandbox-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }
}
