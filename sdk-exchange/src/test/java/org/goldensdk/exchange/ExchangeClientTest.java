package org.goldensdk.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Settings;
import org.goldensdk.core.VirtualScheduler;
import org.goldensdk.exchange.DeliveryStatus.State;
import org.goldensdk.exchange.internal.store.ExchangeDatabase;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sending client against a WireMock hub over mutual TLS, on virtual time: the dispatcher and the
 * receipt poller run on the test thread whenever the test advances the clock.
 */
@Timeout(60)
class ExchangeClientTest {
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final TestDepartment TAX = TestDepartment.TAX;
    private static final TestDepartment CUSTOMS = TestDepartment.CUSTOMS;
    private static final Duration POLL = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private final VirtualScheduler time = VirtualScheduler.startingAt(START);
    private final List<Receipt> seen = new CopyOnWriteArrayList<>();
    private HubPeer hub;

    @BeforeEach
    void startHub() throws Exception {
        hub = new HubPeer(dir, time.clock());
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private ExchangeClient.Builder client() {
        return ExchangeClient.builder().hub(hub.uri()).hubParty(HubPeer.HUB.partyId()).party(TAX.partyId())
                .credentials(TAX.credentials()).trustAnchors(TestCredentials.trustAnchors())
                .receiptListener(seen::add).storeDirectory(dir.resolve("store")).scheduler(time)
                .receiptPollInterval(POLL).dispatchInterval(POLL);
    }

    private static Message.Builder message(String payload) {
        return Message.to(CUSTOMS.partyId()).service(ServiceId.of("tax.company-status", 1))
                .bytes("application/json", payload.getBytes(StandardCharsets.UTF_8))
                .attach("ledger.csv", "text/csv", Content.of("company,amount\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deliversAndFeedsTheListenerAcceptedDeliveredProcessedEachVerifiedAndInOrder() {
        hub.acceptSubmissions();
        try (ExchangeClient client = client().build()) {
            MessageId id = client.send(message("{\"status\":\"normal\"}").build());
            assertThat(client.status(id).state()).isEqualTo(State.QUEUED);

            time.advance(Duration.ZERO);
            assertThat(client.status(id).state()).isEqualTo(State.SENT);
            assertThat(client.status(id).receiptState()).contains(ReceiptState.ACCEPTED);
            Envelope envelope = hub.envelopeOf(id);
            assertThat(envelope.header().sender()).isEqualTo(TAX.partyId());
            hub.server().verify(postRequestedFor(urlEqualTo("/exchange/v1/messages"))
                    .withHeader("Idempotency-Key", equalTo(id.toString())));

            Receipt accepted = hub.byHub(envelope, ReceiptState.ACCEPTED);
            hub.serveReceipts(accepted, hub.signed(envelope, ReceiptState.DELIVERED, CUSTOMS, CUSTOMS),
                    hub.signed(envelope, ReceiptState.PROCESSED, CUSTOMS, CUSTOMS));
            time.advance(POLL);

            assertThat(seen).extracting(Receipt::messageId, Receipt::state, Receipt::issuer).containsExactly(
                    tuple(id, ReceiptState.ACCEPTED, HubPeer.HUB.partyId()),
                    tuple(id, ReceiptState.DELIVERED, CUSTOMS.partyId()),
                    tuple(id, ReceiptState.PROCESSED, CUSTOMS.partyId()));
            seen.forEach(receipt -> {
                receipt.verify(TestCredentials.trustAnchors(), time.now());
                assertThat(receipt.envelopeDigest()).isEqualTo(envelope.digest());
            });
            assertThat(client.status(id).receiptState()).contains(ReceiptState.PROCESSED);
        }
    }

    @Test
    void forgedReceiptsAreRefusedAndNeverReachTheListener() {
        hub.acceptSubmissions();
        try (ExchangeClient client = client().build()) {
            MessageId id = client.send(message("{}").build());
            time.advance(Duration.ZERO);
            Envelope envelope = hub.envelopeOf(id);
            Receipt auditPosingAsCustoms = hub.signed(envelope, ReceiptState.DELIVERED, CUSTOMS, TestDepartment.AUDIT);
            Receipt auditAsItself = hub.signed(envelope, ReceiptState.PROCESSED, TestDepartment.AUDIT, TestDepartment.AUDIT);
            Receipt otherEnvelope = Receipt.issue(id, DigestValue.of(CryptoSuite.GM, new byte[32]), ReceiptState.DELIVERED,
                    CUSTOMS.partyId(), CUSTOMS.credentials().signer(CryptoSuite.GM), time.now(), null, null);
            Receipt deliveredByHub = hub.byHub(envelope, ReceiptState.DELIVERED);
            Receipt genuine = hub.signed(envelope, ReceiptState.DELIVERED, CUSTOMS, CUSTOMS);
            hub.serveReceipts(auditPosingAsCustoms, auditAsItself, otherEnvelope, deliveredByHub, genuine);
            time.advance(POLL);

            assertThat(seen).extracting(Receipt::state).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED);
            assertThat(seen.get(1)).isEqualTo(genuine);
            assertThat(client.status(id).receiptState()).contains(ReceiptState.DELIVERED);
        }
    }

    @Test
    void anAcceptedReceiptNotSignedByTheHubLeavesTheMessageQueued() {
        hub.server().stubFor(post(urlEqualTo("/exchange/v1/messages")).willReturn(HubPeer.problem(503, "E_UNAVAILABLE", "down")));
        RetryPolicy oncePerTenSeconds = RetryPolicy.builder().maxAttempts(1).initialBackoff(Duration.ofSeconds(10))
                .maxBackoff(Duration.ofSeconds(10)).jitter(RetryPolicy.Jitter.EQUAL).build();
        try (ExchangeClient client = client().retryPolicy(oncePerTenSeconds).build()) {
            MessageId id = client.send(message("{}").build());
            time.advance(Duration.ZERO);
            Envelope envelope = hub.envelopeOf(id);
            Receipt forgedAccepted = hub.signed(envelope, ReceiptState.ACCEPTED, TestDepartment.AUDIT, TestDepartment.AUDIT);
            hub.server().stubFor(post(urlEqualTo("/exchange/v1/messages")).willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(202)
                            .withHeader("Content-Type", "application/json")
                            .withBody(EnvelopeCodec.json().encode(forgedAccepted))));
            time.advance(Duration.ofSeconds(10));

            assertThat(hub.submissions()).hasSize(2);
            assertThat(client.status(id).state()).isEqualTo(State.QUEUED);
            assertThat(client.status(id).attempts()).isEqualTo(2);
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void aBusyHubIsRetriedHonouringRetryAfterWithinAnAttemptAndWithBackoffBetweenAttempts() {
        String scenario = "busy";
        for (int i = 0; i < 3; i++) {
            hub.server().stubFor(post(urlEqualTo("/exchange/v1/messages")).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "busy-" + i).willSetStateTo("busy-" + (i + 1))
                    .willReturn(HubPeer.problem(503, "E_UNAVAILABLE", "maintenance").withHeader("Retry-After", "7")));
        }
        hub.server().stubFor(post(urlEqualTo("/exchange/v1/messages")).inScenario(scenario)
                .whenScenarioStateIs("busy-3").willReturn(HubPeer.accepting()));
        RetryPolicy twoTries = RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMinutes(1))
                .maxBackoff(Duration.ofMinutes(1)).jitter(RetryPolicy.Jitter.EQUAL).build();
        try (ExchangeClient client = client().retryPolicy(twoTries).build()) {
            MessageId id = client.send(message("{}").build());

            time.advance(Duration.ofSeconds(8));
            assertThat(client.status(id).state()).isEqualTo(State.QUEUED);
            assertThat(client.status(id).attempts()).isEqualTo(1);

            time.advance(Duration.ofMinutes(2));
            assertThat(client.status(id).state()).isEqualTo(State.SENT);
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
            assertThat(hub.submissions()).hasSize(4);
            assertThat(seen).extracting(Receipt::state).containsExactly(ReceiptState.ACCEPTED);
        }
    }

    @ParameterizedTest
    @CsvSource({"400, E_VALIDATION", "403, E_ACCESS_DENIED", "409, E_CONFLICT"})
    void aRefusalByTheHubMakesADeadLetterWithItsCode(int status, String code) {
        hub.server().stubFor(post(urlEqualTo("/exchange/v1/messages"))
                .willReturn(HubPeer.problem(status, code, "refused by the platform")));
        try (ExchangeClient client = client().build()) {
            MessageId id = client.send(message("{}").build());
            time.advance(Duration.ofMinutes(10));

            DeliveryStatus status1 = client.status(id);
            assertThat(status1.state()).isEqualTo(State.FAILED);
            assertThat(status1.errorCode()).contains(code);
            assertThat(status1.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("refused by the platform"));
            assertThat(hub.submissions()).hasSize(1);
        }
    }

    @Test
    void aMessageTheHubNeverAcceptsExpires() {
        hub.server().stubFor(post(urlEqualTo("/exchange/v1/messages")).willReturn(HubPeer.problem(503, "E_UNAVAILABLE", "down")));
        RetryPolicy slow = RetryPolicy.builder().maxAttempts(1).initialBackoff(Duration.ofMinutes(40))
                .maxBackoff(Duration.ofMinutes(40)).jitter(RetryPolicy.Jitter.EQUAL).build();
        try (ExchangeClient client = client().retryPolicy(slow).receiptPollInterval(Duration.ofMinutes(30))
                .dispatchInterval(Duration.ofMinutes(30)).build()) {
            MessageId id = client.send(message("{}").expiresIn(Duration.ofHours(1)).build());
            time.advance(Duration.ofHours(2));

            DeliveryStatus status = client.status(id);
            assertThat(status.state()).isEqualTo(State.EXPIRED);
            assertThat(status.errorCode()).contains("E_VALIDATION");
            assertThat(status.attempts()).isGreaterThan(1);
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void attachmentsAreUploadedFromOutboxFilesBeforeTheEnvelopeThatReferencesThemAndTheFilesGoOnceAccepted()
            throws Exception {
        hub.acceptSubmissions();
        try (ExchangeClient client = client().build()) {
            MessageId id = client.send(message("{\"status\":\"normal\"}").build());
            assertThat(filesUnder(dir.resolve("store").resolve("attachments"))).as("the outbox's attachment files")
                    .singleElement().satisfies(file -> assertThat(file.getFileName().toString()).matches("SM3-[0-9a-f]{64}"));

            time.advance(Duration.ZERO);

            assertThat(client.status(id).state()).isEqualTo(State.SENT);
            List<LoggedRequest> writes = hub.server().findAll(anyRequestedFor(anyUrl())).stream()
                    .filter(call -> !RequestMethod.GET.equals(call.getMethod())).toList();
            assertThat(writes).extracting(LoggedRequest::getMethod).containsExactly(RequestMethod.PUT, RequestMethod.POST);
            DigestValue digest = hub.envelopeOf(id).header().attachments().get(0).digest();
            assertThat(writes.get(0).getUrl()).isEqualTo("/exchange/v1/attachments/" + digest);
            assertThat(writes.get(0).getBodyAsString()).isEqualTo("company,amount\n");
            assertThat(hub.submissions()).singleElement().satisfies(delivery ->
                    assertThat(delivery.attachments()).as("carried in the submission").isEmpty());
            assertThat(filesUnder(dir.resolve("store").resolve("attachments"))).as("once the hub accepted it").isEmpty();
        }
    }

    @Test
    void aMessageBeyondTheClientsAttachmentLimitIsRefusedAtSendAndNothingIsKept() throws Exception {
        try (ExchangeClient client = client().attachmentLimits(new AttachmentLimits(4, 1024)).build()) {
            assertThatThrownBy(() -> client.send(message("{}").build())).isInstanceOf(MalformedInputException.class)
                    .hasMessageContaining("this client's limit per attachment is 4");
            assertThat(filesUnder(dir.resolve("store").resolve("attachments"))).isEmpty();
        }
    }

    private static List<Path> filesUnder(Path directory) throws java.io.IOException {
        if (!java.nio.file.Files.exists(directory)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(directory)) {
            return files.filter(java.nio.file.Files::isRegularFile).toList();
        }
    }

    @Test
    void sendIsIdempotentForTheSameIdAndContentAndAConflictForOtherContent() {
        hub.acceptSubmissions();
        MessageId chosen = MessageId.generate(time.clock());
        try (ExchangeClient client = client().build()) {
            assertThat(client.send(message("{\"a\":1}").messageId(chosen).build())).isEqualTo(chosen);
            assertThat(client.send(message("{\"a\":1}").messageId(chosen).build())).isEqualTo(chosen);
            assertThatThrownBy(() -> client.send(message("{\"a\":2}").messageId(chosen).build()))
                    .isInstanceOf(ConflictException.class).hasMessageContaining(chosen.toString());

            time.advance(Duration.ZERO);
            assertThat(client.send(message("{\"a\":1}").messageId(chosen).build())).isEqualTo(chosen);
            time.advance(Duration.ofMinutes(5));
            assertThat(hub.submissions()).hasSize(1);
            assertThat(client.status(chosen).state()).isEqualTo(State.SENT);
        }
    }

    @Test
    void aRestartedClientDeliversWhatWasLeftAndStillOffersEveryReceipt() {
        hub.acceptSubmissions();
        List<Receipt> firstListener = new CopyOnWriteArrayList<>();
        MessageId first;
        MessageId second;
        try (ExchangeClient crashing = client().receiptListener(receipt -> {
            firstListener.add(receipt);
            throw new IllegalStateException("listener down");
        }).build()) {
            first = crashing.send(message("{\"n\":1}").build());
            time.advance(Duration.ZERO);
            Envelope envelope = hub.envelopeOf(first);
            hub.serveReceipts(hub.signed(envelope, ReceiptState.DELIVERED, CUSTOMS, CUSTOMS));
            time.advance(POLL);
            second = crashing.send(message("{\"n\":2}").build());
        }
        assertThat(firstListener).isNotEmpty();
        Envelope envelope = hub.envelopeOf(first);
        hub.serveReceipts(hub.signed(envelope, ReceiptState.DELIVERED, CUSTOMS, CUSTOMS),
                hub.signed(envelope, ReceiptState.PROCESSED, CUSTOMS, CUSTOMS));

        try (ExchangeClient restarted = client().build()) {
            assertThat(seen).extracting(Receipt::messageId, Receipt::state).containsExactly(
                    tuple(first, ReceiptState.ACCEPTED), tuple(first, ReceiptState.DELIVERED));
            assertThat(restarted.status(second).state()).isEqualTo(State.QUEUED);

            time.advance(Duration.ZERO);
            assertThat(seen).extracting(Receipt::messageId, Receipt::state).containsExactly(
                    tuple(first, ReceiptState.ACCEPTED), tuple(first, ReceiptState.DELIVERED),
                    tuple(second, ReceiptState.ACCEPTED), tuple(first, ReceiptState.PROCESSED));
            assertThat(restarted.status(second).state()).isEqualTo(State.SENT);
            assertThat(restarted.status(first).receiptState()).contains(ReceiptState.PROCESSED);
        }
        assertThat(hub.submissions()).extracting(d -> d.envelope().header().messageId()).containsExactly(first, second);
        hub.server().verify(1, getRequestedFor(urlPathEqualTo("/exchange/v1/receipts")).withQueryParam("after", equalTo("1")));
    }

    @Test
    void sendInTheCallersTransactionCommitsAndRollsBackWithIt() throws Exception {
        hub.acceptSubmissions();
        try (HikariDataSource shared = ExchangeDatabase.embeddedH2(dir.resolve("app"), "app");
                ExchangeClient client = client().store(shared).build()) {
            MessageId rolledBack;
            MessageId committed;
            try (Connection connection = shared.getConnection()) {
                connection.setAutoCommit(false);
                rolledBack = client.send(message("{\"r\":1}").build(), connection);
                connection.rollback();
                committed = client.send(message("{\"c\":1}").build(), connection);
                assertThat(hub.submissions()).isEmpty();
                connection.commit();
            }
            assertThatThrownBy(() -> client.status(rolledBack)).isInstanceOf(NotFoundException.class);
            time.advance(POLL);
            assertThat(client.status(committed).state()).isEqualTo(State.SENT);
            assertThat(hub.submissions()).extracting(d -> d.envelope().header().messageId()).containsExactly(committed);
        }
    }

    @Test
    void statusOfAnUnknownIdIsATypedNotFound() {
        try (ExchangeClient client = client().build()) {
            assertThatThrownBy(() -> client.status(MessageId.generate())).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void buildNamesTheMissingOrWrongKey() {
        assertThatThrownBy(() -> client().hubParty(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ExchangeClient.builder().hub(hub.uri()).party(TAX.partyId()).credentials(TAX.credentials())
                .trustAnchors(TestCredentials.trustAnchors()).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("hubParty"));
        assertThatThrownBy(() -> client().party(CUSTOMS.partyId()).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("party"));
        assertThatThrownBy(() -> client().hub(java.net.URI.create("http://localhost/")).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("hub"));
        assertThatThrownBy(() -> client().settings(Settings.of(java.util.Map.of("golden.exchange.client.recept-poll-interval", "5s"))))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.getMessage()).contains("golden.exchange.client.receipt-poll-interval"));
    }
}
