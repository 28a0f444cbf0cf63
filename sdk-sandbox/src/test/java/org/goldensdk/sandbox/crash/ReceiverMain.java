package org.goldensdk.sandbox.crash;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.MessageContext;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.ReceivedMessage;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.testkit.TestDepartment;

/**
 * The crash test's receiver, a forked JVM: customs' {@link ExchangeEndpoint} whose store is the
 * department's own database (a JDBC URL), listening on a free loopback port it logs as
 * {@code LISTENING <uri>} (the test registers it with the hub). Its handler is the department's
 * business code: it inserts one row into its table {@value #TABLE} through
 * {@link MessageContext#connection()}, so the row commits in the inbox's transaction together with
 * the message's handled mark, then logs {@code HANDLED <id>} (before that commit: the line tells
 * progress, the table tells what was handled). The table has no unique key on purpose: every
 * committed call of the handler leaves a row, so counting rows per message id shows a message
 * handled twice.
 *
 * <p>Options: {@code --credentials DIR --store JDBC-URL --incarnation K --max-seconds S}.
 */
public final class ReceiverMain {
    static final String TABLE = "crash_handled";

    private ReceiverMain() {
    }

    public static void main(String[] args) throws InterruptedException, SQLException {
        CrashChild child = CrashChild.start(args);
        int incarnation = Integer.parseInt(child.option("incarnation"));
        DataSource database = CrashChild.dataSource(child.option("store"), "crash-receiver");
        try (Connection connection = database.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (message_id VARCHAR(36) NOT NULL,"
                    + " payload VARCHAR(100) NOT NULL, incarnation INTEGER NOT NULL)");
        }
        ExchangeEndpoint endpoint = ExchangeEndpoint.builder()
                .party(CrashMessages.RECEIVER.partyId())
                .credentials(child.credentials(CrashMessages.RECEIVER))
                .trustAnchors(child.trustAnchors())
                .hubParty(TestDepartment.EXCHANGE_PLATFORM.partyId())
                .store(database)
                .handle(AccessRight.TAX_COMPANY_STATUS, (message, context) -> {
                    record(message, context, incarnation);
                    CrashChild.log("HANDLED " + message.messageId());
                    return Outcome.processed();
                })
                .listen("127.0.0.1", 0)
                .build()
                .start();
        CrashChild.log("LISTENING " + endpoint.uri());
        new CountDownLatch(1).await();
    }

    private static void record(ReceivedMessage message, MessageContext context, int incarnation) {
        try (PreparedStatement insert = context.connection().prepareStatement("INSERT INTO " + TABLE
                + " (message_id, payload, incarnation) VALUES (?, ?, ?)")) {
            insert.setString(1, message.messageId().toString());
            insert.setString(2, new String(message.bytes(), StandardCharsets.UTF_8));
            insert.setInt(3, incarnation);
            insert.executeUpdate();
        } catch (SQLException e) {
            // The endpoint rolls back, answers 503 and records nothing: the hub delivers the message again.
            throw new IllegalStateException("cannot record message " + message.messageId() + " in the business table", e);
        }
    }
}
