package org.goldensdk.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.cxf.SoapClients;
import org.goldensdk.cxf.SoapSecurity;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.Response;
import org.goldensdk.exchange.SealedMessage;
import org.goldensdk.exchange.EnvelopeSealer;
import org.goldensdk.exchange.SoapMessages;
import org.goldensdk.exchange.Transport;
import org.goldensdk.exchange.soap.Deliver;
import org.goldensdk.exchange.soap.ExchangeFault;
import org.goldensdk.exchange.soap.ExchangeReceiverPortType;
import org.goldensdk.exchange.soap.ExchangeReceiverService;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub pushes over SOAP: customs' and tax's {@link ExchangeEndpoint}s serve the SOAP receiver
 * service beside REST and are registered with the hub as SOAP endpoints. A message sent over SOAP
 * or REST reaches customs' handler with every receipt back to the sender; a request sent over SOAP
 * or REST is answered by tax's request handler; and the endpoint refuses a SOAP caller that is not
 * the hub with the REST API's error code.
 */
class SoapPushTest extends EndToEndFixture {
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
    void soapToASoapEndpointDeliversWithEveryReceipt() {
        deliversToASoapEndpoint(Transport.SOAP, "soap-to-soap-endpoint");
    }

    @Test
    void restToASoapEndpointDeliversWithEveryReceipt() {
        deliversToASoapEndpoint(Transport.REST, "rest-to-soap-endpoint");
    }

    @Test
    void anAttachmentSentOverSoapReachesASoapEndpointAsAnMtomPartStreamedIntoAFile() throws Exception {
        byte[] ledger = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(ledger);
        java.nio.file.Path file = java.nio.file.Files.write(stores.resolve("ledger-for-soap-push.bin"), ledger);
        List<String> received = new CopyOnWriteArrayList<>();
        ExchangeEndpoint customs = ExchangeEndpoint.builder()
                .party(TestDepartment.CUSTOMS.partyId())
                .credentials(TestDepartment.CUSTOMS.credentials())
                .trustAnchors(sandbox.trustAnchors())
                .hubParty(sandbox.hubParty())
                .storeDirectory(stores.resolve("soap-attachment-customs"))
                .handle(COMPANY_STATUS, (message, context) -> {
                    Content attachment = message.attachments().get(0).content();
                    try (java.io.InputStream in = attachment.open()) {
                        received.add(attachment.file().isPresent() + " " + attachment.size() + " " + CryptoSuite.GM.digest(in));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return Outcome.processed();
                })
                .listen("127.0.0.1", 0)
                .soap(true)
                .build()
                .start();
        addCloseable(customs);
        sandbox.registerEndpoint(TestDepartment.CUSTOMS.partyId(), customs.soapUri(), Transport.SOAP);
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        ExchangeClient tax = client(TestDepartment.TAX, Transport.SOAP, "soap-attachment-tax", receipts);

        MessageId sent = tax.send(Message.to(TestDepartment.CUSTOMS.partyId()).service(COMPANY_STATUS)
                .json(java.util.Map.of("creditCode", "91420100MA4K00002Y", "status", "normal"))
                .attach("ledger.bin", "application/octet-stream", Content.of(file))
                .build());

        await().atMost(HANG_GUARD).until(() -> statesOf(receipts, sent).contains(ReceiptState.PROCESSED));
        assertThat(received).containsExactly("true " + ledger.length + " " + CryptoSuite.GM.digest(ledger));
    }

    @Test
    void aSoapRequestIsAnsweredByAProviderThePushReachesOverSoap() {
        answeredByASoapEndpoint(Transport.SOAP, "soap-request-to-soap-endpoint");
    }

    @Test
    void aRestRequestIsAnsweredByAProviderThePushReachesOverSoap() {
        answeredByASoapEndpoint(Transport.REST, "rest-request-to-soap-endpoint");
    }

    @Test
    void theSoapEndpointRefusesACallerOtherThanTheHub() {
        ExchangeEndpoint customs = soapEndpoint(TestDepartment.CUSTOMS, "customs-refusing", new CopyOnWriteArrayList<>());
        ExchangeReceiverPortType asTax = SoapClients.configure(new ExchangeReceiverService().getExchangeReceiverSoap11Port(),
                customs.soapUri().toString(), TlsConfig.of(TestDepartment.TAX.credentials(), sandbox.trustAnchors()),
                SoapSecurity.signWith(TestDepartment.TAX.credentials()).signPartsByReference(), 10_000);
        Deliver deliver = new Deliver();
        try (SealedMessage sealed = EnvelopeSealer.builder().party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials()).build().seal(status("91420100MA4K00002Y"))) {
            deliver.setDelivery(SoapMessages.toSoap(Delivery.of(sealed)));
        }

        assertThatThrownBy(() -> asTax.deliver(deliver)).isInstanceOfSatisfying(ExchangeFault.class,
                fault -> assertThat(fault.getFaultInfo().getCode()).isEqualTo("E_ACCESS_DENIED"));
    }

    private void deliversToASoapEndpoint(Transport senderTransport, String name) {
        List<String> payloads = new CopyOnWriteArrayList<>();
        ExchangeEndpoint customs = soapEndpoint(TestDepartment.CUSTOMS, name + "-customs", payloads);
        sandbox.registerEndpoint(TestDepartment.CUSTOMS.partyId(), customs.soapUri(), Transport.SOAP);
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        ExchangeClient tax = client(TestDepartment.TAX, senderTransport, name + "-tax", receipts);

        MessageId sent = tax.send(status("91420100MA4K00002Y"));

        await().atMost(HANG_GUARD).until(() -> statesOf(receipts, sent).size() == 3);
        assertThat(statesOf(receipts, sent)).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED, ReceiptState.PROCESSED);
        assertThat(receipts).filteredOn(receipt -> receipt.messageId().equals(sent) && receipt.state() == ReceiptState.DELIVERED)
                .extracting(Receipt::issuer).containsOnly(TestDepartment.CUSTOMS.partyId());
        assertThat(payloads).anySatisfy(payload -> assertThat(payload).contains("91420100MA4K00002Y"));
    }

    private void answeredByASoapEndpoint(Transport requesterTransport, String name) {
        ExchangeEndpoint tax = ExchangeEndpoint.builder()
                .party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials())
                .trustAnchors(sandbox.trustAnchors())
                .hubParty(sandbox.hubParty())
                .storeDirectory(stores.resolve(name + "-tax"))
                .respond(AccessRight.TAX_COMPANY_STATUS, (request, context) -> new CompanyStatus(
                        request.json(StatusQuery.class).creditCode(), "active"))
                .listen("127.0.0.1", 0)
                .soap(true)
                .build()
                .start();
        addCloseable(tax);
        sandbox.registerEndpoint(TestDepartment.TAX.partyId(), tax.soapUri(), Transport.SOAP);
        ExchangeClient customs = client(TestDepartment.CUSTOMS, requesterTransport, name + "-customs", new CopyOnWriteArrayList<>());

        Response<CompanyStatus> answer = customs.request(TestDepartment.TAX.partyId(), AccessRight.TAX_COMPANY_STATUS,
                new StatusQuery("91420100MA4K00002Y"), CompanyStatus.class, Duration.ofSeconds(30));

        assertThat(answer.body()).isEqualTo(new CompanyStatus("91420100MA4K00002Y", "active"));
        assertThat(answer.header().sender()).isEqualTo(TestDepartment.TAX.partyId());
    }

    private ExchangeEndpoint soapEndpoint(TestDepartment department, String name, List<String> payloads) {
        ExchangeEndpoint endpoint = ExchangeEndpoint.builder()
                .party(department.partyId())
                .credentials(department.credentials())
                .trustAnchors(sandbox.trustAnchors())
                .hubParty(sandbox.hubParty())
                .storeDirectory(stores.resolve(name))
                .handle(COMPANY_STATUS, (message, context) -> {
                    payloads.add(new String(message.bytes(), StandardCharsets.UTF_8));
                    return Outcome.processed();
                })
                .listen("127.0.0.1", 0)
                .soap(true)
                .build()
                .start();
        addCloseable(endpoint);
        return endpoint;
    }

    private ExchangeClient client(TestDepartment department, Transport transport, String name, List<Receipt> receipts) {
        return client(sandbox, department, transport, stores.resolve(name), receipts);
    }
}
