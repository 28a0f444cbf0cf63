package org.goldensdk.sandbox.crash;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.testkit.TestDepartment;

/**
 * The crash test's receiver, a forked JVM: customs' {@link ExchangeEndpoint} on the given inbox
 * store, listening on a free loopback port it logs as {@code LISTENING <uri>} (the test registers it
 * with the hub). Its handler is the department's business code: it inserts one row into its own
 * table {@value #TABLE} in its own database and commits that in its own transaction, then logs
 * {@code HANDLED <id>}. The table has no unique key on purpose: every committed call of the handler
 * leaves a row, so counting rows per message id shows a message handled twice.
 *
 * <p>Options: {@code --credentials DIR --store (dir:PATH | JDBC-URL) --business JDBC-URL --incarnation K --max-seconds S}.
 */
public final class ReceiverMain {
    static final String TABLE = "crash_handled";

    private ReceiverMain() {
    }

    public static void main(String[] args) throws InterruptedException, SQLException {
        CrashChild child = CrashChild.start(args);
        int incarnation = Integer.parseInt(child.option("incarnation"));
        DataSource business = CrashChild.dataSource(child.option("business"), "crash-business");
        try (Connection connection = business.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (message_id VARCHAR(36) NOT NULL,"
                    + " payload VARCHAR(100) NOT NULL, incarnation INTEGER NOT NULL)");
        }
        String store = child.option("store");
        ExchangeEndpoint.Builder builder = ExchangeEndpoint.builder()
                .party(CrashMessages.RECEIVER.partyId())
                .credentials(child.credentials(CrashMessages.RECEIVER))
                .trustAnchors(child.trustAnchors())
                .hubParty(TestDepartment.EXCHANGE_PLATFORM.partyId())
                .handle(AccessRight.TAX_COMPANY_STATUS, (message, context) -> {
                    record(business, message.messageId().toString(), new String(message.bytes(), StandardCharsets.UTF_8),
                            incarnation);
                    CrashChild.log("HANDLED " + message.messageId());
                    return Outcome.processed();
                })
                .listen("127.0.0.1", 0);
        Path directory = CrashChild.directory(store);
        if (directory != null) {
            builder.storeDirectory(directory);
        } else {
            builder.store(CrashChild.dataSource(store, "crash-inbox"));
        }
        ExchangeEndpoint endpoint = builder.build().start();
        CrashChild.log("LISTENING " + endpoint.uri());
        new CountDownLatch(1).await();
    }

    private static void record(DataSource business, String messageId, String payload, int incarnation) {
        try (Connection connection = business.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                    + " (message_id, payload, incarnation) VALUES (?, ?, ?)")) {
                insert.setString(1, messageId);
                insert.setString(2, payload);
                insert.setInt(3, incarnation);
                insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            // The endpoint answers 503 and nothing is recorded: the hub delivers the message again.
            throw new IllegalStateException("cannot record message " + messageId + " in the business table", e);
        }
    }
}
