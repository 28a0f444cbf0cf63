package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.VirtualScheduler;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transactional inbox: customs' handler records a declaration in the application's own table
 * through {@link MessageContext#connection()}, on an endpoint whose store is the application's
 * database — H2 and PostgreSQL. The hub is played over mutual TLS with envelopes sealed by tax.
 */
@ParameterizedClass
@EnumSource(TestStore.class)
@Timeout(60)
class TransactionalInboxTest {
    @Parameter
    TestStore kind;

    @TempDir
    Path directory;

    private HikariDataSource database;
    private ExchangeEndpoint endpoint;
    private HubCaller hub;
    /** What the next handler call does after writing its row. */
    private final AtomicReference<Runnable> afterWrite = new AtomicReference<>(() -> { });
    private final AtomicReference<Connection> lent = new AtomicReference<>();

    @BeforeEach
    void start() throws SQLException {
        database = kind.open(directory);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE declaration (message_id VARCHAR(64) PRIMARY KEY, company VARCHAR(64) NOT NULL)");
        }
        endpoint = ExchangeEndpoint.builder()
                .party(TestDepartment.CUSTOMS.partyId())
                .credentials(TestDepartment.CUSTOMS.credentials())
                .trustAnchors(TestCredentials.trustAnchors())
                .hubParty(TestDepartment.EXCHANGE_PLATFORM.partyId())
                .clock(VirtualScheduler.startingAt(ExchangeEndpointTest.ENDPOINT_NOW).clock())
                .store(database)
                .handle(EnvelopeFixtures.SERVICE, (message, context) -> {
                    lent.set(context.connection());
                    try (PreparedStatement insert = context.connection().prepareStatement(
                            "INSERT INTO declaration (message_id, company) VALUES (?, ?)")) {
                        insert.setString(1, message.messageId().toString());
                        insert.setString(2, message.json(ExchangeEndpointTest.CompanyStatus.class).creditCode());
                        insert.executeUpdate();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    afterWrite.get().run();
                    return Outcome.processed();
                })
                .listen("127.0.0.1", 0)
                .build()
                .start();
        hub = HubCaller.hub(endpoint.uri());
    }

    @AfterEach
    void stop() {
        hub.close();
        endpoint.close();
        database.close();
    }

    @Test
    void theHandlersRowAndTheHandledMarkCommitTogetherAndARedeliveryWritesNothingMore() throws SQLException {
        try (SealedMessage sealed = ExchangeEndpointTest.seal(EnvelopeFixtures.message().build())) {
            List<Receipt> first = hub.deliver(sealed);
            List<Receipt> again = hub.deliver(sealed);

            assertThat(first).extracting(Receipt::state).containsExactly(ReceiptState.DELIVERED, ReceiptState.PROCESSED);
            assertThat(again).isEqualTo(first);
            String id = sealed.envelope().header().messageId().toString();
            assertThat(count("SELECT COUNT(*) FROM declaration WHERE message_id = ?", id)).isOne();
            assertThat(count("SELECT COUNT(*) FROM golden_inbox_message WHERE message_id = ? AND outcome_receipt IS NOT NULL",
                    id)).isOne();
        }
    }

    @Test
    void aHandlerThatThrowsAfterWritingLeavesNeitherItsRowNorTheHandledMarkAndTheRedeliveryIsHandledOnce()
            throws SQLException {
        afterWrite.set(() -> {
            throw new IllegalStateException("the declaration register is down");
        });
        try (SealedMessage sealed = ExchangeEndpointTest.seal(EnvelopeFixtures.message().build())) {
            GoldenException refused = catchThrowableOfType(GoldenException.class, () -> hub.deliver(sealed));
            assertThat(refused.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            String id = sealed.envelope().header().messageId().toString();
            assertThat(count("SELECT COUNT(*) FROM declaration WHERE message_id = ?", id)).isZero();
            assertThat(count("SELECT COUNT(*) FROM golden_inbox_message WHERE message_id = ?", id)).isZero();

            afterWrite.set(() -> { });
            assertThat(hub.deliver(sealed)).extracting(Receipt::state)
                    .containsExactly(ReceiptState.DELIVERED, ReceiptState.PROCESSED);
            assertThat(count("SELECT COUNT(*) FROM declaration WHERE message_id = ?", id)).isOne();
            assertThat(count("SELECT COUNT(*) FROM golden_inbox_message WHERE message_id = ?", id)).isOne();
        }
    }

    @Test
    void theHandlerCannotEndTheInboxTransactionButMayUseItsOwnSavepoints() throws SQLException {
        AtomicReference<String> refusals = new AtomicReference<>("");
        afterWrite.set(() -> {
            Connection connection = lent.get();
            for (Call call : List.<Call>of(Connection::commit, Connection::rollback, Connection::close,
                    c -> c.setAutoCommit(true), c -> c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED))) {
                try {
                    call.on(connection);
                } catch (SQLException e) {
                    refusals.set(refusals.get() + e.getSQLState() + " ");
                }
            }
            try {
                Savepoint savepoint = connection.setSavepoint();
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("INSERT INTO declaration (message_id, company) VALUES ('undone', 'x')");
                }
                connection.rollback(savepoint);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try (SealedMessage sealed = ExchangeEndpointTest.seal(EnvelopeFixtures.message().build())) {
            assertThat(hub.deliver(sealed)).extracting(Receipt::state)
                    .containsExactly(ReceiptState.DELIVERED, ReceiptState.PROCESSED);
        }
        assertThat(refusals.get()).isEqualTo("25000 25000 25000 25000 25000 ");
        assertThat(count("SELECT COUNT(*) FROM declaration WHERE message_id = ?", "undone")).isZero();
        assertThat(count("SELECT COUNT(*) FROM declaration WHERE company = ?", "91420100MA4K00002Y")).isOne();
    }

    @Test
    void theConnectionIsUnusableOnceTheHandlerReturned() throws SQLException {
        try (SealedMessage sealed = ExchangeEndpointTest.seal(EnvelopeFixtures.message().build())) {
            hub.deliver(sealed);
        }
        Connection after = lent.get();
        assertThat(after.isClosed()).isTrue();
        assertThatThrownBy(() -> after.prepareStatement("DELETE FROM declaration"))
                .isInstanceOf(SQLException.class).hasMessageContaining("valid only during the handler call");
        assertThat(count("SELECT COUNT(*) FROM declaration WHERE company = ?", "91420100MA4K00002Y")).isOne();
    }

    private int count(String query, String value) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(query)) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private interface Call {
        void on(Connection connection) throws SQLException;
    }
}
