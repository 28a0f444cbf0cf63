package org.goldensdk.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.cxf.GoldenServer;
import org.goldensdk.cxf.RestApi;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An envelope altered after the hub — by something on the path between the hub and customs — is
 * refused by customs' endpoint, which verifies what it receives itself and never trusts the hub.
 * The relay below sits where the hub pushes customs' messages and rewrites each delivery.
 */
@ExtendWith(SandboxExtension.class)
class AlteredAfterHubTest extends EndToEndFixture {

    /** Receives the hub's push, rewrites it, forwards it to the real endpoint and answers what it said. */
    @Path("deliveries")
    public static final class RewritingRelay {
        private final HttpTransport onward;
        private final UnaryOperator<String> rewrite;
        final List<Integer> answers = new CopyOnWriteArrayList<>();

        RewritingRelay(HttpTransport onward, UnaryOperator<String> rewrite) {
            this.onward = onward;
            this.rewrite = rewrite;
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response relay(String delivery) {
            HttpRequest forward = HttpRequest.builder("POST", "deliveries")
                    .body(HttpBody.of(rewrite.apply(delivery).getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json"))
                    .build();
            try (HttpResponse answer = onward.execute(forward)) {
                answers.add(answer.status());
                return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.bodyBytes()).build();
            } catch (GoldenException refused) {
                int status = refused.remote().map(r -> r.status()).orElse(502);
                answers.add(status);
                return Response.status(status).type("application/problem+json")
                        .entity("{\"status\":" + status + ",\"code\":\"" + refused.code().wireCode() + "\"}").build();
            }
        }
    }

    private void sendThrough(Sandbox sandbox, UnaryOperator<String> rewrite) {
        Customs customs = customs(sandbox, stores.resolve("customs"));
        HttpTransport onward = HttpTransport.builder().baseUri(customs.endpoint().uri())
                .tls(TlsConfig.of(TestDepartment.EXCHANGE_PLATFORM.credentials(), sandbox.trustAnchors()))
                .retryPolicy(RetryPolicy.none()).build();
        RewritingRelay relay = new RewritingRelay(onward, rewrite);
        GoldenServer server = GoldenServer.builder().host("127.0.0.1").port(0)
                .tls(TlsConfig.of(TestDepartment.AUDIT.credentials(), sandbox.trustAnchors()))
                .api("/relay", RestApi.of(relay)).start();
        addCloseable(onward);
        addCloseable(server);
        sandbox.registerEndpoint(TestDepartment.CUSTOMS.partyId(), URI.create(server.uri() + "relay/"));

        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        MessageId id = tax(sandbox, stores.resolve("tax"), receipts).send(status("91420100MA4K00002Y"));

        await().atMost(Duration.ofSeconds(20)).until(() -> relay.answers.size() >= 1);
        assertThat(relay.answers.get(0)).isEqualTo(400);
        assertThat(customs.handledTimes(id)).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> statesOf(receipts, id).contains(ReceiptState.ACCEPTED));
        assertThat(statesOf(receipts, id)).containsExactly(ReceiptState.ACCEPTED);
    }

    @Test
    void aPayloadRewrittenAfterTheHubIsRefusedByTheEndpoint(Sandbox sandbox) {
        // The payload is base64 JSON; replace it with another well-formed payload.
        sendThrough(sandbox, delivery -> delivery.replaceFirst("\"payload\":\"[^\"]*\"",
                "\"payload\":\"" + java.util.Base64.getEncoder().encodeToString(
                        "{\"creditCode\":\"91420100MA4K00002Y\",\"status\":\"revoked\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\""));
    }

    @Test
    void aHeaderRewrittenAfterTheHubIsRefusedByTheEndpoint(Sandbox sandbox) {
        sendThrough(sandbox, delivery -> delivery.replace("\"classification\":\"INTERNAL\"", "\"classification\":\"PUBLIC\""));
    }
}
