package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.goldensdk.core.Settings;
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
 * Three clients of one party — three application nodes — on one outbox database, dispatching on
 * real threads to the WireMock hub: every message is posted exactly once, every node takes part,
 * and a node closed mid-run leaves nothing undelivered. Each node is told apart at the hub by its
 * HTTP user agent.
 */
@ParameterizedClass
@EnumSource(TestStore.class)
@Timeout(90)
class ExchangeClusterTest {
    private static final int MESSAGES = 300;
    private static final int NODES = 3;
    private static final String SUBMISSIONS = "/exchange/v1/messages";

    @Parameter
    TestStore store;

    @TempDir
    Path dir;

    private HubPeer hub;
    private HikariDataSource db;

    @BeforeEach
    void start() throws Exception {
        hub = new HubPeer(dir, Clock.systemUTC());
        hub.acceptSubmissions();
        db = store.open(dir.resolve("db"));
    }

    @AfterEach
    void stop() {
        hub.close();
        db.close();
    }

    private ExchangeClient node(int number) {
        return ExchangeClient.builder().hub(hub.uri()).hubParty(HubPeer.HUB.partyId())
                .party(TestDepartment.TAX.partyId()).credentials(TestDepartment.TAX.credentials())
                .trustAnchors(TestCredentials.trustAnchors()).store(db)
                .settings(Settings.of(Map.of("golden.http.user-agent", "node-" + number)))
                .dispatchInterval(Duration.ofMillis(20)).receiptPollInterval(Duration.ofHours(1)).build();
    }

    @Test
    void threeNodesPostEveryMessageOnceEachTakesPartAndANodeClosedMidRunLeavesNothingBehind() throws Exception {
        List<ExchangeClient> nodes = new ArrayList<>();
        try {
            for (int number = 1; number <= NODES; number++) {
                nodes.add(node(number));
            }
            List<MessageId> sent = new ArrayList<>();
            // The barrier: every node is polling the outbox before the first message becomes visible.
            try (Connection connection = db.getConnection()) {
                connection.setAutoCommit(false);
                for (int i = 0; i < MESSAGES; i++) {
                    sent.add(nodes.get(0).send(Message.to(TestDepartment.CUSTOMS.partyId())
                            .service(ServiceId.of("tax.company-status", 1))
                            .bytes("application/json", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)).build(),
                            connection));
                }
                connection.commit();
            }
            long started = System.nanoTime();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> sentCount() >= MESSAGES / 2);
            Map<String, Long> firstHalf = postsBy();
            nodes.get(2).close();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> sentCount() == MESSAGES);
            long elapsed = System.nanoTime() - started;

            Map<MessageId, Long> postsPerMessage = hub.submissions().stream()
                    .collect(Collectors.groupingBy(delivery -> delivery.envelope().header().messageId(),
                            Collectors.counting()));
            assertThat(postsPerMessage.keySet()).isEqualTo(new HashSet<>(sent));
            assertThat(postsPerMessage.values()).as("posts per message").containsOnly(1L);
            System.out.printf("cluster on %s: %d messages posted once each in %d ms (%.0f messages/s dispatched);"
                    + " posts per node when half were sent %s, at the end (node-3 closed at half) %s%n", store,
                    MESSAGES, elapsed / 1_000_000, MESSAGES / (elapsed / 1e9), new TreeMap<>(firstHalf),
                    new TreeMap<>(postsBy()));
            assertThat(firstHalf).as("every node took part").containsOnlyKeys("node-1", "node-2", "node-3");
        } finally {
            nodes.forEach(ExchangeClient::close);
        }
    }

    /** How many submissions each node posted, by its user agent. */
    private Map<String, Long> postsBy() {
        return hub.server().getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(request -> request.getUrl().equals(SUBMISSIONS))
                .map(request -> request.getHeader("User-Agent").split("[ /]")[0])
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private long sentCount() throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM golden_outbox WHERE state = 'SENT'")) {
            row.next();
            return row.getLong(1);
        }
    }
}
