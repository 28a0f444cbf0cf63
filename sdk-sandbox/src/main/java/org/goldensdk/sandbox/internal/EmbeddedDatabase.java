package org.goldensdk.sandbox.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.goldensdk.core.StorageException;

/**
 * Opens one of the sandbox's embedded H2 databases (the hub's, the portal's): in memory, or a file
 * with {@code WRITE_DELAY=0} so a commit is on disk when acknowledged; its schema brought up to
 * date by Flyway from its own migrations into its own history table.
 */
public final class EmbeddedDatabase {
    private EmbeddedDatabase() {
    }

    /**
     * A pooled data source for database {@code name}: in memory when {@code directory} is null,
     * else the file {@code name} in {@code directory}, migrated from {@code migrations}.
     *
     * @throws StorageException if the schema cannot be brought up to date
     */
    public static HikariDataSource open(String name, Path directory, String migrations, String historyTable) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(directory == null
                ? "jdbc:h2:mem:golden-sandbox-" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"
                : "jdbc:h2:file:" + directory.toAbsolutePath().resolve(name) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000");
        config.setUsername("golden");
        config.setPassword("");
        config.setMaximumPoolSize(8);
        config.setPoolName("golden-sandbox-" + name);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations(migrations).table(historyTable).load().migrate();
        } catch (FlywayException e) {
            dataSource.close();
            throw new StorageException("cannot bring the sandbox " + name + "'s schema up to date: " + e.getMessage(), e);
        }
        return dataSource;
    }
}
