package org.goldensdk.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.cxf.SoapClients;
import org.goldensdk.cxf.SoapSecurity;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.EnvelopeHeader;
import org.goldensdk.exchange.EnvelopeSealer;
import org.goldensdk.exchange.EnvelopeVerifier;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.Response;
import org.goldensdk.exchange.SealedMessage;
import org.goldensdk.exchange.SoapMessages;
import org.goldensdk.exchange.Transport;
import org.goldensdk.exchange.soap.ExchangeFault;
import org.goldensdk.exchange.soap.ExchangePortType;
import org.goldensdk.exchange.soap.ExchangeService;
import org.goldensdk.exchange.soap.Pull;
import org.goldensdk.exchange.soap.PullResponse;
import org.goldensdk.exchange.soap.Respond;
import org.goldensdk.exchange.soap.Submit;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One envelope, two transports: a message sent over REST or SOAP is pulled over SOAP (SOAP 1.2
 * port) by a receiver that verifies the sender's signature made once, before either crossing, and
 * acknowledges with its own signed receipts; a request sent over SOAP or REST is answered by a
 * provider pulling over SOAP, and the requester gets the verified, bound response.
 */
class SoapRoundTripTest extends EndToEndFixture {
    private static Sandbox sandbox;

    @BeforeAll
    static void startHub() {
        sandbox = sandboxWithStatusRequests();
    }

    @AfterAll
    static void stopHub() {
        sandbox.close();
    }

    @Test
    void restToSoapDeliversWithEveryReceipt() throws Exception {
        deliversThroughASoapPuller(Transport.REST, "rest-to-soap");
    }

    @Test
    void soapToSoapDeliversWithEveryReceipt() throws Exception {
        deliversThroughASoapPuller(Transport.SOAP, "soap-to-soap");
    }

    @Test
    void aSoapRequestIsAnsweredByASoapProvider() throws Exception {
        answeredByASoapProvider(Transport.SOAP, "soap-request");
    }

    @Test
    void aRestRequestIsAnsweredByASoapProvider() throws Exception {
        answeredByASoapProvider(Transport.REST, "rest-request");
    }

    @Test
    void aSoapPullCarriesTheAttachmentsAsPartsThatVerifyAgainstTheManifest() throws Exception {
        byte[] ledger = new byte[2 * 1024 * 1024 + 5];
        new java.util.Random(5).nextBytes(ledger);
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        ExchangeClient tax = client(TestDepartment.TAX, Transport.SOAP, "soap-pull-attachment", receipts);
        MessageId sent = tax.send(Message.to(TestDepartment.CUSTOMS.partyId()).service(COMPANY_STATUS)
                .json(java.util.Map.of("creditCode", "91420100MA4K00002Y")).attach("ledger.bin", "application/octet-stream",
                        Content.of(ledger)).build());

        ExchangePortType customs = soapPort(TestDepartment.CUSTOMS.credentials());
        Delivery pulled = pullUntilFound(customs, TestDepartment.CUSTOMS, "message");

        assertThat(verifier().verify(pulled.envelope()).messageId()).isEqualTo(sent);
        assertThat(pulled.attachments()).hasSize(1);
        try (InputStream in = verifier().attachment(pulled.envelope(), 0, pulled.attachments().get(0).open())) {
            assertThat(in.readAllBytes()).isEqualTo(ledger);
        }
        customs.acknowledge(SoapMessages.acknowledge(List.of(
                receipt(pulled.envelope(), ReceiptState.DELIVERED), receipt(pulled.envelope(), ReceiptState.PROCESSED))));
        await().atMost(HANG_GUARD).until(() -> statesOf(receipts, sent).contains(ReceiptState.PROCESSED));
    }

    @Test
    void aSubmittedPartOtherThanTheOneTheSignedManifestListsIsRefused() throws Exception {
        byte[] ledger = new byte[2 * 1024 * 1024];
        new java.util.Random(3).nextBytes(ledger);
        EnvelopeSealer sealer = EnvelopeSealer.builder().party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials()).build();
        try (SealedMessage sealed = sealer.seal(Message.to(TestDepartment.CUSTOMS.partyId()).service(COMPANY_STATUS)
                .json(java.util.Map.of("creditCode", "91420100MA4K00002Y"))
                .attach("ledger.bin", "application/octet-stream", Content.of(ledger)).build())) {
            Submit submit = new Submit();
            submit.setDelivery(SoapMessages.toSoap(Delivery.of(sealed)));
            ledger[4321] ^= 1;
            java.nio.file.Path tampered = java.nio.file.Files.write(stores.resolve("tampered-ledger.bin"), ledger);
            submit.getDelivery().getAttachment().set(0, new DataHandler(new FileDataSource(tampered.toFile())));

            assertThatThrownBy(() -> soapPort(TestDepartment.TAX.credentials()).submit(submit))
                    .isInstanceOfSatisfying(ExchangeFault.class, fault -> assertThat(fault.getFaultInfo().getCode())
                            .isEqualTo("E_SIGNATURE"));
        }
    }

    private void deliversThroughASoapPuller(Transport senderTransport, String name) throws Exception {
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        ExchangeClient tax = client(TestDepartment.TAX, senderTransport, name, receipts);
        MessageId sent = tax.send(status("91420100MA4K00002Y"));

        ExchangePortType customs = soapPort(TestDepartment.CUSTOMS.credentials());
        Delivery pulled = pullUntilFound(customs, TestDepartment.CUSTOMS, "message");
        EnvelopeHeader header = verifier().verify(pulled.envelope());
        assertThat(header.messageId()).isEqualTo(sent);
        assertThat(header.sender()).isEqualTo(TestDepartment.TAX.partyId());
        assertThat(new String(verifiedPayload(pulled), StandardCharsets.UTF_8)).contains("91420100MA4K00002Y");

        customs.acknowledge(SoapMessages.acknowledge(List.of(
                receipt(pulled.envelope(), ReceiptState.DELIVERED), receipt(pulled.envelope(), ReceiptState.PROCESSED))));

        await().atMost(HANG_GUARD).until(() -> statesOf(receipts, sent).size() == 3);
        assertThat(statesOf(receipts, sent)).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED, ReceiptState.PROCESSED);
    }

    private void answeredByASoapProvider(Transport requesterTransport, String name) throws Exception {
        ExchangeClient customs = client(TestDepartment.CUSTOMS, requesterTransport, name, new CopyOnWriteArrayList<>());
        ExchangePortType tax = soapPort(TestDepartment.TAX.credentials());
        CompletableFuture<Response<CompanyStatus>> asked = CompletableFuture.supplyAsync(() -> customs.request(
                TestDepartment.TAX.partyId(), AccessRight.TAX_COMPANY_STATUS, new StatusQuery("91420100MA4K00002Y"), CompanyStatus.class,
                Duration.ofSeconds(30)));

        Delivery request = pullUntilFound(tax, TestDepartment.TAX, "request");
        EnvelopeHeader question = verifier().verify(request.envelope());
        EnvelopeSealer sealer = EnvelopeSealer.builder().party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials()).build();
        try (SealedMessage response = sealer.seal(Message.to(question.sender()).service(question.service())
                .json(new CompanyStatus("91420100MA4K00002Y", "active")).replyTo(question.messageId())
                .conversation(question.conversationId()).property(Response.REQUEST_DIGEST_PROPERTY,
                        request.envelope().digest().toString()).build())) {
            Respond respond = new Respond();
            respond.setDelivery(SoapMessages.toSoap(Delivery.of(response)));
            tax.respond(respond);
        }

        Response<CompanyStatus> answer = asked.orTimeout(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(answer.body()).isEqualTo(new CompanyStatus("91420100MA4K00002Y", "active"));
        assertThat(answer.header().sender()).isEqualTo(TestDepartment.TAX.partyId());
    }

    private ExchangeClient client(TestDepartment department, Transport transport, String name, List<Receipt> receipts) {
        return client(sandbox, department, transport, stores.resolve(name), receipts);
    }

    /** A vendor's SOAP 1.2 port generated from the WSDL, signing with the department's INTL certificate. */
    private static ExchangePortType soapPort(DepartmentCredentials credentials) {
        return SoapClients.configure(new ExchangeService().getExchangeSoap12Port(),
                sandbox.hubUri().resolve("exchange/soap12/v1").toString(), TlsConfig.of(credentials, sandbox.trustAnchors()),
                SoapSecurity.signWith(credentials).signPartsByReference(), 30_000);
    }

    private static Delivery pullUntilFound(ExchangePortType port, TestDepartment owner, String kind) {
        Pull pull = new Pull();
        pull.setParty(owner.partyId().toString());
        pull.setWaitSeconds("2");
        Instant deadline = Instant.now().plus(HANG_GUARD);
        while (Instant.now().isBefore(deadline)) {
            try {
                PullResponse pulled = port.pull(pull);
                if (pulled.getDelivery() != null) {
                    assertThat(pulled.getKind()).isEqualTo(kind);
                    return SoapMessages.fromSoap(pulled.getDelivery(), EnvelopeCodec.MAX_ENCODED_BYTES * 16);
                }
            } catch (org.goldensdk.exchange.soap.ExchangeFault e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("nothing arrived for " + owner);
    }

    private static EnvelopeVerifier verifier() {
        return EnvelopeVerifier.builder().trustAnchors(sandbox.trustAnchors()).build();
    }

    private static byte[] verifiedPayload(Delivery delivery) {
        try (InputStream in = verifier().payload(delivery.envelope(), delivery.payload().open())) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Receipt receipt(Envelope envelope, ReceiptState state) {
        return Receipt.issue(envelope, state, TestDepartment.CUSTOMS.partyId(),
                TestDepartment.CUSTOMS.credentials().signer(CryptoSuite.GM), Instant.now(), null, null);
    }
}
