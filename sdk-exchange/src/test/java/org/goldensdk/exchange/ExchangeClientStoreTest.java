package org.goldensdk.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.goldensdk.core.BackpressureException;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.VirtualScheduler;
import org.goldensdk.exchange.DeliveryStatus.State;
import org.goldensdk.exchange.internal.store.OutboxStore;
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
 * The client's store features on each store (embedded H2 and a real PostgreSQL), against the
 * WireMock hub over mutual TLS, on virtual time: transactional send, backpressure, dead letters and
 * re-drive, per-conversation order, retention and the lease of a node that died.
 */
@ParameterizedClass
@EnumSource(TestStore.class)
@Timeout(60)
class ExchangeClientStoreTest {
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final TestDepartment TAX = TestDepartment.TAX;
    private static final TestDepartment CUSTOMS = TestDepartment.CUSTOMS;
    private static final Duration POLL = Duration.ofMinutes(1);
    private static final String MESSAGES = "/exchange/v1/messages";
    private static final RetryPolicy ONE_TRY_THEN_TEN_SECONDS = RetryPolicy.builder().maxAttempts(1)
            .initialBackoff(Duration.ofSeconds(10)).maxBackoff(Duration.ofSeconds(10)).jitter(RetryPolicy.Jitter.EQUAL)
            .build();

    @Parameter
    TestStore store;

    @TempDir
    Path dir;

    private final VirtualScheduler time = VirtualScheduler.startingAt(START);
    private final List<Receipt> seen = new CopyOnWriteArrayList<>();
    private final List<DeadLetter> told = new CopyOnWriteArrayList<>();
    private HubPeer hub;
    private HikariDataSource db;

    @BeforeEach
    void start() throws Exception {
        hub = new HubPeer(dir, time.clock());
        db = store.open(dir.resolve("db"));
    }

    @AfterEach
    void stop() {
        hub.close();
        db.close();
    }

    private ExchangeClient.Builder client() {
        return ExchangeClient.builder().hub(hub.uri()).hubParty(HubPeer.HUB.partyId()).party(TAX.partyId())
                .credentials(TAX.credentials()).trustAnchors(TestCredentials.trustAnchors())
                .receiptListener(new ReceiptListener() {
                    @Override
                    public void onReceipt(Receipt receipt) {
                        seen.add(receipt);
                    }

                    @Override
                    public void onDeadLetter(DeadLetter deadLetter) {
                        told.add(deadLetter);
                    }
                }).store(db).scheduler(time).receiptPollInterval(POLL).dispatchInterval(POLL);
    }

    private static Message.Builder message(String payload) {
        return Message.to(CUSTOMS.partyId()).service(ServiceId.of("tax.company-status", 1))
                .bytes("application/json", payload.getBytes(StandardCharsets.UTF_8));
    }

    private List<MessageId> posted() {
        return hub.submissions().stream().map(delivery -> delivery.envelope().header().messageId()).toList();
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void aSendInTheCallersTransactionCommitsExactlyOnceWithTheBusinessChangeAndRollsBackToNothing() throws Exception {
        hub.acceptSubmissions();
        try (ExchangeClient client = client().build()) {
            try (Connection connection = db.getConnection(); Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE app_decision (id INTEGER PRIMARY KEY)");
            }
            MessageId rolledBack;
            MessageId committed;
            try (Connection connection = db.getConnection()) {
                connection.setAutoCommit(false);
                decide(connection, 1);
                rolledBack = client.send(message("{\"decision\":1}").build(), connection);
                connection.rollback();
                decide(connection, 2);
                committed = client.send(message("{\"decision\":2}").build(), connection);
                time.advance(POLL);
                assertThat(hub.submissions()).as("nothing is dispatched before the commit").isEmpty();
                connection.commit();
            }
            assertThat(count("SELECT COUNT(*) FROM app_decision")).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM golden_outbox")).isEqualTo(1);
            assertThatThrownBy(() -> client.status(rolledBack)).isInstanceOf(NotFoundException.class);

            time.advance(POLL);
            assertThat(posted()).containsExactly(committed);
            assertThat(client.status(committed).state()).isEqualTo(State.SENT);
        }
    }

    private static void decide(Connection connection, int id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO app_decision (id) VALUES (?)")) {
            insert.setInt(1, id);
            insert.executeUpdate();
        }
    }

    @Test
    void aFullOutboxRefusesSendFastWithBackpressureAndStoresNothing() throws Exception {
        hub.acceptSubmissions();
        try (ExchangeClient client = client().maxOutboxMessages(3).build()) {
            for (int i = 0; i < 3; i++) {
                client.send(message("{\"n\":" + i + "}").build());
            }
            assertThatThrownBy(() -> client.send(message("{\"n\":3}").build()))
                    .isInstanceOf(BackpressureException.class)
                    .hasMessageContaining("holds 3 messages queued or being sent")
                    .hasMessageContaining("max-outbox-messages");
            try (Connection connection = db.getConnection()) {
                connection.setAutoCommit(false);
                assertThatThrownBy(() -> client.send(message("{\"n\":4}").build(), connection))
                        .isInstanceOf(BackpressureException.class);
                connection.rollback();
            }
            assertThat(count("SELECT COUNT(*) FROM golden_outbox")).isEqualTo(3);

            time.advance(Duration.ZERO);
            assertThat(posted()).hasSize(3);
            MessageId afterwards = client.send(message("{\"n\":5}").build());
            assertThat(client.status(afterwards).state()).isEqualTo(State.QUEUED);
        }
    }

    @Test
    void aMessageOutOfAttemptsIsADeadLetterListedAndToldAndARedriveDeliversIt() {
        hub.server().stubFor(post(urlEqualTo(MESSAGES)).willReturn(HubPeer.problem(503, "E_UNAVAILABLE", "hub down")));
        AtomicBoolean listenerDown = new AtomicBoolean(true);
        try (ExchangeClient client = client().retryPolicy(ONE_TRY_THEN_TEN_SECONDS).maxDeliveryAttempts(2)
                .receiptListener(new ReceiptListener() {
                    @Override
                    public void onReceipt(Receipt receipt) {
                        seen.add(receipt);
                    }

                    @Override
                    public void onDeadLetter(DeadLetter deadLetter) {
                        told.add(deadLetter);
                        if (listenerDown.get()) {
                            throw new IllegalStateException("listener down");
                        }
                    }
                }).build()) {
            MessageId id = client.send(message("{}").build());
            time.advance(Duration.ZERO);
            assertThat(client.status(id).state()).isEqualTo(State.QUEUED);
            assertThat(client.status(id).errorCode()).contains("E_UNAVAILABLE");
            time.advance(Duration.ofSeconds(10));

            assertThat(posted()).containsExactly(id, id);
            List<DeadLetter> dead = client.deadLetters();
            assertThat(dead).singleElement().satisfies(letter -> {
                assertThat(letter.messageId()).isEqualTo(id);
                assertThat(letter.state()).isEqualTo(State.FAILED);
                assertThat(letter.attempts()).isEqualTo(2);
                assertThat(letter.errorCode()).isEqualTo("E_UNAVAILABLE");
                assertThat(letter.errorMessage()).isEqualTo("hub down");
                assertThat(letter.receiver()).isEqualTo(CUSTOMS.partyId());
                assertThat(letter.deadAt()).as("the second attempt, after 5 to 10 s of equal jitter")
                        .isBetween(START.plusSeconds(5), START.plusSeconds(10));
            });
            assertThat(told).containsExactly(dead.get(0));
            listenerDown.set(false);
            time.advance(POLL);
            assertThat(told).as("offered again after the listener threw, then recorded").containsExactly(dead.get(0),
                    dead.get(0));
            time.advance(POLL);
            assertThat(told).hasSize(2);

            hub.acceptSubmissions();
            client.redrive(id);
            assertThat(client.status(id).state()).isEqualTo(State.QUEUED);
            assertThat(client.status(id).attempts()).isZero();
            time.advance(Duration.ZERO);

            assertThat(client.status(id).state()).isEqualTo(State.SENT);
            assertThat(client.deadLetters()).isEmpty();
            assertThat(posted()).containsExactly(id, id, id);
            assertThatThrownBy(() -> client.redrive(id)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("not a dead letter");
            assertThatThrownBy(() -> client.redrive(MessageId.generate())).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void anExpiredMessageIsADeadLetterWithItsLastErrorThatCannotBeRedriven() {
        hub.server().stubFor(post(urlEqualTo(MESSAGES)).willReturn(HubPeer.problem(503, "E_UNAVAILABLE", "hub down")));
        RetryPolicy everyTwentyMinutes = RetryPolicy.builder().maxAttempts(1).initialBackoff(Duration.ofMinutes(20))
                .maxBackoff(Duration.ofMinutes(20)).jitter(RetryPolicy.Jitter.EQUAL).build();
        try (ExchangeClient client = client().retryPolicy(everyTwentyMinutes).build()) {
            MessageId id = client.send(message("{}").expiresIn(Duration.ofHours(1)).build());
            time.advance(Duration.ofHours(2));

            assertThat(client.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.state()).isEqualTo(State.EXPIRED);
                assertThat(letter.errorCode()).isEqualTo("E_VALIDATION");
                assertThat(letter.errorMessage()).contains("expired at", "last error E_UNAVAILABLE: hub down");
                assertThat(letter.attempts()).isEqualTo(posted().size());
            });
            assertThat(told).extracting(DeadLetter::messageId).containsExactly(id);
            assertThatThrownBy(() -> client.redrive(id)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("send the content again as a new message");
        }
    }

    @Test
    void orderedConversationsPostAMessageOnlyAfterTheEarlierOnesOfItsConversationWereAccepted() {
        failFirstSubmissionThenAccept();
        MessageId conversation = MessageId.generate(time.clock());
        try (ExchangeClient client = client().retryPolicy(ONE_TRY_THEN_TEN_SECONDS).orderedConversations(true).build()) {
            MessageId first = client.send(message("{\"n\":1}").conversation(conversation).build());
            MessageId second = client.send(message("{\"n\":2}").conversation(conversation).build());
            MessageId third = client.send(message("{\"n\":3}").conversation(conversation).build());
            MessageId unrelated = client.send(message("{\"other\":1}").build());

            time.advance(Duration.ZERO);
            assertThat(posted()).as("the first failed; the rest of its conversation waits, the unrelated one goes")
                    .containsExactly(first, unrelated);
            time.advance(Duration.ofSeconds(10));

            assertThat(posted()).containsExactly(first, unrelated, first, second, third);
            assertThat(List.of(first, second, third, unrelated)).allSatisfy(
                    id -> assertThat(client.status(id).state()).isEqualTo(State.SENT));
        }
    }

    @Test
    void orderedConversationsKeepTheirOrderWhenTheDispatcherPostsSeveralMessagesAtATime() {
        // answers in random time, so posts made side by side would finish in any order
        hub.server().stubFor(post(urlEqualTo(MESSAGES)).willReturn(HubPeer.accepting().withUniformRandomDelay(0, 30)));
        try (ExchangeClient client = client().orderedConversations(true).dispatchConcurrency(4).build()) {
            Map<MessageId, List<MessageId>> conversations = new LinkedHashMap<>();
            List<MessageId> all = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                MessageId conversation = MessageId.generate(time.clock());
                for (int n = 0; n < 4; n++) {
                    MessageId id = client.send(message("{\"c\":" + c + ",\"n\":" + n + "}").conversation(conversation).build());
                    conversations.computeIfAbsent(conversation, key -> new ArrayList<>()).add(id);
                    all.add(id);
                }
            }
            time.advance(Duration.ZERO);

            assertThat(posted()).containsExactlyInAnyOrderElementsOf(all);
            conversations.values().forEach(sent -> assertThat(posted().stream().filter(sent::contains).toList())
                    .as("posts of one conversation").isEqualTo(sent));
        }
    }

    @Test
    void unorderedByDefaultALaterMessageOvertakesOneThatFailed() {
        failFirstSubmissionThenAccept();
        MessageId conversation = MessageId.generate(time.clock());
        try (ExchangeClient client = client().retryPolicy(ONE_TRY_THEN_TEN_SECONDS).build()) {
            MessageId first = client.send(message("{\"n\":1}").conversation(conversation).build());
            MessageId second = client.send(message("{\"n\":2}").conversation(conversation).build());
            time.advance(Duration.ofSeconds(10));

            assertThat(posted()).containsExactly(first, second, first);
        }
    }

    private void failFirstSubmissionThenAccept() {
        hub.server().stubFor(post(urlEqualTo(MESSAGES)).inScenario("first fails").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("up").willReturn(HubPeer.problem(503, "E_UNAVAILABLE", "restarting")));
        hub.server().stubFor(post(urlEqualTo(MESSAGES)).inScenario("first fails").whenScenarioStateIs("up")
                .willReturn(HubPeer.accepting()));
    }

    @Test
    void retentionPurgesOnlyFinishedMessagesAndNeverInsideTheDeduplicationWindow() throws Exception {
        hub.acceptSubmissions();
        Duration twelveHours = Duration.ofHours(12);
        try (ExchangeClient client = client().retention(Duration.ofDays(1)).receiptPollInterval(twelveHours)
                .dispatchInterval(twelveHours).build()) {
            // expiries off the hour, so the hourly purge cannot run in the window the test looks at
            MessageId processed = client.send(message("{\"n\":1}").expiresIn(Duration.ofMinutes(90)).build());
            MessageId onlyAccepted = client.send(message("{\"n\":2}").expiresIn(Duration.ofMinutes(90)).build());
            MessageId purgedHourly = client.send(message("{\"n\":3}").expiresIn(Duration.ofHours(2)).build());
            time.advance(Duration.ZERO);
            Envelope first = hub.envelopeOf(processed);
            Envelope third = hub.envelopeOf(purgedHourly);
            hub.serveReceipts(hub.signed(first, ReceiptState.DELIVERED, CUSTOMS, CUSTOMS),
                    hub.signed(first, ReceiptState.PROCESSED, CUSTOMS, CUSTOMS),
                    hub.signed(third, ReceiptState.DELIVERED, CUSTOMS, CUSTOMS),
                    hub.signed(third, ReceiptState.PROCESSED, CUSTOMS, CUSTOMS));
            time.advance(twelveHours);
            assertThat(client.status(processed).receiptState()).contains(ReceiptState.PROCESSED);
            assertThat(client.status(purgedHourly).receiptState()).contains(ReceiptState.PROCESSED);

            Instant window = START.plus(Duration.ofMinutes(90)).plus(EnvelopeHeader.MAX_LIFETIME);
            time.advance(Duration.between(time.now(), window.minus(Duration.ofMinutes(1))));
            assertThat(client.purgeNow()).as("retention long past, deduplication window not").isZero();
            assertThat(client.status(processed).state()).isEqualTo(State.SENT);

            time.advance(Duration.ofMinutes(2));
            assertThat(client.purgeNow()).isEqualTo(1);
            assertThatThrownBy(() -> client.status(processed)).isInstanceOf(NotFoundException.class);
            assertThat(count("SELECT COUNT(*) FROM golden_outbox_receipt WHERE message_id = '" + processed + "'")).isZero();
            assertThat(count("SELECT COUNT(*) FROM golden_outbox_part WHERE message_id = '" + processed + "'")).isZero();

            time.advance(Duration.ofHours(1));
            assertThatThrownBy(() -> client.status(purgedHourly)).as("purged by the hourly run")
                    .isInstanceOf(NotFoundException.class);
            assertThat(client.status(onlyAccepted).receiptState()).as("no final receipt: kept")
                    .contains(ReceiptState.ACCEPTED);
            assertThat(count("SELECT COUNT(*) FROM golden_outbox_receipt WHERE message_id = '" + onlyAccepted + "'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aMessageClaimedByANodeThatDiedIsDeliveredByAnotherOnceTheLeaseLapses() {
        hub.acceptSubmissions();
        Duration lease = Duration.ofMinutes(5);
        try (ExchangeClient survivor = client().leaseDuration(lease).build()) {
            MessageId id = survivor.send(message("{}").build());
            // What a node killed between claiming and posting leaves behind: its committed lease.
            List<MessageId> claimed = new OutboxStore(db, TAX.partyId()).claimDue("killed-node", time.now(),
                    time.now().plus(lease), 20, false);
            assertThat(claimed).containsExactly(id);

            time.advance(lease.minus(POLL));
            assertThat(posted()).isEmpty();
            assertThat(survivor.status(id).state()).isEqualTo(State.QUEUED);

            time.advance(POLL.multipliedBy(2));
            assertThat(posted()).containsExactly(id);
            assertThat(survivor.status(id).state()).isEqualTo(State.SENT);
        }
    }

    @Test
    void sendAllStoresEveryMessageInOneTransactionOrNoneWithTheIdempotencyOfSend() throws Exception {
        hub.acceptSubmissions();
        try (ExchangeClient client = client().build()) {
            MessageId chosen = MessageId.generate();
            List<MessageId> first = client.sendAll(List.of(message("{\"n\":1}").build(),
                    message("{\"n\":2}").messageId(chosen).build(), message("{\"n\":3}").build()));
            assertThat(first).hasSize(3).doesNotHaveDuplicates().element(1).isEqualTo(chosen);
            assertThat(count("SELECT COUNT(*) FROM golden_outbox")).isEqualTo(3);

            MessageId fresh = MessageId.generate();
            assertThatThrownBy(() -> client.sendAll(List.of(message("{\"n\":4}").messageId(fresh).build(),
                    message("{\"other\":2}").messageId(chosen).build())))
                    .isInstanceOf(ConflictException.class).hasMessageContaining(chosen.toString());
            assertThatThrownBy(() -> client.status(fresh)).as("rolled back with the conflict").isInstanceOf(NotFoundException.class);

            List<MessageId> again = client.sendAll(List.of(message("{\"n\":2}").messageId(chosen).build(),
                    message("{\"n\":4}").messageId(fresh).build()));
            assertThat(again).containsExactly(chosen, fresh);
            assertThat(client.sendAll(List.of())).isEmpty();

            time.advance(Duration.ZERO);
            assertThat(posted()).containsExactlyInAnyOrder(first.get(0), chosen, first.get(2), fresh);
        }
    }

    @Test
    void sendAllIntoAnOutboxWithoutRoomForAllOfThemStoresNone() throws Exception {
        try (ExchangeClient client = client().maxOutboxMessages(3).build()) {
            client.send(message("{\"n\":0}").build());
            assertThatThrownBy(() -> client.sendAll(List.of(message("{\"n\":1}").build(), message("{\"n\":2}").build(),
                    message("{\"n\":3}").build())))
                    .isInstanceOf(BackpressureException.class).hasMessageContaining("holds 1 messages queued or being sent; 3 more");
            assertThat(count("SELECT COUNT(*) FROM golden_outbox")).isOne();
            assertThat(client.sendAll(List.of(message("{\"n\":1}").build(), message("{\"n\":2}").build()))).hasSize(2);
            assertThat(count("SELECT COUNT(*) FROM golden_outbox")).isEqualTo(3);
        }
    }

    /** Figures for the closing note and docs/exchange-client.md; printed, not asserted. */
    @Test
    void printsHowFastSendAndSendAllPersistAndOneNodeDispatches() {
        int messages = 300;
        int batch = 100;
        hub.acceptSubmissions();
        try (ExchangeClient client = client().maxDeliveryAttempts(1).build()) {
            for (int i = 0; i < 20; i++) {
                client.sendAll(List.of(kibibyteMessage(), kibibyteMessage()));
                client.send(kibibyteMessage());
            }
            long started = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                client.send(kibibyteMessage());
            }
            long sendNanos = System.nanoTime() - started;
            started = System.nanoTime();
            for (int i = 0; i < messages / batch; i++) {
                List<Message> messagesOfBatch = new ArrayList<>();
                for (int j = 0; j < batch; j++) {
                    messagesOfBatch.add(kibibyteMessage());
                }
                client.sendAll(messagesOfBatch);
            }
            long sendAllNanos = System.nanoTime() - started;
            started = System.nanoTime();
            time.advance(Duration.ZERO);
            long dispatchNanos = System.nanoTime() - started;
            int dispatched = posted().size();
            System.out.printf("on %s, 1 KiB messages, one thread: send persisted %.0f messages/s, sendAll (batches of %d)"
                    + " %.0f messages/s; one node dispatched %d to the hub at %.0f messages/s one at a time%n", store,
                    messages / (sendNanos / 1e9), batch, messages / (sendAllNanos / 1e9), dispatched,
                    dispatched / (dispatchNanos / 1e9));
            assertThat(dispatched).isEqualTo(60 + 2 * messages);
        }
        try (ExchangeClient client = client().dispatchConcurrency(4).build()) {
            hub.server().resetRequests();
            client.sendAll(java.util.stream.Stream.generate(ExchangeClientStoreTest::kibibyteMessage).limit(messages).toList());
            long started = System.nanoTime();
            time.advance(Duration.ZERO);
            long dispatchNanos = System.nanoTime() - started;
            System.out.printf("on %s: one node dispatched %d to the hub at %.0f messages/s four at a time%n", store,
                    posted().size(), posted().size() / (dispatchNanos / 1e9));
            assertThat(posted()).hasSize(messages);
        }
    }

    private static Message kibibyteMessage() {
        byte[] kibibyte = new byte[1024];
        java.util.Arrays.fill(kibibyte, (byte) 'x');
        return Message.to(CUSTOMS.partyId()).service(ServiceId.of("tax.company-status", 1))
                .bytes("application/octet-stream", kibibyte).build();
    }
}
