package org.goldensdk.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.Transport;
import org.goldensdk.sandbox.HostileSoap;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The hub's SOAP service beside REST on one port: a SOAP sender reaches a REST receiver with every
 * receipt; {@code ?wsdl} serves the repository's WSDL byte for byte; hostile XML is answered with
 * a SOAP fault carrying the SDK's code, quickly, without reading local files or connecting out.
 */
class SoapExchangeTest extends EndToEndFixture {
    private static Sandbox sandbox;
    private static HttpClient https;

    @BeforeAll
    static void startHub() {
        sandbox = Sandbox.builder().defaultRights().start();
        https = HttpClient.newBuilder().sslContext(TlsConfig.of(TestDepartment.TAX.credentials(), sandbox.trustAnchors())
                .sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopHub() {
        sandbox.close();
    }

    @Test
    void aSoapSenderReachesARestReceiverWithEveryReceipt() {
        Customs customs = customs(sandbox, stores.resolve("soap-customs"));
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        ExchangeClient tax = soapTax("soap-tax", receipts::add);

        MessageId processed = tax.send(status("91420100MA4K00002Y"));
        MessageId rejected = tax.send(status("unknown"));

        await().atMost(HANG_GUARD).until(() -> statesOf(receipts, processed).size() == 3 && statesOf(receipts, rejected).size() == 3);
        assertThat(statesOf(receipts, processed)).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED, ReceiptState.PROCESSED);
        assertThat(statesOf(receipts, rejected)).containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED, ReceiptState.REJECTED);
        assertThat(customs.handled()).containsExactlyInAnyOrder(processed, rejected);
        assertThat(customs.payloads()).anyMatch(payload -> payload.contains("91420100MA4K00002Y"));
    }

    @Test
    void aRefusalOverSoapIsTheSameTypedOutcomeAsOverRest() {
        List<org.goldensdk.exchange.DeadLetter> dead = new CopyOnWriteArrayList<>();
        ExchangeClient tax = soapTax("soap-refused", new org.goldensdk.exchange.ReceiptListener() {
            @Override
            public void onReceipt(Receipt receipt) {
            }

            @Override
            public void onDeadLetter(org.goldensdk.exchange.DeadLetter deadLetter) {
                dead.add(deadLetter);
            }
        });

        MessageId refused = tax.send(org.goldensdk.exchange.Message.to(TestDepartment.CUSTOMS.partyId()).service(NOT_ALLOWED)
                .json(java.util.Map.of("creditCode", "91420100MA4K00002Y")).build());

        await().atMost(HANG_GUARD).until(() -> !dead.isEmpty());
        assertThat(dead.get(0).messageId()).isEqualTo(refused);
        assertThat(dead.get(0).errorCode()).isEqualTo("E_ACCESS_DENIED");
    }

    @Test
    void wsdlIsExactlyTheContractInTheRepository() throws Exception {
        Path docs = Path.of("..", "docs", "exchange");
        for (String port : List.of("exchange/soap/v1", "exchange/soap12/v1")) {
            assertThat(get(port + "?wsdl")).isEqualTo(Files.readAllBytes(docs.resolve("exchange-service.wsdl")));
            assertThat(get(port + "?xsd=envelope-1.xsd")).isEqualTo(Files.readAllBytes(Path.of("..", "sdk-exchange", "src", "main",
                    "resources", "org", "goldensdk", "exchange", "xsd", "envelope-1.xsd")));
        }
    }

    @ParameterizedTest
    @FieldSource("org.goldensdk.sandbox.HostileSoap#ATTACKS")
    void hostileXmlIsAFaultWithOurCode(String attack) throws Exception {
        HostileSoap.assertRefusedSafely(attack, stores, "urn:goldensdk:exchange:service:1", "GetReceipts", "After",
                SoapExchangeTest::post);
    }

    @Test
    void anOversizedBodyIsRefusedByItsLengthBeforeAnyOfItIsRead() throws Exception {
        // Only the request head is written, announcing 17 MiB: the refusal must come without the body.
        URI hub = sandbox.hubUri();
        String head = "POST " + hub.resolve("exchange/soap/v1").getRawPath() + " HTTP/1.1\r\nHost: " + hub.getHost() + ":"
                + hub.getPort() + "\r\nContent-Type: text/xml; charset=UTF-8\r\nSOAPAction: \"\"\r\nContent-Length: "
                + 17 * 1024 * 1024 + "\r\n\r\n";
        String answer = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Socket socket = TlsConfig.of(TestDepartment.TAX.credentials(), sandbox.trustAnchors()).sslContext()
                    .getSocketFactory().createSocket(hub.getHost(), hub.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                return readUntil(socket.getInputStream(), "Envelope>");
            }
        });
        assertThat(answer).startsWith("HTTP/1.1 500"); // a SOAP 1.1 fault
        assertThat(HostileSoap.code(answer)).isEqualTo("E_PAYLOAD_TOO_LARGE");
    }

    /** What the peer sends until {@code end} appears or the connection closes. */
    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; !read.toString(StandardCharsets.UTF_8).contains(end) && (n = in.read(buffer)) > 0; ) {
            read.write(buffer, 0, n);
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnsignedRequestIsRefusedBeforeTheHub() throws Exception {
        HttpResponse<String> answer = post(HostileSoap.envelope("<s:Body><x:GetReceipts xmlns:x=\"urn:goldensdk:exchange:service:1\"/></s:Body>", ""));
        assertThat(HostileSoap.code(answer.body())).isEqualTo("E_AUTHENTICATION");
    }

    /** Tax sending over SOAP from its own outbox. */
    private ExchangeClient soapTax(String store, org.goldensdk.exchange.ReceiptListener listener) {
        ExchangeClient tax = ExchangeClient.builder()
                .hub(sandbox.hubUri())
                .hubParty(sandbox.hubParty())
                .party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials())
                .trustAnchors(sandbox.trustAnchors())
                .storeDirectory(stores.resolve(store))
                .transport(Transport.SOAP)
                .dispatchInterval(Duration.ofMillis(50))
                .receiptPollInterval(Duration.ofMillis(50))
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(50))
                        .maxBackoff(Duration.ofMillis(200)).build())
                .receiptListener(listener)
                .build();
        addCloseable(tax);
        return tax;
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return https.send(HttpRequest.newBuilder(sandbox.hubUri().resolve("exchange/soap/v1"))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"urn:goldensdk:exchange:service:1:GetReceipts\"")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] get(String path) throws Exception {
        HttpResponse<byte[]> answer = https.send(HttpRequest.newBuilder(sandbox.hubUri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8) + answer.headers().map()).isEqualTo(200);
        return answer.body();
    }
}
