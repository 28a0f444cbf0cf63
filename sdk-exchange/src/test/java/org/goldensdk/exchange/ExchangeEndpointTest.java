package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.CanonicalJson;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.core.VirtualScheduler;
import org.goldensdk.testkit.CertificateAuthority;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Customs' endpoint on a real HTTPS port; the test plays the hub over mutual TLS and delivers
 * envelopes really sealed by tax.
 */
@Timeout(60)
class ExchangeEndpointTest {
    static final TestDepartment CUSTOMS = TestDepartment.CUSTOMS;
    static final ServiceId STATUS = EnvelopeFixtures.SERVICE;
    static final ServiceId CHECK = ServiceId.of("customs.declaration-check", 1);
    static final ServiceId UNKNOWN = ServiceId.of("customs.nobody-listens", 1);
    static final Instant ENDPOINT_NOW = EnvelopeFixtures.NOW.plus(Duration.ofMinutes(1));
    static final long LIMIT = 256 * 1024;

    /** What the handlers saw, in call order. */
    static final Queue<ReceivedMessage> CALLS = new ConcurrentLinkedQueue<>();
    static final Queue<MessageContext> CONTEXTS = new ConcurrentLinkedQueue<>();
    /** The attachments' bytes as the STATUS handler read them: their files exist only while it runs. */
    static final Queue<List<byte[]>> ATTACHMENT_BYTES = new ConcurrentLinkedQueue<>();

    @TempDir
    static Path store;

    static ExchangeEndpoint endpoint;
    static HubCaller hub;

    @BeforeAll
    static void start() {
        endpoint = endpoint(store).start();
        hub = HubCaller.hub(endpoint.uri());
    }

    @AfterAll
    static void stop() {
        hub.close();
        endpoint.close();
    }

    @BeforeEach
    void forgetCalls() {
        CALLS.clear();
        ATTACHMENT_BYTES.clear();
        CONTEXTS.clear();
    }

    static ExchangeEndpoint endpoint(Path directory) {
        return builder().storeDirectory(directory).listen("127.0.0.1", 0).build();
    }

    static ExchangeEndpoint.Builder builder() {
        return ExchangeEndpoint.builder()
                .party(CUSTOMS.partyId())
                .credentials(CUSTOMS.credentials())
                .trustAnchors(TestCredentials.trustAnchors())
                .hubParty(TestDepartment.EXCHANGE_PLATFORM.partyId())
                .clock(VirtualScheduler.startingAt(ENDPOINT_NOW).clock())
                .maxDeliveryBytes(LIMIT)
                .handle(STATUS, (message, context) -> {
                    CALLS.add(message);
                    CONTEXTS.add(context);
                    ATTACHMENT_BYTES.add(message.attachments().stream().map(a -> a.content().readAllBytes()).toList());
                    return Outcome.processed();
                })
                .handle(CHECK, (message, context) -> {
                    CALLS.add(message);
                    return Outcome.rejected("E_UNKNOWN_COMPANY", "no company 91420100MA4K00002Y on record");
                });
    }

    static SealedMessage seal(Message message) {
        return EnvelopeFixtures.sealer(CryptoSuite.GM).seal(message);
    }

    /** Checks what a sender checks: signature and path, issuer = customs, the message and envelope digest. */
    static void assertReceipts(List<Receipt> receipts, Envelope envelope, ReceiptState... states) {
        assertThat(receipts).extracting(Receipt::state).containsExactly(states);
        for (Receipt receipt : receipts) {
            receipt.verify(TestCredentials.trustAnchors(), ENDPOINT_NOW);
            assertThat(receipt.issuer()).isEqualTo(CUSTOMS.partyId());
            assertThat(receipt.messageId()).isEqualTo(envelope.header().messageId());
            assertThat(receipt.envelopeDigest()).isEqualTo(envelope.digest());
        }
    }

    // ---- handled once, receipts ----

    @Test
    void handlesAVerifiedMessageOnceAndAnswersSignedDeliveredAndProcessedReceipts() {
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().build())) {
            List<Receipt> receipts = hub.deliver(sealed);

            assertReceipts(receipts, sealed.envelope(), ReceiptState.DELIVERED, ReceiptState.PROCESSED);
            assertThat(CALLS).singleElement().satisfies(message -> {
                assertThat(message.sender()).isEqualTo(TestDepartment.TAX.partyId());
                assertThat(message.messageId()).isEqualTo(sealed.envelope().header().messageId());
                assertThat(message.service()).isEqualTo(STATUS);
                assertThat(message.bytes()).isEqualTo(EnvelopeFixtures.PAYLOAD);
                assertThat(message.json(CompanyStatus.class)).isEqualTo(new CompanyStatus("91420100MA4K00002Y", "normal"));
                assertThat(message.attachments()).extracting(Message.Attachment::name)
                        .containsExactly("ledger-2026Q1.csv", "notice.pdf");
                assertThat(message.attachments().get(1).content().file()).as("received into a file, deleted after the"
                        + " handler").hasValueSatisfying(file -> assertThat(file).doesNotExist());
                assertThat(message.header().properties()).containsEntry("caseNumber", "武税稽〔2026〕7号");
            });
            assertThat(ATTACHMENT_BYTES).singleElement().satisfies(attachments ->
                    assertThat(attachments.get(1)).isEqualTo(sealed.attachments().get(1).readAllBytes()));
            assertThat(CONTEXTS).singleElement().satisfies(context -> {
                assertThat(context.envelope()).isEqualTo(sealed.envelope());
                assertThat(context.receipts()).containsExactly(receipts.get(0));
            });
        }
    }

    /** The JSON the tax bureau sends. */
    record CompanyStatus(String creditCode, String status) {
    }

    @Test
    void aRejectingHandlerYieldsASignedRejectedReceiptWithItsReasonCode() {
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().service(CHECK).build())) {
            List<Receipt> receipts = hub.deliver(sealed);

            assertReceipts(receipts, sealed.envelope(), ReceiptState.DELIVERED, ReceiptState.REJECTED);
            assertThat(receipts.get(1).reasonCode()).contains("E_UNKNOWN_COMPANY");
            assertThat(receipts.get(1).reason()).contains("no company 91420100MA4K00002Y on record");
            assertThat(CALLS).hasSize(1);
        }
    }

    @Test
    void aServiceWithoutAHandlerIsRejectedWithUnknownServiceAndNoHandlerRuns() {
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().service(UNKNOWN).build())) {
            List<Receipt> receipts = hub.deliver(sealed);

            assertReceipts(receipts, sealed.envelope(), ReceiptState.DELIVERED, ReceiptState.REJECTED);
            assertThat(receipts.get(1).reasonCode()).contains("E_UNKNOWN_SERVICE");
            assertThat(CALLS).isEmpty();
            assertThat(hub.deliver(sealed)).as("the refusal is final and deduplicated like any outcome").isEqualTo(receipts);
        }
    }

    @Test
    void aSensitiveMessageReachesTheHandlerDecrypted() {
        Message message = EnvelopeFixtures.message().classification(Classification.SENSITIVE)
                .encryptFor(CUSTOMS.credentials().encryptionCertificateChain(CryptoSuite.GM).get(0)).build();
        try (SealedMessage sealed = seal(message)) {
            assertThat(sealed.payload().readAllBytes()).as("ciphertext on the wire").isNotEqualTo(EnvelopeFixtures.PAYLOAD);

            assertReceipts(hub.deliver(sealed), sealed.envelope(), ReceiptState.DELIVERED, ReceiptState.PROCESSED);

            assertThat(CALLS).singleElement().satisfies(received -> assertThat(received.bytes())
                    .isEqualTo(EnvelopeFixtures.PAYLOAD));
            assertThat(ATTACHMENT_BYTES).singleElement().satisfies(attachments -> assertThat(attachments.get(0))
                    .isEqualTo("company,amount\n91420100MA4K00002Y,100\n".getBytes(StandardCharsets.UTF_8)));
        }
    }

    // ---- deduplication ----

    @Test
    void aRedeliveryIsAnsweredWithTheSameReceiptsWithoutASecondHandlerCall() {
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().build())) {
            List<Receipt> first = hub.deliver(sealed);
            List<Receipt> again = hub.deliver(sealed);

            assertThat(again).isEqualTo(first);
            assertThat(CALLS).hasSize(1);
        }
    }

    @Test
    void theSameMessageIdWithAnotherEnvelopeIsATypedConflict() {
        MessageId id = MessageId.generate();
        try (SealedMessage original = seal(EnvelopeFixtures.message().messageId(id).build());
                SealedMessage other = seal(EnvelopeFixtures.message().messageId(id).bytes("text/plain", new byte[] {1}).build())) {
            hub.deliver(original);

            ConflictException conflict = catchThrowableOfType(ConflictException.class, () -> hub.deliver(other));

            assertThat(conflict).hasMessageContaining(id.toString());
            assertThat(conflict.remote().orElseThrow().status()).isEqualTo(409);
            assertThat(CALLS).hasSize(1);
        }
    }

    @Test
    void deduplicationSurvivesARestartOnTheSameStore(@TempDir Path directory) {
        MessageId id = MessageId.generate();
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().messageId(id).build());
                SealedMessage conflicting = seal(EnvelopeFixtures.message().messageId(id).bytes("text/plain", new byte[] {2}).build())) {
            List<Receipt> first;
            try (ExchangeEndpoint before = endpoint(directory).start(); HubCaller caller = HubCaller.hub(before.uri())) {
                first = caller.deliver(sealed);
            }
            try (ExchangeEndpoint after = endpoint(directory).start(); HubCaller caller = HubCaller.hub(after.uri())) {
                assertThat(caller.deliver(sealed)).isEqualTo(first);
                assertThatThrownBy(() -> caller.deliver(conflicting)).isInstanceOf(ConflictException.class);
            }
            assertThat(CALLS).hasSize(1);
        }
    }

    // ---- refused: typed 4xx, no handler call ----

    @Test
    void aTamperedPayloadIsRefusedAsASignatureFailure() {
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().build())) {
            ObjectNode delivery = HubCaller.tree(sealed);
            byte[] payload = EnvelopeFixtures.PAYLOAD.clone();
            payload[payload.length - 3] ^= 1;
            delivery.put("payload", Base64.getEncoder().encodeToString(payload));

            refused(SignatureException.class, 400, HubCaller.bytes(delivery));
        }
    }

    @Test
    void aTamperedAttachmentIsRefused() {
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().build())) {
            ObjectNode delivery = HubCaller.tree(sealed);
            delivery.withArray("attachments").set(1, delivery.textNode(Base64.getEncoder().encodeToString("%PDF-1.8".getBytes(StandardCharsets.US_ASCII))));

            refused(SignatureException.class, 400, HubCaller.bytes(delivery));
        }
    }

    @Test
    void aTamperedHeaderIsRefusedAsASignatureFailure() {
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().build())) {
            ObjectNode delivery = HubCaller.tree(sealed);
            header(delivery).put("actingFor", "case 2026-0008");

            refused(SignatureException.class, 400, HubCaller.bytes(delivery));
        }
    }

    @Test
    void anEnvelopeForAnotherReceiverIsRefused() {
        Message forAgriculture = Message.to(TestDepartment.AGRICULTURE.partyId()).service(STATUS)
                .bytes("application/json", EnvelopeFixtures.PAYLOAD).build();
        try (SealedMessage sealed = seal(forAgriculture)) {
            AccessDeniedException refused = refused(AccessDeniedException.class, 403,
                    EnvelopeCodec.json().encode(Delivery.of(sealed)));
            assertThat(refused).hasMessageContaining(TestDepartment.AGRICULTURE.partyId().toString());
        }
    }

    @Test
    void aSenderCertificateFromAForeignCaIsRefused() {
        CertificateAuthority foreign = CertificateAuthority.builder().name("Not the platform CA")
                .rootValidity(TestCredentials.VALID_FROM, Duration.between(TestCredentials.VALID_FROM, TestCredentials.VALID_UNTIL))
                .build();
        DepartmentCredentials impostor = foreign.issue(TestDepartment.TAX.creditCode(), TestDepartment.TAX.organisation(),
                TestCredentials.VALID_FROM, TestCredentials.VALID_UNTIL);
        EnvelopeSealer sealer = EnvelopeSealer.builder().party(TestDepartment.TAX.partyId()).credentials(impostor)
                .clock(EnvelopeFixtures.CLOCK).build();
        try (SealedMessage sealed = sealer.seal(EnvelopeFixtures.message().build())) {
            refused(SignatureException.class, 400, EnvelopeCodec.json().encode(Delivery.of(sealed)));
        }
    }

    @Test
    void anExpiredEnvelopeIsRefused() {
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().expiresIn(Duration.ofSeconds(30)).build())) {
            ValidationException expired = refused(ValidationException.class, 400, EnvelopeCodec.json().encode(Delivery.of(sealed)));
            assertThat(expired.findings()).extracting("rule").containsExactly("envelope.expired");
        }
    }

    @Test
    void aSecretClassificationIsRefusedEvenWhenValidlySigned() {
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().build())) {
            ObjectNode delivery = HubCaller.tree(sealed);
            ObjectNode header = header(delivery);
            header.put("classification", "SECRET");
            byte[] signature = TestDepartment.TAX.credentials().signer(CryptoSuite.GM).sign(CanonicalJson.of().canonicalize(header));
            ((ObjectNode) delivery.get("envelope").get("signature")).put("value", Base64.getEncoder().encodeToString(signature));

            ValidationException secret = refused(ValidationException.class, 400, HubCaller.bytes(delivery));
            assertThat(secret.findings()).extracting("rule").containsExactly("classification.secret");
        }
    }

    @Test
    void aDeliveryMissingAnAttachmentIsRefused() {
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().build())) {
            ObjectNode delivery = HubCaller.tree(sealed);
            delivery.withArray("attachments").remove(1);

            ValidationException missing = refused(ValidationException.class, 400, HubCaller.bytes(delivery));
            assertThat(missing.findings()).extracting("rule").containsExactly("delivery.attachments");
        }
    }

    @Test
    void aBodyThatIsNoDeliveryIsMalformed() {
        refused(MalformedInputException.class, 400, "{\"envelope\":[]}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        byte[] large = new byte[(int) LIMIT];
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().bytes("application/octet-stream", large).build())) {
            MalformedInputException tooLarge = refused(MalformedInputException.class, 413,
                    EnvelopeCodec.json().encode(Delivery.of(sealed)));
            assertThat(tooLarge.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        }
    }

    @Test
    void aCallerThatIsNotTheHubIsRefusedWith403() {
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().build());
                HubCaller tax = HubCaller.as(TestDepartment.TAX, endpoint.uri())) {
            AccessDeniedException denied = catchThrowableOfType(AccessDeniedException.class, () -> tax.deliver(sealed));

            assertThat(denied).hasMessageContaining("hub");
            assertThat(denied.remote().orElseThrow().status()).isEqualTo(403);
            assertThat(CALLS).isEmpty();
        }
    }

    @Test
    void aCallerWithoutAClientCertificateIsRefusedWith401() {
        try (SealedMessage sealed = seal(EnvelopeFixtures.message().build());
                HubCaller anonymous = HubCaller.as(null, endpoint.uri())) {
            AuthenticationException refused = catchThrowableOfType(AuthenticationException.class, () -> anonymous.deliver(sealed));

            assertThat(refused.remote().orElseThrow().status()).isEqualTo(401);
            assertThat(CALLS).isEmpty();
        }
    }

    @Test
    void aFailingHandlerRecordsNothingSoTheRedeliveryIsHandled(@TempDir Path directory) {
        boolean[] fail = {true};
        try (ExchangeEndpoint flaky = ExchangeEndpoint.builder().party(CUSTOMS.partyId()).credentials(CUSTOMS.credentials())
                .trustAnchors(TestCredentials.trustAnchors()).hubParty(TestDepartment.EXCHANGE_PLATFORM.partyId())
                .clock(VirtualScheduler.startingAt(ENDPOINT_NOW).clock()).storeDirectory(directory).listen("127.0.0.1", 0)
                .handle(STATUS, (message, context) -> {
                    CALLS.add(message);
                    if (fail[0]) {
                        throw new IllegalStateException("the declarations database is down");
                    }
                    return Outcome.processed();
                }).build().start();
                HubCaller caller = HubCaller.hub(flaky.uri());
                SealedMessage sealed = seal(EnvelopeFixtures.message().build())) {
            GoldenException unavailable = catchThrowableOfType(GoldenException.class, () -> caller.deliver(sealed));
            assertThat(unavailable.remote().orElseThrow().status()).isEqualTo(503);
            assertThat(unavailable.isRetryable()).isTrue();
            assertThat(unavailable).hasMessageNotContaining("declarations database");

            fail[0] = false;
            assertReceipts(caller.deliver(sealed), sealed.envelope(), ReceiptState.DELIVERED, ReceiptState.PROCESSED);
            assertThat(CALLS).hasSize(2);
        }
    }

    // ---- configuration ----

    @Test
    void buildNamesTheMissingOrContradictorySetting() {
        assertThatThrownBy(() -> ExchangeEndpoint.builder().build()).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e).hasMessageContaining("party"));
        assertThatThrownBy(() -> builder().hubParty(TestDepartment.EXCHANGE_PLATFORM.partyId())
                .credentials(TestDepartment.TAX.credentials()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("credentials");
        assertThatThrownBy(() -> builder().handle(STATUS, (m, c) -> Outcome.processed()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(STATUS.toString());
        assertThatThrownBy(() -> ExchangeEndpoint.builder().party(CUSTOMS.partyId()).credentials(CUSTOMS.credentials())
                .trustAnchors(TestCredentials.trustAnchors()).hubParty(TestDepartment.EXCHANGE_PLATFORM.partyId()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("handle");
        assertThatThrownBy(() -> builder().maxDeliveryBytes(0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder().listen(70000)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder().soap(true).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("listen(port)");
        assertThatThrownBy(() -> Outcome.rejected("unknown company", null)).isInstanceOf(ValidationException.class);
    }

    private static ObjectNode header(ObjectNode delivery) {
        return (ObjectNode) delivery.get("envelope").get("header");
    }

    private static <T extends GoldenException> T refused(Class<T> type, int status, byte[] body) {
        T refused = catchThrowableOfType(type, () -> hub.deliver(body));
        assertThat(refused).as("a typed %s", type.getSimpleName()).isNotNull();
        assertThat(refused.remote().orElseThrow().status()).isEqualTo(status);
        assertThat(CALLS).as("no handler call").isEmpty();
        return refused;
    }
}
