package org.goldensdk.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.testkit.TestDepartment;

/**
 * Plays the hub in endpoint tests: core's HttpTransport over mutual TLS with a department's INTL
 * key (the platform's, unless a test wants an impostor), no retries, POSTing Delivery JSON.
 */
final class HubCaller implements AutoCloseable {
    private static final JsonCodec JSON = JsonCodec.of();

    private final HttpTransport transport;

    private HubCaller(HttpTransport transport) {
        this.transport = transport;
    }

    /** A caller presenting {@code department}'s INTL certificate, or none when null. */
    static HubCaller as(TestDepartment department, URI endpoint) {
        DepartmentCredentials server = TestDepartment.CUSTOMS.credentials();
        List<X509Certificate> serverChain = server.intlCertificateChain();
        TlsConfig.Builder tls = TlsConfig.builder().trustAnchors(List.of(serverChain.get(serverChain.size() - 1)));
        if (department != null) {
            DepartmentCredentials client = department.credentials();
            tls.clientKey(client.intlPrivateKey(), client.intlCertificateChain().toArray(new X509Certificate[0]));
        }
        return new HubCaller(HttpTransport.builder().baseUri(endpoint).tls(tls.build()).retryPolicy(RetryPolicy.none()).build());
    }

    /** The hub: EXCHANGE_PLATFORM's INTL credentials. */
    static HubCaller hub(URI endpoint) {
        return as(TestDepartment.EXCHANGE_PLATFORM, endpoint);
    }

    /** POSTs the delivery of {@code sealed}; returns the receipts answered, undecoded problems thrown typed. */
    List<Receipt> deliver(SealedMessage sealed) {
        return deliver(EnvelopeCodec.json().encode(Delivery.of(sealed)));
    }

    /** POSTs a raw delivery body; returns the receipts answered. */
    List<Receipt> deliver(byte[] body) {
        HttpRequest request = HttpRequest.builder("POST", "deliveries").body(HttpBody.of(body, "application/json")).build();
        try (HttpResponse response = transport.execute(request)) {
            JsonNode answer = JSON.readTree(response.bodyBytes());
            List<Receipt> receipts = new ArrayList<>();
            for (JsonNode receipt : answer.get("receipts")) {
                receipts.add(EnvelopeCodec.json().decodeReceipt(JSON.write(receipt)));
            }
            return receipts;
        }
    }

    /** The delivery JSON of {@code sealed} as a tree, to tamper with. */
    static ObjectNode tree(SealedMessage sealed) {
        return (ObjectNode) JSON.readTree(EnvelopeCodec.json().encode(Delivery.of(sealed)));
    }

    /** A tree back to bytes. */
    static byte[] bytes(JsonNode tree) {
        return JSON.write(tree);
    }

    @Override
    public void close() {
        transport.close();
    }
}
