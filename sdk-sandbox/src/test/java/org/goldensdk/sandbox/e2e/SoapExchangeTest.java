package org.goldensdk.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.ServerSocket;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.Transport;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    @ValueSource(strings = {"file", "ssrf", "parameter-entity", "billion-laughs", "quadratic", "deep", "attributes", "xinclude"})
    void hostileXmlIsAFaultWithOurCode(String attack) throws Exception {
        try (ServerSocket trap = new ServerSocket(0)) {
            trap.setSoTimeout(1);
            Path secret = Files.writeString(stores.resolve("secret-" + attack + ".txt"), "TOP-SECRET-CONTENT");
            String body = hostile(attack, secret.toUri().toString(), "http://127.0.0.1:" + trap.getLocalPort() + "/x");
            HttpResponse<String> answer = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> post(body));
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).contains("urn:goldensdk:error:1").doesNotContain("TOP-SECRET-CONTENT");
            assertThat(code(answer.body())).isIn("E_MALFORMED_INPUT", "E_AUTHENTICATION", "E_PAYLOAD_TOO_LARGE");
            AtomicBoolean connected = new AtomicBoolean();
            try {
                trap.accept().close();
                connected.set(true);
            } catch (java.net.SocketTimeoutException expected) {
                // nobody connected to the trap
            }
            assertThat(connected).as("the hub connected out").isFalse();
        }
    }

    @Test
    void anOversizedBodyIsRefusedByItsLength() throws Exception {
        byte[] huge = new byte[17 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> answer = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> https.send(
                HttpRequest.newBuilder(sandbox.hubUri().resolve("exchange/soap/v1"))
                        // the hub refuses by Content-Length before reading: without 100-continue the
                        // client may still be writing when the hub closes, and sees a reset, not the fault
                        .expectContinue(true)
                        .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertThat(code(answer.body())).isEqualTo("E_PAYLOAD_TOO_LARGE");
    }

    @Test
    void anUnsignedRequestIsRefusedBeforeTheHub() throws Exception {
        HttpResponse<String> answer = post(envelope("<s:Body><x:GetReceipts xmlns:x=\"urn:goldensdk:exchange:service:1\"/></s:Body>", ""));
        assertThat(code(answer.body())).isEqualTo("E_AUTHENTICATION");
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

    private static String hostile(String attack, String file, String url) {
        String body = "<s:Body><x:GetReceipts xmlns:x=\"urn:goldensdk:exchange:service:1\"><x:After>&e;</x:After></x:GetReceipts></s:Body>";
        return switch (attack) {
            case "file" -> envelope(body, "<!DOCTYPE s:Envelope [<!ENTITY e SYSTEM \"" + file + "\">]>");
            case "ssrf" -> envelope(body, "<!DOCTYPE s:Envelope SYSTEM \"" + url + "\">");
            case "parameter-entity" -> envelope(body, "<!DOCTYPE s:Envelope [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>");
            case "billion-laughs" -> envelope(body, "<!DOCTYPE s:Envelope [<!ENTITY a \"lol\">"
                    + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                    + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>");
            case "quadratic" -> envelope(body.replace("&e;", "&e;".repeat(20_000)),
                    "<!DOCTYPE s:Envelope [<!ENTITY e \"" + "x".repeat(50_000) + "\">]>");
            case "deep" -> envelope("<s:Body>" + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</s:Body>", "");
            case "attributes" -> {
                StringBuilder attributes = new StringBuilder();
                for (int i = 0; i < 100_000; i++) {
                    attributes.append(" a").append(i).append("=\"1\"");
                }
                yield envelope("<s:Body><x:GetReceipts xmlns:x=\"urn:goldensdk:exchange:service:1\"" + attributes + "/></s:Body>", "");
            }
            case "xinclude" -> envelope("<s:Body><x:GetReceipts xmlns:x=\"urn:goldensdk:exchange:service:1\"><x:After>"
                    + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + file + "\" parse=\"text\"/>"
                    + "</x:After></x:GetReceipts></s:Body>", "");
            default -> throw new IllegalArgumentException(attack);
        };
    }

    private static String envelope(String body, String doctype) {
        return "<?xml version=\"1.0\"?>" + doctype + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">" + body
                + "</s:Envelope>";
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

    private static String code(String fault) {
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("<[a-zA-Z0-9]+:Code[^>]*>(E_[A-Z_]+)<").matcher(fault);
        return code.find() ? code.group(1) : fault;
    }
}
