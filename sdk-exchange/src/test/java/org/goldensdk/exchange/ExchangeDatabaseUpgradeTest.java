package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.goldensdk.exchange.internal.store.ExchangeDatabase;
import org.goldensdk.exchange.internal.store.OutboxStore;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A store written by the previous schema (V1, V2) keeps working after V3, on each store. */
@ParameterizedClass
@EnumSource(TestStore.class)
class ExchangeDatabaseUpgradeTest {
    private static final long T0 = Instant.parse("2026-03-01T08:00:00Z").toEpochMilli();
    private static final String SENDER = TestDepartment.TAX.partyId().toString();

    @Parameter
    TestStore store;

    @Test
    void rowsOfTheOldSchemaAreQueuedDeadOrFinishedAsBeforeAfterTheUpgrade(@TempDir Path directory) throws Exception {
        MessageId queued = MessageId.generate();
        MessageId failed = MessageId.generate();
        MessageId processed = MessageId.generate();
        try (HikariDataSource db = store.open(directory)) {
            Flyway.configure().dataSource(db).locations("classpath:org/goldensdk/exchange/db")
                    .table("golden_schema_history").baselineOnMigrate(true).baselineVersion("0").target("2").load()
                    .migrate();
            try (Connection connection = db.getConnection()) {
                insertV1Row(connection, queued, "QUEUED", null);
                insertV1Row(connection, failed, "FAILED", null);
                insertV1Row(connection, processed, "SENT", "PROCESSED");
                try (PreparedStatement receipt = connection.prepareStatement("INSERT INTO golden_outbox_receipt"
                        + " (sender, message_id, state, receipt, received_at, notified) VALUES (?, ?, 'PROCESSED', ?, ?, TRUE)")) {
                    receipt.setString(1, SENDER);
                    receipt.setString(2, processed.toString());
                    receipt.setBytes(3, new byte[] {'{', '}'});
                    receipt.setLong(4, T0 + 5_000);
                    receipt.executeUpdate();
                }
            }

            ExchangeDatabase.migrate(db);

            OutboxStore outbox = new OutboxStore(db, TestDepartment.TAX.partyId());
            assertThat(outbox.deadLetters()).singleElement().satisfies(dead -> {
                assertThat(dead.id()).isEqualTo(failed);
                assertThat(dead.deadAt()).isEqualTo(Instant.ofEpochMilli(T0));
            });
            assertThat(outbox.unannouncedDeadLetters(10)).as("old dead letters are not announced late").isEmpty();
            assertThat(outbox.claimDue("node", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 60_000), 10, true))
                    .containsExactly(queued);
            assertThat(outbox.purgeFinished(Instant.ofEpochMilli(T0 + 5_000), Instant.ofEpochMilli(T0 + 3_600_000), 10))
                    .as("its final receipt's time became the retention start").hasSize(1);
            try (Connection connection = db.getConnection();
                    ResultSet rows = connection.createStatement().executeQuery(
                            "SELECT COUNT(*) FROM golden_outbox WHERE queue_seq IS NULL")) {
                rows.next();
                assertThat(rows.getLong(1)).isZero();
            }
        }
    }

    private static void insertV1Row(Connection connection, MessageId id, String state, String progress)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO golden_outbox (sender, message_id,"
                + " receiver, service, fingerprint, envelope_digest, envelope, part_count, state, attempts,"
                + " next_attempt_at, expires_at, queued_at, progress) VALUES (?, ?, ?, 'tax.company-status/1', 'f', 'd', ?,"
                + " 0, ?, 1, ?, ?, ?, ?)")) {
            insert.setString(1, SENDER);
            insert.setString(2, id.toString());
            insert.setString(3, TestDepartment.CUSTOMS.partyId().toString());
            insert.setBytes(4, new byte[] {'{', '}'});
            insert.setString(5, state);
            insert.setLong(6, T0);
            insert.setLong(7, T0 + 3_600_000);
            insert.setLong(8, T0);
            insert.setString(9, progress);
            insert.executeUpdate();
        }
    }
}
