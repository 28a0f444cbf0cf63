package org.goldensdk.sandbox.crash;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;

/**
 * What {@link SenderMain} and {@link ReceiverMain} share: their command line, the credentials the
 * test wrote for them, their stores, their log on stdout, and the guards that end a child whose test
 * is gone (stdin closed) or that outlives its hang guard.
 */
public final class CrashChild {
    /** A store argument naming a directory: the SDK's default embedded H2 store there. */
    static final String DIRECTORY_STORE = "dir:";
    /** The user of every H2 database of the crash test (the SDK's embedded stores use this one). */
    static final String H2_USER = "golden";

    private final Map<String, String> options = new HashMap<>();

    private CrashChild(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
    }

    /** Parses {@code --name value} pairs and starts the guards: exit when stdin closes or after {@code --max-seconds}. */
    public static CrashChild start(String[] args) {
        CrashChild child = new CrashChild(args);
        Duration lifetime = Duration.ofSeconds(Long.parseLong(child.option("max-seconds")));
        daemon("crash-child-stdin", () -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the test never writes; EOF means it closed us or died
                }
            } catch (IOException e) {
                // the pipe broke: the test is gone
            }
            Runtime.getRuntime().halt(3);
        });
        daemon("crash-child-hang-guard", () -> {
            try {
                Thread.sleep(lifetime.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.err.println("hang guard: still running after " + lifetime + "; halting");
            Runtime.getRuntime().halt(4);
        });
        return child;
    }

    public String option(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }

    /**
     * The department's credentials from the unencrypted PEM files the test wrote: a PKCS#12 file's
     * key derivation costs each of a run's eleven children about a second of a loaded machine's CPU.
     */
    DepartmentCredentials credentials(TestDepartment department) {
        Path directory = Path.of(option("credentials"));
        return DepartmentCredentials.builder()
                .gmSigning(keyFile(directory, department, DepartmentCredentials.GM_SIGNING_ALIAS),
                        chainFile(directory, department, DepartmentCredentials.GM_SIGNING_ALIAS))
                .gmEncryption(keyFile(directory, department, DepartmentCredentials.GM_ENCRYPTION_ALIAS),
                        chainFile(directory, department, DepartmentCredentials.GM_ENCRYPTION_ALIAS))
                .intl(keyFile(directory, department, DepartmentCredentials.INTL_ALIAS),
                        chainFile(directory, department, DepartmentCredentials.INTL_ALIAS))
                .build();
    }

    /** The PEM private key (PKCS#8, unencrypted) of one of a department's three entries. */
    static Path keyFile(Path directory, TestDepartment department, String alias) {
        return directory.resolve(department.name().toLowerCase(Locale.ROOT) + "-" + alias + ".key.pem");
    }

    /** The PEM certificate chain, end-entity first, of one of a department's three entries. */
    static Path chainFile(Path directory, TestDepartment department, String alias) {
        return directory.resolve(department.name().toLowerCase(Locale.ROOT) + "-" + alias + ".chain.pem");
    }

    public TrustAnchors trustAnchors() {
        return TrustAnchors.fromPem(Path.of(option("credentials")).resolve("trust-anchors.pem"));
    }

    /** The directory of a {@code dir:} store argument, or null for a JDBC URL. */
    static Path directory(String store) {
        return store.startsWith(DIRECTORY_STORE) ? Path.of(store.substring(DIRECTORY_STORE.length())) : null;
    }

    /** A small pool on a JDBC URL (H2 URLs connect as {@link #H2_USER}; others carry their credentials). */
    static DataSource dataSource(String jdbcUrl, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            config.setUsername(H2_USER);
            config.setPassword("");
        }
        // Room for the hub's concurrent pushes (Sandbox.DEFAULT_PUSH_CONCURRENCY), each handled in a transaction of its own.
        config.setMaximumPoolSize(Sandbox.DEFAULT_PUSH_CONCURRENCY + 2);
        config.setPoolName(poolName);
        return new HikariDataSource(config);
    }

    /** One line of the child's log; the test reads it the moment it is written. */
    public static void log(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
