package org.goldensdk.sandbox.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a crash run keeps its three databases: the sender's outbox, the receiver's inbox and the
 * receiver's business table. The children get these as command-line arguments ({@code dir:PATH}
 * for the SDK's default embedded H2 store in a directory, or a JDBC URL), the test opens them to
 * check the outcome once the children are dead. This is what a run on PostgreSQL swaps: add a
 * {@link Kind} whose store hands out JDBC URLs of an embedded PostgreSQL.
 */
interface CrashStore {
    /** The sender's {@code --store}. */
    String outbox();

    /** The receiver's {@code --store}. */
    String inbox();

    /** The JDBC URL of the receiver's own (business) database. */
    String business();

    /** A connection to one of the three, for checks after the run. */
    Connection open(String store) throws SQLException;

    /** The stores a crash run is repeated on. */
    enum Kind {
        /** The SDK's default: embedded H2 files (the stores' own URLs, with {@code WRITE_DELAY=0}). */
        H2 {
            @Override
            CrashStore in(Path directory) {
                return new H2Store(directory);
            }
        };

        /** A fresh set of stores, under {@code directory} where they are files. */
        abstract CrashStore in(Path directory);
    }

    /** The SDK's embedded H2 stores in their directories; the business table in an H2 file beside them. */
    record H2Store(Path root) implements CrashStore {
        @Override
        public String outbox() {
            return CrashChild.DIRECTORY_STORE + root.resolve("outbox");
        }

        @Override
        public String inbox() {
            return CrashChild.DIRECTORY_STORE + root.resolve("inbox");
        }

        @Override
        public String business() {
            // The business database must not lose a commit either, or the run would report a loss the SDK did not cause.
            return "jdbc:h2:file:" + root.resolve("business").resolve("business") + ";WRITE_DELAY=0";
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
}
