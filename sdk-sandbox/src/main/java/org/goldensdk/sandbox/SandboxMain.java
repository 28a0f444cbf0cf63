package org.goldensdk.sandbox;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.testkit.DevCredentialsTool;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;

/**
 * Runs the sandbox from the command line until Ctrl-C:
 *
 * <pre>
 * mvn -q -pl sdk-sandbox -am package -DskipTests exec:java -Dexec.args="--port 8443 --credentials target/dev-credentials"
 * </pre>
 *
 * Options: {@code --port N} (default 0: a free port), {@code --credentials DIR} (where the
 * development credentials of this run are written; default {@code target/sandbox-credentials}),
 * {@code --exit} (start, print, stop — a smoke check), {@code --identity-port N} (the identity
 * provider's port; default 0: a free port), {@code --database DIR} (the hub's H2 database and attachment
 * spool; default: in memory and a temporary directory). Every test department is registered with
 * the default rights of {@link AccessRight#defaults()}. The CA is made anew on each run, so use the
 * credentials of the same run.
 */
public final class SandboxMain {
    private SandboxMain() {
    }

    /** Starts the sandbox, writes the credentials, prints where everything is and waits for Ctrl-C (or {@code --exit}). */
    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        Path credentials = Path.of("target", "sandbox-credentials");
        boolean exit = false;
        int identityPort = 0;
        Path database = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--credentials" -> credentials = Path.of(value(args, ++i, "--credentials"));
                case "--exit" -> exit = true;
                case "--identity-port" -> identityPort = Integer.parseInt(value(args, ++i, "--identity-port"));
                case "--database" -> database = Path.of(value(args, ++i, "--database"));
                default -> throw new ConfigurationException("args", "unknown option " + args[i]
                        + "; use --port N, --credentials DIR, --exit, --identity-port N, --database DIR");
            }
        }
        DevCredentialsTool.main(new String[] {credentials.toString()});
        Sandbox.Builder builder = Sandbox.builder().port(port).identityPort(identityPort).defaultRights();
        if (database != null) {
            builder.databaseDirectory(database);
        }
        Sandbox sandbox = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "golden-sandbox-shutdown"));
        System.out.println("Golden sandbox hub: " + sandbox.hubUri() + " (party " + sandbox.hubParty() + ")");
        System.out.println("portal publishing API: " + sandbox.portalApiUri() + " (mutual TLS, as the hub)");
        System.out.println("portal pages: " + sandbox.portalPagesUri() + " (plain HTTP, for a browser)");
        System.out.println("credentials: " + credentials.toAbsolutePath() + " (trust-anchors.pem, <department>.p12, password "
                + TestCredentials.PKCS12_PASSWORD + ")");
        System.out.println("rights:");
        AccessRight.defaults().forEach(right -> System.out.println("  " + right.sender() + " -> " + right.receiver()
                + "  " + right.service()));
        System.out.println("identity provider: OIDC issuer " + sandbox.issuer() + " (discovery: " + sandbox.issuer()
                + "/.well-known/openid-configuration), CAS " + sandbox.casUri());
        System.out.println("test users (user name / password):");
        for (TestUser user : TestUser.values()) {
            System.out.println("  " + user.username() + " / " + user.password() + "  " + user.displayName() + " (" + user.govKind() + ")");
        }
        System.out.println("department clients (client_credentials; secret " + Sandbox.DEPARTMENT_CLIENT_SECRET
                + " or private_key_jwt with the INTL key):");
        for (TestDepartment department : TestDepartment.values()) {
            System.out.println("  " + Sandbox.departmentClientId(department.partyId()) + "  " + department.partyId());
        }
        if (exit) {
            sandbox.close();
            return;
        }
        System.out.println("running; Ctrl-C stops it");
        stopped.await();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new ConfigurationException("args", option + " needs a value");
        }
        return args[index];
    }
}
