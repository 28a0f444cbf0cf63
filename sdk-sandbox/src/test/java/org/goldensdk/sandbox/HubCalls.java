package org.goldensdk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.goldensdk.core.CanonicalJson;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Signer;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.EnvelopeSealer;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.SealedMessage;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;

/** The client side of the hub tests: core's transport with a department's INTL credentials, and envelopes sealed or forged. */
final class HubCalls {
    static final JsonCodec JSON = JsonCodec.of();
    private static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator
            .createForSpecificationUrl(Path.of("../docs/exchange/openapi.yaml").toAbsolutePath().toUri().toString()).build();

    private HubCalls() {
    }

    /** A transport to the hub authenticated as {@code credentials}' party; no retries. */
    /** The INTL (P-256, RSA) roots among {@code anchors}: all JSSE can use. */
    static List<java.security.cert.X509Certificate> intlAnchors(org.goldensdk.core.TrustAnchors anchors) {
        return anchors.certificates().stream()
                .filter(anchor -> org.goldensdk.core.CryptoSuite.of(anchor) == org.goldensdk.core.CryptoSuite.INTL).toList();
    }

    static HttpTransport as(Sandbox sandbox, DepartmentCredentials credentials) {
        return transport(sandbox, TlsConfig.of(credentials, TestCredentials.trustAnchors()));
    }

    static HttpTransport transport(Sandbox sandbox, TlsConfig tls) {
        return HttpTransport.builder().baseUri(sandbox.hubUri().resolve("exchange/v1/")).tls(tls).retryPolicy(RetryPolicy.none()).build();
    }

    /** A message from {@code sender} sealed with its GM key. */
    static SealedMessage seal(TestDepartment sender, PartyId receiver, ServiceId service, String payload) {
        return sealer(sender.partyId(), sender.credentials()).seal(Message.to(receiver).service(service)
                .bytes("application/json", payload.getBytes(StandardCharsets.UTF_8)).build());
    }

    static EnvelopeSealer sealer(PartyId party, DepartmentCredentials credentials) {
        return EnvelopeSealer.builder().party(party).credentials(credentials).build();
    }

    /** The Delivery JSON of a sealed message. */
    static byte[] delivery(SealedMessage sealed) {
        return EnvelopeCodec.json().encode(Delivery.of(sealed));
    }

    /**
     * The delivery with its envelope header changed by {@code change}; re-signed by {@code signer}
     * over the changed header's canonical bytes when a signer is given, left with the old signature otherwise.
     */
    static byte[] forged(byte[] delivery, Consumer<ObjectNode> change, Signer signer) {
        ObjectNode root = (ObjectNode) JSON.readTree(delivery);
        ObjectNode envelope = (ObjectNode) root.get("envelope");
        ObjectNode header = (ObjectNode) envelope.get("header");
        change.accept(header);
        if (signer != null) {
            ObjectNode signature = (ObjectNode) envelope.get("signature");
            signature.put("value", Base64.getEncoder().encodeToString(signer.sign(CanonicalJson.of().canonicalize(header))));
            ArrayNode chain = signature.putArray("certificates");
            signer.certificateChain().forEach(c -> chain.add(Base64.getEncoder().encodeToString(Certificates.encoded(c))));
        }
        return JSON.write(root);
    }

    /** The delivery with its payload replaced. */
    static byte[] withPayload(byte[] delivery, byte[] payload) {
        ObjectNode root = (ObjectNode) JSON.readTree(delivery);
        root.put("payload", Base64.getEncoder().encodeToString(payload));
        return JSON.write(root);
    }

    /** Submits {@code body}; the answer is checked against the OpenAPI contract. */
    static Answer submit(HttpTransport transport, byte[] body) {
        try (HttpResponse response = transport.execute(HttpRequest.builder("POST", "messages")
                .body(HttpBody.of(body, "application/json")).build())) {
            byte[] answer = response.bodyBytes();
            conforms(SimpleRequest.Builder.post("/exchange/v1/messages").withContentType("application/json")
                    .withBody(new String(body, StandardCharsets.UTF_8)).build(), response.status(), answer);
            return new Answer(response.status(), answer);
        }
    }

    /** GETs {@code path} under the hub; the answer is checked against the OpenAPI contract. */
    static JsonNode get(HttpTransport transport, String path) {
        try (HttpResponse response = transport.execute(HttpRequest.get(path))) {
            byte[] answer = response.bodyBytes();
            String[] pathAndQuery = path.split("\\?", 2);
            SimpleRequest.Builder request = SimpleRequest.Builder.get("/exchange/v1/" + pathAndQuery[0]);
            if (pathAndQuery.length == 2) {
                for (String parameter : pathAndQuery[1].split("&")) {
                    String[] nameValue = parameter.split("=", 2);
                    request.withQueryParam(nameValue[0], nameValue[1]);
                }
            }
            conforms(request.build(), response.status(), answer);
            return JSON.readTree(answer);
        }
    }

    /** The receipts of a ReceiptPage, decoded. */
    static List<Receipt> receipts(JsonNode page) {
        List<Receipt> receipts = new ArrayList<>();
        page.get("receipts").forEach(item -> receipts.add(EnvelopeCodec.json().decodeReceipt(JSON.write(item.get("receipt")))));
        return receipts;
    }

    private static void conforms(Request request, int status, byte[] answer) {
        ValidationReport report = CONTRACT.validate(request, SimpleResponse.Builder.status(status)
                .withContentType("application/json").withBody(new String(answer, StandardCharsets.UTF_8)).build());
        assertThat(report.getMessages()).as("OpenAPI contract").isEmpty();
    }

    /** A successful answer of the hub. */
    record Answer(int status, byte[] body) {
        Receipt receipt() {
            return EnvelopeCodec.json().decodeReceipt(body);
        }
    }
}
