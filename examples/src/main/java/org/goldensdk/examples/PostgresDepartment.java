package org.goldensdk.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;

/**
 * A department system — Wuhan customs — whose outbox and inbox live in its own PostgreSQL database,
 * next to its business tables:
 * <ol>
 * <li>customs records a declaration and sends tax a declaration check <b>in the same transaction</b>
 * ({@code send(message, connection)}): both commit or neither;</li>
 * <li>tax (on its embedded default store) processes the check;</li>
 * <li>tax sends customs a company status; customs' endpoint, its inbox in PostgreSQL, processes it and
 * records it in a business table.</li>
 * </ol>
 * The SDK creates its own tables (prefixed {@code golden_}) with Flyway on first use.
 *
 * <p>Run it alone: {@code java -cp examples/target/golden-demo.jar org.goldensdk.examples.PostgresDepartment
 * jdbc:postgresql://localhost:5432/customs USER PASSWORD}.
 */
public final class PostgresDepartment {

    /** What the example did: the receipts of both messages and the business rows customs holds afterwards. */
    public record Result(ReceiptLog.Trace declarationCheck, ReceiptLog.Trace companyStatus, int declarations, int statuses) {
    }

    private PostgresDepartment() {
    }

    /** Starts a sandbox and runs the example on the database at {@code args[0]} (user {@code args[1]}, password {@code args[2]}). */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: PostgresDepartment JDBC_URL USER PASSWORD");
            System.exit(2);
        }
        try (Sandbox sandbox = Sandbox.builder().defaultRights().start();
                HikariDataSource database = dataSource(args[0], args[1], args[2])) {
            System.out.println(run(sandbox, database, Files.createTempDirectory("golden-example")));
        }
    }

    /** A small connection pool on the department's database. */
    public static HikariDataSource dataSource(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    /** Runs the three steps against customs' {@code database}; tax's store lives under {@code work}. */
    public static Result run(Sandbox sandbox, DataSource database, Path work) throws SQLException, InterruptedException {
        createBusinessTables(database);
        ReceiptLog customsReceipts = new ReceiptLog();
        ReceiptLog taxReceipts = new ReceiptLog();
        try (ExchangeClient customsOutbox = SandboxDepartments.client(sandbox, TestDepartment.CUSTOMS, null, database, customsReceipts);
                ExchangeEndpoint customsInbox = SandboxDepartments.endpoint(sandbox, TestDepartment.CUSTOMS, null, database,
                        Map.of(AccessRight.TAX_COMPANY_STATUS, (message, context) -> {
                            recordStatus(database, message.messageId(), new String(message.bytes(),
                                    java.nio.charset.StandardCharsets.UTF_8));
                            return Outcome.processed();
                        }));
                ExchangeEndpoint taxInbox = SandboxDepartments.endpoint(sandbox, TestDepartment.TAX, work.resolve("tax-inbox"), null,
                        Map.of(AccessRight.CUSTOMS_DECLARATION_CHECK, (message, context) -> Outcome.processed()));
                ExchangeClient taxOutbox = SandboxDepartments.client(sandbox, TestDepartment.TAX, work.resolve("tax-outbox"), null,
                        taxReceipts)) {
            // 1. the business change and its message in one transaction
            long checkSentAt = System.nanoTime();
            MessageId check;
            try (Connection connection = database.getConnection()) {
                connection.setAutoCommit(false);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO customs_declaration (declaration_no, credit_code) VALUES (?, ?)")) {
                    insert.setString(1, "420120260000123456");
                    insert.setString(2, "91420100MA4K00002Y");
                    insert.executeUpdate();
                }
                check = customsOutbox.send(Message.to(TestDepartment.TAX.partyId())
                        .service(AccessRight.CUSTOMS_DECLARATION_CHECK)
                        .json(Map.of("declarationNo", "420120260000123456", "creditCode", "91420100MA4K00002Y"))
                        .build(), connection);                  // inserted, not committed: it leaves with the commit
                connection.commit();
            }
            ReceiptLog.Trace checked = customsReceipts.awaitOutcome(check, checkSentAt, Duration.ofSeconds(30));
            // 3. a message into customs' PostgreSQL inbox
            long statusSentAt = System.nanoTime();
            MessageId status = taxOutbox.send(Message.to(TestDepartment.CUSTOMS.partyId())
                    .service(AccessRight.TAX_COMPANY_STATUS)
                    .json(Map.of("creditCode", "91420100MA4K00002Y", "status", "active"))
                    .build());
            ReceiptLog.Trace delivered = taxReceipts.awaitOutcome(status, statusSentAt, Duration.ofSeconds(30));
            return new Result(checked, delivered, count(database, "customs_declaration"), count(database, "customs_company_status"));
        }
    }

    private static void createBusinessTables(DataSource database) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS customs_declaration (declaration_no VARCHAR(18) PRIMARY KEY,"
                    + " credit_code VARCHAR(18) NOT NULL)");
            statement.execute("CREATE TABLE IF NOT EXISTS customs_company_status (message_id VARCHAR(36) PRIMARY KEY,"
                    + " status TEXT NOT NULL)");
        }
    }

    /** Keyed by message id, so a redelivery after a crash between this insert and the inbox's commit changes nothing. */
    private static void recordStatus(DataSource database, MessageId id, String status) {
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO customs_company_status (message_id, status) VALUES (?, ?) ON CONFLICT (message_id) DO NOTHING")) {
            insert.setString(1, id.toString());
            insert.setString(2, status);
            insert.executeUpdate();
        } catch (SQLException e) {
            // a transient failure: throwing makes the endpoint answer 503, and the hub delivers again later
            throw new IllegalStateException("cannot record the company status: " + e.getMessage(), e);
        }
    }

    private static int count(DataSource database, String table) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
