package org.goldensdk.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;

/**
 * A stand-in for the exchange hub: WireMock over HTTPS requiring a client certificate from the
 * platform CA, serving with EXCHANGE_PLATFORM's INTL key. Submissions are answered with ACCEPTED
 * receipts really signed by the platform's GM key; receipt pages are whatever the test serves.
 */
final class HubPeer implements AutoCloseable {
    static final TestDepartment HUB = TestDepartment.EXCHANGE_PLATFORM;
    private static final String PASSWORD = "hub-peer";
    private static final String MESSAGES = "/exchange/v1/messages";
    private static final String RECEIPTS = "/exchange/v1/receipts";
    private static final String ATTACHMENTS = "/exchange/v1/attachments/";
    private static final JsonCodec JSON = JsonCodec.of();

    private final WireMockServer server;
    private final Clock clock;

    HubPeer(Path directory, Clock clock) throws Exception {
        this.clock = clock;
        DepartmentCredentials platform = HUB.credentials();
        KeyStore keyStore = emptyStore();
        keyStore.setKeyEntry("hub", platform.intlPrivateKey(), PASSWORD.toCharArray(),
                platform.intlCertificateChain().toArray(Certificate[]::new));
        KeyStore trustStore = emptyStore();
        int index = 0;
        for (X509Certificate anchor : TestCredentials.trustAnchors().certificates()) {
            if (CryptoSuite.of(anchor) == CryptoSuite.INTL) {
                trustStore.setCertificateEntry("anchor-" + index++, anchor);
            }
        }
        server = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(save(keyStore, directory.resolve("hub-key.p12")).toString()).keystoreType("PKCS12")
                .keystorePassword(PASSWORD).keyManagerPassword(PASSWORD)
                .needClientAuth(true)
                .trustStorePath(save(trustStore, directory.resolve("hub-trust.p12")).toString()).trustStoreType("PKCS12")
                .trustStorePassword(PASSWORD)
                .extensions(new AcceptingHub()));
        server.start();
        serveReceipts();
        // Attachments are uploaded before the envelope; the hub stores them (204), as the real one does.
        server.stubFor(put(urlPathMatching(ATTACHMENTS + ".+")).willReturn(aResponse().withStatus(204)));
    }

    URI uri() {
        return URI.create("https://localhost:" + server.httpsPort() + "/");
    }

    WireMockServer server() {
        return server;
    }

    /** Every submission is answered 202 with the hub's signed ACCEPTED receipt. */
    void acceptSubmissions() {
        server.stubFor(post(urlEqualTo(MESSAGES)).willReturn(accepting()));
    }

    static ResponseDefinitionBuilder accepting() {
        return aResponse().withTransformers(AcceptingHub.NAME);
    }

    static ResponseDefinitionBuilder problem(int status, String code, String detail) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":" + status + ",\"code\":\"" + code + "\",\"detail\":\"" + detail + "\"}");
    }

    /** The deliveries the hub received, oldest first. */
    List<Delivery> submissions() {
        return server.findAll(postRequestedFor(urlEqualTo(MESSAGES))).stream()
                .map(request -> EnvelopeCodec.json().decodeDelivery(new ByteArrayInputStream(request.getBody()), 1 << 24))
                .toList();
    }

    /** The envelope of the last submission of {@code id}. */
    Envelope envelopeOf(MessageId id) {
        return submissions().stream().map(Delivery::envelope).filter(e -> e.header().messageId().equals(id))
                .reduce((first, second) -> second).orElseThrow();
    }

    /** Serves {@code receipts} as the feed, at positions 1..n; any cursor 0..n gets what follows it. */
    void serveReceipts(Receipt... receipts) {
        for (int after = 0; after <= receipts.length; after++) {
            ObjectNode page = JsonNodeFactory.instance.objectNode();
            ArrayNode entries = page.putArray("receipts");
            for (int position = after + 1; position <= receipts.length; position++) {
                ObjectNode entry = entries.addObject();
                entry.put("position", Integer.toString(position));
                entry.set("receipt", JSON.readTree(EnvelopeCodec.json().encode(receipts[position - 1])));
            }
            page.put("last", Integer.toString(receipts.length));
            server.stubFor(get(urlPathEqualTo(RECEIPTS)).withQueryParam("after", equalTo(Integer.toString(after)))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(JSON.write(page))));
        }
    }

    /** A receipt by the hub, signed with the platform's GM key. */
    Receipt byHub(Envelope envelope, ReceiptState state) {
        return Receipt.issue(envelope, state, HUB.partyId(), HUB.credentials().signer(CryptoSuite.GM), clock.instant(),
                null, null);
    }

    /** A receipt issued as {@code issuer} but signed with {@code signer}'s key. */
    Receipt signed(Envelope envelope, ReceiptState state, TestDepartment issuer, TestDepartment signer) {
        return Receipt.issue(envelope, state, issuer.partyId(), signer.credentials().signer(CryptoSuite.GM),
                clock.instant(), null, null);
    }

    @Override
    public void close() {
        server.stop();
    }

    private static KeyStore emptyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static Path save(KeyStore store, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    /** Answers a submission as the hub does: 202 with its ACCEPTED receipt for the envelope. */
    private final class AcceptingHub implements ResponseDefinitionTransformerV2 {
        static final String NAME = "accepting-hub";

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Delivery delivery = EnvelopeCodec.json().decodeDelivery(
                    new ByteArrayInputStream(event.getRequest().getBody()), 1 << 24);
            Receipt accepted = byHub(delivery.envelope(), ReceiptState.ACCEPTED);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(202)
                    .withHeader("Content-Type", "application/json").withBody(EnvelopeCodec.json().encode(accepted))
                    .build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
