package org.goldensdk.exchange.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.goldensdk.core.StorageException;

/**
 * The exchange store's database: the embedded H2 default and the versioned schema every store
 * (H2 or PostgreSQL, the client's outbox and the endpoint's inbox) shares. Migrations live in
 * {@code org/goldensdk/exchange/db} and are applied with Flyway into the table
 * {@code golden_schema_history}, so they never collide with the host application's own.
 */
public final class ExchangeDatabase {
    private static final String MIGRATIONS = "classpath:org/goldensdk/exchange/db";

    private ExchangeDatabase() {
    }

    /**
     * A pooled embedded H2 file database in {@code directory}. {@code WRITE_DELAY=0} makes every
     * commit reach the file before it returns, so a process crash right after {@code send} loses
     * nothing (H2 does not promise durability against power loss; PostgreSQL does).
     */
    public static HikariDataSource embeddedH2(Path directory, String name) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new StorageException("cannot create the store directory " + directory, e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + directory.toAbsolutePath().resolve(name)
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000");
        config.setUsername("golden");
        config.setPassword("");
        config.setMaximumPoolSize(8);
        config.setPoolName("golden-exchange-" + name);
        return new HikariDataSource(config);
    }

    /** Brings the schema in {@code dataSource} to the current version; idempotent. */
    public static void migrate(DataSource dataSource) {
        try {
            Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).table("golden_schema_history")
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        } catch (FlywayException e) {
            throw new StorageException("cannot bring the exchange store's schema up to date: " + e.getMessage(), e);
        }
    }
}
