package org.goldensdk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.goldensdk.sandbox.HubCalls.as;
import static org.goldensdk.sandbox.HubCalls.delivery;
import static org.goldensdk.sandbox.HubCalls.forged;
import static org.goldensdk.sandbox.HubCalls.seal;
import static org.goldensdk.sandbox.HubCalls.submit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.ValidationException;
import org.goldensdk.core.VirtualScheduler;
import org.goldensdk.exchange.EnvelopeSealer;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.SealedMessage;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.testkit.CertificateAuthority;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(60)
@ExtendWith(SandboxExtension.class)
class HubSubmitTest {
    private static final PartyId CUSTOMS = TestDepartment.CUSTOMS.partyId();
    private static final ServiceId STATUS = AccessRight.TAX_COMPANY_STATUS;

    private static Sandbox sandbox;
    private static HttpTransport tax;
    private static HttpTransport customs;

    @BeforeAll
    static void connect(Sandbox shared) {
        sandbox = shared;
        tax = as(sandbox, TestDepartment.TAX.credentials());
        customs = as(sandbox, TestDepartment.CUSTOMS.credentials());
    }

    @AfterAll
    static void disconnect() {
        tax.close();
        customs.close();
    }

    private static <T extends GoldenException> T refused(Class<T> type, HttpTransport transport, byte[] body) {
        T refused = catchThrowableOfType(type, () -> submit(transport, body));
        assertThat(refused).as("refused with " + type.getSimpleName()).isNotNull();
        return refused;
    }

    @Test
    void acceptsAVerifiedEnvelopeWithAReceiptSignedByTheHub() {
        try (SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, STATUS, "{\"company\":\"91420100MA4K00002Y\"}")) {
            HubCalls.Answer answer = submit(tax, delivery(sealed));

            assertThat(answer.status()).isEqualTo(202);
            Receipt receipt = answer.receipt();
            receipt.verify(sandbox.trustAnchors(), Instant.now());
            assertThat(receipt.state()).isEqualTo(ReceiptState.ACCEPTED);
            assertThat(receipt.issuer()).isEqualTo(sandbox.hubParty());
            assertThat(receipt.messageId()).isEqualTo(sealed.envelope().header().messageId());
            assertThat(receipt.envelopeDigest()).isEqualTo(sealed.envelope().digest());
            assertThat(HubCalls.receipts(HubCalls.get(tax, "messages/" + receipt.messageId() + "/receipts")))
                    .containsExactly(receipt);
        }
    }

    @Test
    void aResendIsAnsweredWithTheSameReceipt() {
        try (SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, STATUS, "{\"resend\":true}")) {
            HubCalls.Answer first = submit(tax, delivery(sealed));
            HubCalls.Answer again = submit(tax, delivery(sealed));

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.receipt()).isEqualTo(first.receipt());
            assertThat(HubCalls.receipts(HubCalls.get(tax, "messages/" + first.receipt().messageId() + "/receipts")))
                    .hasSize(1);
        }
    }

    @Test
    void theSameIdWithAnotherEnvelopeIsAConflict() {
        MessageId id = MessageId.generate();
        EnvelopeSealer sealer = HubCalls.sealer(TestDepartment.TAX.partyId(), TestDepartment.TAX.credentials());
        try (SealedMessage first = sealer.seal(Message.to(CUSTOMS).service(STATUS).messageId(id).bytes("text/plain", new byte[] {1}).build());
                SealedMessage other = sealer.seal(Message.to(CUSTOMS).service(STATUS).messageId(id).bytes("text/plain", new byte[] {2}).build())) {
            submit(tax, delivery(first));

            ConflictException conflict = refused(ConflictException.class, tax, delivery(other));

            assertThat(conflict.remote().orElseThrow().status()).isEqualTo(409);
        }
    }

    @Test
    void aCallerWhoIsNotTheSenderIsRefused() {
        try (SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, STATUS, "{}")) {
            AccessDeniedException denied = refused(AccessDeniedException.class, customs, delivery(sealed));

            assertThat(denied.remote().orElseThrow().status()).isEqualTo(403);
            assertThat(denied).hasMessageContaining("not the envelope's sender");
        }
    }

    @Test
    void aServiceTheSenderMayNotCallIsRefused() {
        try (SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, ServiceId.of("tax.ledger-export", 1), "{}")) {
            assertThat(refused(AccessDeniedException.class, tax, delivery(sealed))).hasMessageContaining("may not call");
        }
    }

    @Test
    void anUnknownReceiverIsRefused() {
        PartyId unknown = PartyId.of(TestDepartment.DIVISION, TestDepartment.SOCIAL_SECURITY.creditCode(), "pensions");
        try (SealedMessage sealed = seal(TestDepartment.TAX, unknown, STATUS, "{}")) {
            assertThat(refused(AccessDeniedException.class, tax, delivery(sealed))).hasMessageContaining("not registered");
        }
    }

    @Test
    void aTamperedPayloadIsRefused() {
        try (SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, STATUS, "{\"amount\":\"100\"}")) {
            byte[] tampered = HubCalls.withPayload(delivery(sealed), "{\"amount\":\"900\"}".getBytes(StandardCharsets.UTF_8));

            assertThat(refused(SignatureException.class, tax, tampered).code()).isEqualTo(ErrorCode.SIGNATURE);
        }
    }

    @Test
    void aTamperedHeaderIsRefused() {
        try (SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, STATUS, "{}")) {
            byte[] tampered = forged(delivery(sealed), header -> header.put("actingFor", "case 2026-0099"), null);

            assertThat(refused(SignatureException.class, tax, tampered).remote().orElseThrow().wireCode()).isEqualTo("E_SIGNATURE");
        }
    }

    @Test
    void anEnvelopeSignedWithACertificateFromAnotherCaIsRefused() {
        DepartmentCredentials foreign = CertificateAuthority.create().issue(TestDepartment.TAX.creditCode(), TestDepartment.TAX.organisation());
        try (SealedMessage sealed = HubCalls.sealer(TestDepartment.TAX.partyId(), foreign)
                .seal(Message.to(CUSTOMS).service(STATUS).bytes("text/plain", new byte[] {1}).build())) {
            assertThat(refused(SignatureException.class, tax, delivery(sealed))).hasMessageContaining("does not validate");
        }
    }

    @Test
    void aSignerCertificateThatIsNotRegisteredIsRefused() {
        DepartmentCredentials unregistered = TestCredentials.authority().issue(TestDepartment.TAX.creditCode(),
                TestDepartment.TAX.organisation(), TestCredentials.VALID_FROM, TestCredentials.VALID_UNTIL);
        try (SealedMessage sealed = HubCalls.sealer(TestDepartment.TAX.partyId(), unregistered)
                .seal(Message.to(CUSTOMS).service(STATUS).bytes("text/plain", new byte[] {1}).build())) {
            assertThat(refused(SignatureException.class, tax, delivery(sealed))).hasMessageContaining("not registered");
        }
    }

    @Test
    void aPartyThatIsNotRegisteredIsRefused() {
        DepartmentCredentials company = TestCredentials.authority().issue(org.goldensdk.core.CreditCode.parse("91420100MA4K00002Y"),
                "武汉示例有限公司", TestCredentials.VALID_FROM, TestCredentials.VALID_UNTIL);
        PartyId party = PartyId.parse("CN/420100/91420100MA4K00002Y/erp");
        try (HttpTransport stranger = as(sandbox, company);
                SealedMessage sealed = HubCalls.sealer(party, company)
                        .seal(Message.to(CUSTOMS).service(STATUS).bytes("text/plain", new byte[] {1}).build())) {
            assertThat(refused(AccessDeniedException.class, stranger, delivery(sealed))).hasMessageContaining("not registered");
        }
    }

    @Test
    void anExpiredEnvelopeIsRefused() {
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        EnvelopeSealer sealer = EnvelopeSealer.builder().party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials()).clock(twoHoursAgo).build();
        try (SealedMessage sealed = sealer.seal(Message.to(CUSTOMS).service(STATUS).expiresIn(Duration.ofHours(1))
                .bytes("text/plain", new byte[] {1}).build())) {
            ValidationException refused = refused(ValidationException.class, tax, delivery(sealed));

            assertThat(refused.findings()).extracting("rule").containsExactly("envelope.expired");
        }
    }

    @Test
    void secretDataSentRawIsRefusedByTheHub() {
        try (SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, STATUS, "{}")) {
            byte[] secret = forged(delivery(sealed), header -> header.put("classification", "SECRET"),
                    TestDepartment.TAX.credentials().signer(CryptoSuite.GM));

            ValidationException refused = refused(ValidationException.class, tax, secret);

            assertThat(refused.remote().orElseThrow().status()).isEqualTo(400);
            assertThat(refused.findings()).extracting("rule").containsExactly("classification.secret");
        }
    }

    @Test
    void aCallWithoutAClientCertificateIsRefused() {
        TlsConfig anonymous = TlsConfig.builder().trustAnchors(HubCalls.intlAnchors(sandbox.trustAnchors())).build();
        try (HttpTransport transport = HubCalls.transport(sandbox, anonymous);
                SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, STATUS, "{}")) {
            AuthenticationException refused = refused(AuthenticationException.class, transport, delivery(sealed));

            assertThat(refused.remote().orElseThrow().status()).isEqualTo(401);
        }
    }

    @Test
    void anotherPartyNeitherSeesTheReceiptsOfAMessageNorFindsThemInItsFeed() {
        try (SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, STATUS, "{\"private\":true}")) {
            MessageId id = submit(tax, delivery(sealed)).receipt().messageId();

            assertThat(catchThrowableOfType(org.goldensdk.core.NotFoundException.class,
                    () -> HubCalls.get(customs, "messages/" + id + "/receipts"))).isNotNull();
            assertThat(HubCalls.receipts(HubCalls.get(customs, "receipts?after=0&limit=500")))
                    .extracting(Receipt::messageId).doesNotContain(id);
            assertThat(HubCalls.receipts(HubCalls.get(tax, "receipts?after=0&limit=500")))
                    .extracting(Receipt::messageId).contains(id);
        }
    }

    @Test
    void theFeedPagesAfterAPosition() {
        try (SealedMessage first = seal(TestDepartment.CUSTOMS, TestDepartment.TAX.partyId(), AccessRight.CUSTOMS_DECLARATION_CHECK, "{}");
                SealedMessage second = seal(TestDepartment.CUSTOMS, TestDepartment.TAX.partyId(), AccessRight.CUSTOMS_DECLARATION_CHECK, "{}")) {
            String start = HubCalls.get(customs, "receipts?after=0&limit=500").get("last").asText();
            submit(customs, delivery(first));
            submit(customs, delivery(second));

            var page = HubCalls.get(customs, "receipts?after=" + start + "&limit=1");
            assertThat(HubCalls.receipts(page)).extracting(Receipt::messageId).containsExactly(first.envelope().header().messageId());
            var next = HubCalls.get(customs, "receipts?after=" + page.get("last").asText());
            assertThat(HubCalls.receipts(next)).extracting(Receipt::messageId).containsExactly(second.envelope().header().messageId());
        }
    }

    @Test
    void refusesFeedParametersTheContractDoesNotAllow() {
        int before = sandbox.contractViolations().size();
        try {
            assertThat(catchThrowableOfType(ValidationException.class, () -> HubCalls.get(customs, "receipts?limit=0"))).isNotNull();
            assertThat(catchThrowableOfType(ValidationException.class, () -> HubCalls.get(customs, "receipts?after=-1"))).isNotNull();

            // the requests break the document's parameter schemas; the 400 answers conform
            assertThat(sandbox.contractViolations().subList(before, sandbox.contractViolations().size())).satisfiesExactly(
                    limit -> assertThat(limit).startsWith("receipts (GET /receipts request)").contains("minimum"),
                    after -> assertThat(after).startsWith("receipts (GET /receipts request)").contains("-1"));
        } finally {
            sandbox.clearContractViolations();
        }
    }

    @Test
    void theFaultHookAnswers503WithRetryAfterFromInsideTheHub() {
        VirtualScheduler time = VirtualScheduler.create();
        try (HttpTransport retrying = HttpTransport.builder().baseUri(sandbox.hubUri().resolve("exchange/v1/"))
                .tls(TlsConfig.of(TestDepartment.TAX.credentials(), sandbox.trustAnchors()))
                .retryPolicy(RetryPolicy.defaults()).scheduler(time).build();
                SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, STATUS, "{}")) {
            sandbox.faults().failNextSubmissions(1, 503, Duration.ofSeconds(7));
            // an idempotent submission (the hub deduplicates) may be retried by the transport
            HttpRequest request = HttpRequest.builder("POST", "messages").idempotent(true)
                    .body(HttpBody.of(delivery(sealed), "application/json")).build();

            try (HttpResponse response = retrying.execute(request)) {
                assertThat(response.status()).isEqualTo(202);
            }
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));

            sandbox.faults().failNextSubmissions(1, 503, Duration.ofSeconds(7));
            GoldenException unavailable = refused(GoldenException.class, tax, delivery(sealed));
            assertThat(unavailable.remote().orElseThrow().status()).isEqualTo(503);
            assertThat(unavailable.remote().orElseThrow().wireCode()).isEqualTo("E_UNAVAILABLE");
        } finally {
            sandbox.faults().clear();
        }
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        try (Sandbox small = Sandbox.builder().maxRequestBytes(64 * 1024).start();
                HttpTransport transport = as(small, TestDepartment.TAX.credentials());
                SealedMessage sealed = seal(TestDepartment.TAX, CUSTOMS, STATUS, "x".repeat(80 * 1024))) {
            MalformedInputException refused = refused(MalformedInputException.class, transport, delivery(sealed));

            assertThat(refused.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
            assertThat(refused.remote().orElseThrow().status()).isEqualTo(413);
        }
    }

    @Test
    void everyTestDepartmentIsRegisteredWithTheDefaultRights() {
        assertThat(AccessRight.defaults()).hasSize(5).allSatisfy(right -> assertThat(List.of(TestDepartment.values()))
                .extracting(TestDepartment::partyId).contains(right.sender(), right.receiver()));
        try (SealedMessage sealed = seal(TestDepartment.SERVICE_CENTRE, TestDepartment.FIRE.partyId(),
                AccessRight.BUSINESS_LICENCE_APPROVAL, "{}");
                HttpTransport centre = as(sandbox, TestDepartment.SERVICE_CENTRE.credentials())) {
            assertThat(submit(centre, delivery(sealed)).status()).isEqualTo(202);
        }
    }
}
