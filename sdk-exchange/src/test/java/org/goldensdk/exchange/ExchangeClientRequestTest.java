package org.goldensdk.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.core.VirtualScheduler;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExchangeClient#request} against a WireMock hub that answers whatever the test makes it: the
 * client itself must refuse a response that is bound to another request, tampered with or signed by
 * someone else, and turn the hub's 504 into a typed timeout.
 */
@Timeout(60)
class ExchangeClientRequestTest {
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final String REQUESTS = "/exchange/v1/requests";
    private static final ServiceId STATUS = ServiceId.of("tax.company-status", 1);
    private static final JsonCodec JSON = JsonCodec.of();

    @TempDir
    Path dir;

    private final VirtualScheduler time = VirtualScheduler.startingAt(START);
    private HubPeer hub;
    private ExchangeClient customs;

    @BeforeEach
    void start() throws Exception {
        hub = new HubPeer(dir, time.clock());
        customs = ExchangeClient.builder().hub(hub.uri()).hubParty(HubPeer.HUB.partyId())
                .party(TestDepartment.CUSTOMS.partyId()).credentials(TestDepartment.CUSTOMS.credentials())
                .trustAnchors(TestCredentials.trustAnchors()).storeDirectory(dir.resolve("store")).scheduler(time)
                .requestTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        customs.close();
        hub.close();
    }

    @Test
    void aResponseBoundToAnotherRequestIsRefused() {
        answer(response(TestDepartment.TAX, otherRequest()));

        assertThatThrownBy(this::ask).isInstanceOf(SignatureException.class).hasMessageContaining("bound to another request");
    }

    @Test
    void aResponseWithATamperedPayloadOrHeaderIsRefused() {
        byte[] genuine = response(TestDepartment.TAX, otherRequest());
        ObjectNode payloadChanged = (ObjectNode) JSON.readTree(genuine);
        payloadChanged.put("payload", Base64.getEncoder().encodeToString("{\"status\":\"revoked\"}".getBytes(StandardCharsets.UTF_8)));
        answer(JSON.write(payloadChanged));
        assertThatThrownBy(this::ask).isInstanceOf(SignatureException.class);

        ObjectNode headerChanged = (ObjectNode) JSON.readTree(genuine);
        ((ObjectNode) headerChanged.get("envelope").get("header")).put("service", "tax.audit-report/1");
        answer(JSON.write(headerChanged));
        assertThatThrownBy(this::ask).isInstanceOf(SignatureException.class).hasMessageContaining("signature");
    }

    @Test
    void aResponseSignedByAnotherPartyThanTheProviderIsRefused() {
        answer(response(TestDepartment.SOCIAL_SECURITY, otherRequest()));

        assertThatThrownBy(this::ask).isInstanceOf(SignatureException.class).hasMessageContaining("not by the provider");
    }

    @Test
    void theHubsTimeoutBecomesATypedTimeoutNamingTheRequest() {
        hub.server().stubFor(post(urlEqualTo(REQUESTS)).willReturn(HubPeer.problem(504, "E_UNAVAILABLE",
                "CN/420100/11420100MB00000196/invoice did not answer in time")));

        assertThatThrownBy(this::ask).isInstanceOfSatisfying(RequestTimeoutException.class, timeout -> {
            Delivery sent = EnvelopeCodec.json().decodeDelivery(new ByteArrayInputStream(
                    hub.server().findAll(postRequestedFor(urlEqualTo(REQUESTS))).get(0).getBody()), 1 << 20);
            assertThat(timeout.requestId()).isEqualTo(sent.envelope().header().messageId());
            assertThat(timeout.isRetryable()).isFalse();
            assertThat(timeout.getMessage()).contains("a later answer is discarded");
        });
    }

    @Test
    void aTimeoutLongerThanTheClientsRequestTimeoutIsRefused() {
        assertThatThrownBy(() -> customs.request(TestDepartment.TAX.partyId(), STATUS, Map.of("creditCode", "x"), Map.class,
                Duration.ofMinutes(1))).isInstanceOf(ValidationException.class).hasMessageContaining("requestTimeout");
    }

    private Response<Map> ask() {
        return customs.request(TestDepartment.TAX.partyId(), STATUS, Map.of("creditCode", "91420100MA4K00002Y"), Map.class);
    }

    private void answer(byte[] delivery) {
        hub.server().stubFor(post(urlEqualTo(REQUESTS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(delivery)));
    }

    /** A request customs really made before: a response bound to it belongs to another request. */
    private Envelope otherRequest() {
        EnvelopeSealer sealer = EnvelopeSealer.builder().party(TestDepartment.CUSTOMS.partyId())
                .credentials(TestDepartment.CUSTOMS.credentials()).clock(time.clock()).build();
        try (SealedMessage request = sealer.seal(Message.to(TestDepartment.TAX.partyId()).service(STATUS)
                .json(Map.of("creditCode", "91420100MA4K00002Y")).build())) {
            return request.envelope();
        }
    }

    /** A response signed by {@code signer}, bound to {@code request}, as Delivery JSON. */
    private byte[] response(TestDepartment signer, Envelope request) {
        EnvelopeSealer sealer = EnvelopeSealer.builder().party(signer.partyId()).credentials(signer.credentials())
                .clock(time.clock()).build();
        try (SealedMessage response = sealer.seal(Message.to(TestDepartment.CUSTOMS.partyId()).service(STATUS)
                .json(Map.of("status", "normal")).replyTo(request.header().messageId())
                .property(Response.REQUEST_DIGEST_PROPERTY, request.digest().toString()).build())) {
            return EnvelopeCodec.json().encode(Delivery.of(response));
        }
    }
}
