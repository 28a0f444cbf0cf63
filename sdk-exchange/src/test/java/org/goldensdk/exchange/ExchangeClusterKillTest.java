package org.goldensdk.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.Settings;
import org.goldensdk.testkit.CertificateAuthority;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, cluster test: three application nodes of tax — two in this JVM, node-3 in a JVM of its
 * own ({@link ClusterNodeMain}) — share one PostgreSQL outbox and deliver {@value #MESSAGES}
 * messages to the hub (WireMock, answering every post after {@value #HUB_MILLIS} ms, so each node's
 * pace is the hub's rather than its share of two busy cores). The messages become visible in one
 * commit once all three nodes poll (the barrier). Node-3 is killed with SIGKILL once it has posted
 * its {@value #FAIR_SHARE_PERCENT} %, holding claims; those messages are delivered by the others
 * after its lease. In the end every message was posted once — the one node-3 may have been posting
 * at the kill at most twice, the second time with the same {@code Idempotency-Key}, which the hub
 * deduplicates — and each node posted at least {@value #FAIR_SHARE_PERCENT} % of them.
 */
@Timeout(240)
class ExchangeClusterKillTest {
    private static final int MESSAGES = Integer.getInteger("golden.cluster.messages", 3000);
    private static final int FAIR_SHARE_PERCENT = 15;
    private static final int HUB_MILLIS = 10;
    /** Short, so the test waits little for the killed node's claims; still far above one post. */
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final String SUBMISSIONS = "/exchange/v1/messages";

    @TempDir
    Path dir;

    /** The settings every node shares; the caller adds credentials, trust anchors and the store. */
    static ExchangeClient.Builder node(ExchangeClient.Builder builder, URI hub, String name, Duration lease) {
        return builder.hub(hub).hubParty(HubPeer.HUB.partyId()).party(TestDepartment.TAX.partyId())
                .settings(Settings.of(Map.of("golden.http.user-agent", name)))
                .dispatchInterval(Duration.ofMillis(20)).receiptPollInterval(Duration.ofHours(1)).leaseDuration(lease);
    }

    @Test
    void threeNodesDeliverEveryMessageOnceEachAFairShareAndTheKilledNodesClaimsAfterItsLease() throws Exception {
        try (HubPeer hub = new HubPeer(dir, Clock.systemUTC()); HikariDataSource db = TestStore.POSTGRESQL.open(dir)) {
            hub.server().stubFor(post(urlEqualTo(SUBMISSIONS)).willReturn(HubPeer.accepting().withFixedDelay(HUB_MILLIS)));
            List<ExchangeClient> nodes = new ArrayList<>();
            Process node3 = null;
            try {
                for (String name : List.of("node-1", "node-2")) {
                    nodes.add(node(ExchangeClient.builder(), hub.uri(), name, LEASE).credentials(TestDepartment.TAX.credentials())
                            .trustAnchors(TestCredentials.trustAnchors()).store(db).build());
                }
                node3 = startNode3(hub.uri(), db.getJdbcUrl());
                List<MessageId> sent = queueInOneCommit(nodes.get(0));
                long started = System.nanoTime();

                int fairShare = MESSAGES * FAIR_SHARE_PERCENT / 100;
                await("node-3 posts its fair share").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                        .until(() -> postsBy(hub).getOrDefault("node-3", 0L) >= fairShare);
                kill(node3);
                Set<String> orphaned = claimsOf(db, nodeIdOf(db, postedBy(hub, "node-3")));
                Map<String, Long> atKill = postsBy(hub);
                await("every message sent").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                        .until(() -> sentCount(db) == MESSAGES);
                double seconds = (System.nanoTime() - started) / 1e9;

                Map<String, List<String>> postersOf = postersByMessage(hub);
                Map<String, Long> posts = postsBy(hub);
                System.out.printf("cluster kill test on PostgreSQL: %d messages in %.1f s (%.0f messages/s dispatched,"
                        + " hub answering after %d ms); posts per node when node-3 was killed %s, at the end %s;"
                        + " node-3 held %d claims at the kill%n", MESSAGES, seconds, MESSAGES / seconds, HUB_MILLIS,
                        new TreeMap<>(atKill), new TreeMap<>(posts), orphaned.size());

                assertThat(postersOf.keySet()).as("messages posted").isEqualTo(
                        sent.stream().map(MessageId::toString).collect(Collectors.toSet()));
                Map<String, List<String>> postedTwice = postersOf.entrySet().stream()
                        .filter(entry -> entry.getValue().size() > 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                assertThat(postedTwice).as("messages posted more than once: only the one node-3 was posting when killed,"
                        + " first by node-3, then by another node after the lease").hasSizeLessThanOrEqualTo(1);
                postedTwice.forEach((id, posters) -> {
                    assertThat(orphaned).contains(id);
                    assertThat(posters).hasSize(2).first().isEqualTo("node-3");
                });
                assertThat(orphaned).as("node-3 was killed holding claims").isNotEmpty();
                for (String id : orphaned) {
                    assertThat(postersOf.get(id)).as("posters of %s, claimed by node-3 at the kill", id)
                            .last().isIn("node-1", "node-2");
                }
                assertThat(posts).as("posts per node, each at least %d %% of %d", FAIR_SHARE_PERCENT, MESSAGES)
                        .containsOnlyKeys("node-1", "node-2", "node-3")
                        .allSatisfy((node, count) -> assertThat(count).isGreaterThanOrEqualTo(fairShare));
            } finally {
                nodes.forEach(ExchangeClient::close);
                if (node3 != null) {
                    node3.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Node-3 in a JVM of its own on tax's credentials as PKCS#12; returns once it dispatches. */
    private Process startNode3(URI hub, String jdbcUrl) throws Exception {
        Path credentials = Files.createDirectories(dir.resolve("node-3"));
        TestCredentials.authority().writeTrustAnchorsPem(credentials.resolve("trust-anchors.pem"));
        CertificateAuthority.writePkcs12(TestDepartment.TAX.credentials(), credentials.resolve("tax.p12"),
                TestCredentials.PKCS12_PASSWORD.toCharArray());
        Path stderr = credentials.resolve("stderr.log");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.log.org.goldensdk=warn",
                "-cp", System.getProperty("java.class.path"), ClusterNodeMain.class.getName(),
                hub.toString(), credentials.toString(), jdbcUrl, "node-3", Long.toString(LEASE.toMillis())))
                .redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(line).as("node-3's first line; its stderr: %s", Files.exists(stderr) ? Files.readString(stderr) : "")
                .startsWith("READY");
        return process;
    }

    private static void kill(Process node) throws InterruptedException {
        node.destroyForcibly();
        assertThat(node.waitFor(10, TimeUnit.SECONDS)).as("node-3 ended after SIGKILL").isTrue();
        assertThat(node.exitValue()).as("node-3's exit value (137: SIGKILL)").isEqualTo(137);
    }

    /** The message ids the hub was posted, each with its posters in order. */
    private static Map<String, List<String>> postersByMessage(HubPeer hub) {
        Map<String, List<String>> posters = new LinkedHashMap<>();
        List<LoggedRequest> requests = new ArrayList<>(hub.server().findAll(postRequestedFor(urlEqualTo(SUBMISSIONS))));
        requests.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
        for (LoggedRequest request : requests) {
            posters.computeIfAbsent(request.getHeader(HttpRequest.IDEMPOTENCY_KEY_HEADER), id -> new ArrayList<>())
                    .add(poster(request));
        }
        return posters;
    }

    private static Map<String, Long> postsBy(HubPeer hub) {
        return hub.server().findAll(postRequestedFor(urlEqualTo(SUBMISSIONS))).stream()
                .collect(Collectors.groupingBy(ExchangeClusterKillTest::poster, Collectors.counting()));
    }

    private static List<String> postedBy(HubPeer hub, String node) {
        return hub.server().findAll(postRequestedFor(urlEqualTo(SUBMISSIONS))).stream()
                .filter(request -> poster(request).equals(node))
                .map(request -> request.getHeader(HttpRequest.IDEMPOTENCY_KEY_HEADER)).toList();
    }

    private static String poster(LoggedRequest request) {
        return request.getHeader("User-Agent").split("[ /]")[0];
    }

    /** The claim owner most of {@code messages} were sent under: the node's id in the outbox. */
    private static String nodeIdOf(HikariDataSource db, List<String> messages) throws SQLException {
        Set<String> ids = new HashSet<>(messages);
        Map<String, Long> owners = new TreeMap<>();
        try (Connection connection = db.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT message_id, claimed_by FROM golden_outbox WHERE state = 'SENT'"); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (ids.contains(rows.getString(1))) {
                    owners.merge(rows.getString(2), 1L, Long::sum);
                }
            }
        }
        return owners.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** The queued messages {@code node} holds claims on. */
    private static Set<String> claimsOf(HikariDataSource db, String node) throws SQLException {
        Set<String> claimed = new HashSet<>();
        try (Connection connection = db.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT message_id FROM golden_outbox WHERE state = 'QUEUED' AND claimed_by = ? AND claimed_until IS NOT NULL")) {
            select.setString(1, node);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getString(1));
                }
            }
        }
        return claimed;
    }

    /** Queues every message with one {@code sendAll}: one commit, so none is visible before all are. */
    private static List<MessageId> queueInOneCommit(ExchangeClient client) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            messages.add(Message.to(TestDepartment.CUSTOMS.partyId()).service(ServiceId.of("tax.company-status", 1))
                    .bytes("application/json", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)).build());
        }
        return client.sendAll(messages);
    }

    private static long sentCount(HikariDataSource db) throws SQLException {
        try (Connection connection = db.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM golden_outbox WHERE state = 'SENT'"); ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
