package org.goldensdk.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.goldensdk.sandbox.HubCalls.as;
import static org.goldensdk.sandbox.HubCalls.delivery;
import static org.goldensdk.sandbox.HubCalls.seal;
import static org.goldensdk.sandbox.HubCalls.submit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.VirtualScheduler;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.EnvelopeSealer;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.SealedMessage;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push delivery against a receiving peer we did not write: WireMock over HTTPS requiring a client
 * certificate from the platform CA, holding customs' INTL certificate, answering receipts the test
 * signs as customs. Its own sandbox, so the peer's endpoint does not leak into other tests.
 */
@Timeout(60)
class HubPushTest {
    private static final PartyId CUSTOMS = TestDepartment.CUSTOMS.partyId();
    private static final DepartmentCredentials CUSTOMS_KEYS = TestDepartment.CUSTOMS.credentials();
    private static final String DELIVERIES = "/exchange/v1/deliveries";
    private static final char[] PASSWORD = "peer-store".toCharArray();

    private static WireMockServer peer;
    private static Sandbox sandbox;
    private static HttpTransport tax;

    @BeforeAll
    static void start(@TempDir Path directory) throws Exception {
        peer = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                .keystorePath(store(directory.resolve("customs.p12"), true).toString()).keystoreType("PKCS12")
                .keystorePassword(new String(PASSWORD)).keyManagerPassword(new String(PASSWORD))
                .needClientAuth(true)
                .trustStorePath(store(directory.resolve("trust.p12"), false).toString()).trustStoreType("PKCS12")
                .trustStorePassword(new String(PASSWORD)));
        peer.start();
        sandbox = Sandbox.builder().defaultRights().checkContract()
                .pushRetry(RetryPolicy.builder().maxAttempts(20).initialBackoff(Duration.ofMillis(20))
                        .maxBackoff(Duration.ofMillis(200)).build())
                .start();
        sandbox.registerEndpoint(CUSTOMS, peerUri());
        tax = as(sandbox, TestDepartment.TAX.credentials());
    }

    @AfterAll
    static void stop() {
        tax.close();
        sandbox.close();
        peer.stop();
    }

    @BeforeEach
    void reset() {
        peer.resetAll();
    }

    @AfterEach
    void conformsToTheContract() {
        List<String> violations = sandbox.contractViolations();
        sandbox.clearContractViolations();
        assertThat(violations).as("OpenAPI contract violations").isEmpty();
    }

    private static URI peerUri() {
        return URI.create("https://127.0.0.1:" + peer.httpsPort() + "/exchange/v1/");
    }

    /** Customs' INTL key and chain (the peer's server identity), or the INTL root it trusts for callers. */
    private static Path store(Path file, boolean key) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        if (key) {
            store.setKeyEntry("customs", CUSTOMS_KEYS.intlPrivateKey(), PASSWORD,
                    CUSTOMS_KEYS.intlCertificateChain().toArray(X509Certificate[]::new));
        } else {
            List<X509Certificate> anchors = HubCalls.intlAnchors(TestCredentials.trustAnchors());
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }

    private static String receipts(Receipt... receipts) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode list = answer.putArray("receipts");
        for (Receipt receipt : receipts) {
            list.add(HubCalls.JSON.readTree(EnvelopeCodec.json().encode(receipt)));
        }
        return new String(HubCalls.JSON.write(answer), StandardCharsets.UTF_8);
    }

    private static Receipt byCustoms(SealedMessage sealed, ReceiptState state) {
        return Receipt.issue(sealed.envelope(), state, CUSTOMS, CUSTOMS_KEYS.signer(CryptoSuite.GM), Instant.now(), null, null);
    }

    private static List<Receipt> receiptsOf(HttpTransport sender, MessageId id) {
        return HubCalls.receipts(HubCalls.get(sender, "messages/" + id + "/receipts"));
    }

    private static void awaitTwoReceipts(MessageId id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> receiptsOf(tax, id).size() == 2);
    }

    private static List<Receipt> awaitThreeReceipts(MessageId id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> receiptsOf(tax, id).size() == 3);
        return receiptsOf(tax, id);
    }

    @Test
    void pushesTheMessageAndFeedsTheReceiversReceiptsToTheSenderInOrder() {
        try (SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, AccessRight.TAX_COMPANY_STATUS, "{\"status\":\"active\"}")) {
            Receipt delivered = byCustoms(sealed, ReceiptState.DELIVERED);
            Receipt processed = byCustoms(sealed, ReceiptState.PROCESSED);
            peer.stubFor(post(urlEqualTo(DELIVERIES)).willReturn(okJson(receipts(delivered, processed))));
            MessageId id = sealed.envelope().header().messageId();

            Receipt accepted = submit(tax, delivery(sealed)).receipt();

            assertThat(awaitThreeReceipts(id)).containsExactly(accepted, delivered, processed);
            String body = new String(delivery(sealed), StandardCharsets.UTF_8);
            peer.verify(1, postRequestedFor(urlEqualTo(DELIVERIES)).withRequestBody(containing(id.toString())));
            assertThat(peer.getAllServeEvents()).singleElement()
                    .satisfies(event -> assertThat(HubCalls.JSON.readTree(event.getRequest().getBody()))
                            .isEqualTo(HubCalls.JSON.readTree(body)));
            List<Receipt> feed = HubCalls.receipts(HubCalls.get(tax, "receipts?after=0&limit=500"));
            assertThat(feed.stream().filter(r -> r.messageId().equals(id)).map(Receipt::state))
                    .containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED, ReceiptState.PROCESSED);
        }
    }

    @Test
    void aReceiverAnswerOutsideTheContractIsRecorded() {
        try (SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, AccessRight.TAX_COMPANY_STATUS, "{\"empty\":true}")) {
            peer.stubFor(post(urlEqualTo(DELIVERIES)).inScenario("empty").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson("{\"receipts\":[]}")).willSetStateTo("full"));
            peer.stubFor(post(urlEqualTo(DELIVERIES)).inScenario("empty").whenScenarioStateIs("full")
                    .willReturn(okJson(receipts(byCustoms(sealed, ReceiptState.DELIVERED)))));

            submit(tax, delivery(sealed));

            awaitTwoReceipts(sealed.envelope().header().messageId());
            assertThat(sandbox.contractViolations()).singleElement().asString()
                    .startsWith("deliver (POST /deliveries response 200)").contains("minItems");
            sandbox.clearContractViolations();
        }
    }

    @Test
    void aReceiverAnswering503IsRetried() {
        try (SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, AccessRight.TAX_COMPANY_STATUS, "{\"retry\":true}")) {
            peer.stubFor(post(urlEqualTo(DELIVERIES)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
            peer.stubFor(post(urlEqualTo(DELIVERIES)).inScenario("flaky").whenScenarioStateIs("up")
                    .willReturn(okJson(receipts(byCustoms(sealed, ReceiptState.DELIVERED), byCustoms(sealed, ReceiptState.PROCESSED)))));

            submit(tax, delivery(sealed));

            assertThat(awaitThreeReceipts(sealed.envelope().header().messageId())).extracting(Receipt::state)
                    .containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED, ReceiptState.PROCESSED);
            peer.verify(2, postRequestedFor(urlEqualTo(DELIVERIES)));
        }
    }

    @Test
    void aReceiptNotSignedByTheReceiverIsNeverFedToTheSender() {
        try (SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, AccessRight.TAX_COMPANY_STATUS, "{\"forged\":true}")) {
            Receipt forged = Receipt.issue(sealed.envelope(), ReceiptState.DELIVERED, TestDepartment.TAX.partyId(),
                    TestDepartment.TAX.credentials().signer(CryptoSuite.GM), Instant.now(), null, null);
            Receipt delivered = byCustoms(sealed, ReceiptState.DELIVERED);
            Receipt processed = byCustoms(sealed, ReceiptState.PROCESSED);
            peer.stubFor(post(urlEqualTo(DELIVERIES)).inScenario("forger").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson(receipts(forged))).willSetStateTo("honest"));
            peer.stubFor(post(urlEqualTo(DELIVERIES)).inScenario("forger").whenScenarioStateIs("honest")
                    .willReturn(okJson(receipts(delivered, processed))));

            submit(tax, delivery(sealed));

            assertThat(awaitThreeReceipts(sealed.envelope().header().messageId())).doesNotContain(forged)
                    .endsWith(delivered, processed);
        }
    }

    @Test
    void anExpiredMessageIsNeverPushed() {
        VirtualScheduler time = VirtualScheduler.create();
        PartyId fire = TestDepartment.FIRE.partyId();
        try (Sandbox virtual = Sandbox.builder().scheduler(time).defaultRights().start();
                HttpTransport centre = as(virtual, TestDepartment.SERVICE_CENTRE.credentials())) {
            EnvelopeSealer sealer = EnvelopeSealer.builder().party(TestDepartment.SERVICE_CENTRE.partyId())
                    .credentials(TestDepartment.SERVICE_CENTRE.credentials()).clock(time.clock()).build();
            try (SealedMessage late = sealer.seal(Message.to(fire).service(AccessRight.BUSINESS_LICENCE_APPROVAL)
                    .expiresIn(Duration.ofHours(1)).bytes("application/json", "{}".getBytes(StandardCharsets.UTF_8)).build())) {
                submit(centre, delivery(late));    // fire has no endpoint yet: the message waits
                time.advance(Duration.ofHours(2));
                virtual.registerEndpoint(fire, peerUri());

                try (SealedMessage fresh = sealer.seal(Message.to(fire).service(AccessRight.BUSINESS_LICENCE_APPROVAL)
                        .bytes("application/json", "{}".getBytes(StandardCharsets.UTF_8)).build())) {
                    peer.stubFor(post(urlEqualTo(DELIVERIES)).willReturn(aResponse().withStatus(400)));
                    submit(centre, delivery(fresh));
                    MessageId freshId = fresh.envelope().header().messageId();
                    await().atMost(Duration.ofSeconds(20)).until(() -> peer.getAllServeEvents().stream()
                            .anyMatch(event -> event.getRequest().getBodyAsString().contains(freshId.toString())));
                }
                assertThat(peer.getAllServeEvents()).noneMatch(event -> event.getRequest().getBodyAsString()
                        .contains(late.envelope().header().messageId().toString()));
            }
        }
    }
}
