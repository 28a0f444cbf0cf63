package org.goldensdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL example on a real PostgreSQL (embedded; the test fails, never skips, if it cannot start). */
@ExtendWith(SandboxExtension.class)
class PostgresDepartmentTest {

    @Test
    void customsKeepsItsOutboxAndInboxInPostgresBesideItsBusinessTables(Sandbox sandbox, @TempDir Path work) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                HikariDataSource database = PostgresDepartment.dataSource(postgres.getJdbcUrl("postgres", "postgres"),
                        "postgres", "postgres")) {
            PostgresDepartment.Result result = assertTimeoutPreemptively(Duration.ofSeconds(90),
                    () -> PostgresDepartment.run(sandbox, database, work));

            assertThat(result.declarationCheck().finalState()).contains(ReceiptState.PROCESSED);
            assertThat(result.companyStatus().finalState()).contains(ReceiptState.PROCESSED);
            assertThat(result.declarations()).isEqualTo(1);
            assertThat(result.statuses()).isEqualTo(1);
            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                    ResultSet tables = statement.executeQuery("SELECT count(*) FROM information_schema.tables"
                            + " WHERE table_name LIKE 'golden\\_%'")) {
                tables.next();
                assertThat(tables.getInt(1)).as("the SDK's outbox and inbox tables live in this database").isPositive();
            }
        }
    }
}
