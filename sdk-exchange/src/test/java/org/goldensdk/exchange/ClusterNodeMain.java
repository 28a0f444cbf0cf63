package org.goldensdk.exchange;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.testkit.TestCredentials;

/**
 * One application node of {@link ExchangeClusterKillTest} in a JVM of its own, so the test can kill
 * it with SIGKILL: tax's {@link ExchangeClient} on the shared outbox, dispatching to the test's hub
 * and telling itself apart there by its user agent. It logs {@code READY} once its dispatcher runs
 * and lives until it is killed or its stdin closes (the test is gone).
 *
 * <p>Arguments: {@code HUB-URI CREDENTIALS-DIR JDBC-URL NODE-NAME LEASE-MILLIS}; the directory holds
 * {@code tax.p12} (password {@value TestCredentials#PKCS12_PASSWORD}) and {@code trust-anchors.pem}.
 */
public final class ClusterNodeMain {
    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws IOException {
        Path credentials = Path.of(args[1]);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(args[2]);
        pool.setMaximumPoolSize(4);
        ExchangeClient client = ExchangeClusterKillTest.node(ExchangeClient.builder(), URI.create(args[0]), args[3],
                        Duration.ofMillis(Long.parseLong(args[4])))
                .credentials(DepartmentCredentials.fromPkcs12(credentials.resolve("tax.p12"),
                        TestCredentials.PKCS12_PASSWORD.toCharArray()))
                .trustAnchors(TrustAnchors.fromPem(credentials.resolve("trust-anchors.pem")))
                .store(new HikariDataSource(pool))
                .build();
        System.out.println("READY " + client.party());
        System.out.flush();
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // the test never writes; end of input means it is gone
            }
        }
        Runtime.getRuntime().halt(3);
    }
}
