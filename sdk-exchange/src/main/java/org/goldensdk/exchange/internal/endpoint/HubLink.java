package org.goldensdk.exchange.internal.endpoint;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.EnvelopeCodec;

/**
 * The endpoint's calls to its hub (docs/exchange/openapi.yaml), over mutual TLS with the party's
 * INTL credentials: long-polls the party's inbox ({@code GET inbox}) and hands the hub the receipts
 * the endpoint issued ({@code POST inbox/receipts}: the acknowledgement of a pulled message, or the
 * outcome of a pending one), and streams the attachments of its messages ({@code GET attachments/{digest}}).
 * Thread-safe.
 */
public final class HubLink implements AutoCloseable {
    private static final String INBOX = "exchange/v1/inbox";
    private static final String RESPONSES = "exchange/v1/responses";
    private static final String ATTACHMENTS = "exchange/v1/attachments/";
    /** The longest one attachment download may take; the read timeout catches a stalled one much sooner. */
    private static final Duration ATTACHMENT_CALL_TIMEOUT = Duration.ofHours(2);
    /** The header of a pulled delivery saying whether it is a {@code message} or a {@code request}. */
    public static final String KIND_HEADER = "Golden-Delivery-Kind";
    private static final EnvelopeCodec JSON = EnvelopeCodec.json();

    private final HttpTransport pulls;
    private final HttpTransport receipts;
    private final HttpTransport attachments;
    private final String party;
    private final Duration wait;
    private final long maxDeliveryBytes;

    /**
     * A link to {@code hub} as {@code party}, sending receipts under {@code retryPolicy}; a pull waits up to {@code wait} at the hub for a
     * message, and reads deliveries of at most {@code maxDeliveryBytes}.
     */
    public HubLink(URI hub, PartyId party, DepartmentCredentials credentials, TrustAnchors trustAnchors, Scheduler scheduler,
            RetryPolicy retryPolicy, Duration wait, long maxDeliveryBytes) {
        TlsConfig tls = TlsConfig.of(credentials, trustAnchors);
        // A long poll must outlast the hub's wait; the pull loop itself retries, so the transport does not.
        this.pulls = HttpTransport.builder().baseUri(hub).tls(tls).scheduler(scheduler).retryPolicy(RetryPolicy.none())
                .readTimeout(wait.plusSeconds(30)).callTimeout(wait.plusSeconds(60))
                .maxResponseBytes((int) Math.min(Integer.MAX_VALUE, maxDeliveryBytes)).build();
        this.receipts = HttpTransport.builder().baseUri(hub).tls(tls).scheduler(scheduler).retryPolicy(retryPolicy)
                .build();
        // Streamed: the response size limit is the attachment's signed size, enforced while verifying.
        this.attachments = HttpTransport.builder().baseUri(hub).tls(tls).scheduler(scheduler).retryPolicy(retryPolicy)
                .callTimeout(ATTACHMENT_CALL_TIMEOUT).maxResponseBytes(Integer.MAX_VALUE).build();
        this.party = URLEncoder.encode(party.toString(), StandardCharsets.UTF_8);
        this.wait = wait;
        this.maxDeliveryBytes = maxDeliveryBytes;
    }

    /**
     * The next message of the party's inbox, waiting at the hub up to the configured wait; empty
     * when none arrived meanwhile. The hub hides the message from other pulls until the visibility
     * timeout passes without an acknowledgement.
     *
     * @throws org.goldensdk.core.GoldenException the typed error of a refusal or a transport failure
     */
    public Optional<Pulled> pull() {
        HttpRequest request = HttpRequest.get(INBOX + "?party=" + party + "&wait=" + Math.max(0, wait.toSeconds()));
        try (HttpResponse response = pulls.execute(request)) {
            if (response.status() == 204) {
                return Optional.empty();
            }
            boolean isRequest = response.header(KIND_HEADER).filter("request"::equals).isPresent();
            return Optional.of(new Pulled(JSON.decodeDelivery(response.body(), maxDeliveryBytes), isRequest));
        }
    }

    /**
     * Streams the attachment {@code digest} of a message addressed to this party from the hub
     * ({@code GET attachments/{digest}}); the caller verifies and closes the stream.
     *
     * @throws org.goldensdk.core.NotFoundException if no message to this party lists it
     * @throws org.goldensdk.core.GoldenException the typed error of another refusal or a transport failure
     */
    public InputStream attachment(DigestValue digest) {
        HttpResponse response = attachments.open(HttpRequest.get(ATTACHMENTS + digest));
        return new FilterInputStream(response.body()) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    response.close();
                }
            }
        };
    }

    /** What a pull fetched: a message to handle and acknowledge, or a request to answer. */
    public record Pulled(Delivery delivery, boolean isRequest) {
    }

    /**
     * Answers a fetched request with the signed response (Delivery JSON); not retried, since the
     * caller waits with a deadline.
     *
     * @throws org.goldensdk.core.GoldenException the typed error of a refusal (e.g. 404 when the request timed out) or a transport failure
     */
    public void respond(byte[] response) {
        pulls.execute(HttpRequest.builder("POST", RESPONSES).body(HttpBody.of(response, "application/json")).build()).close();
    }

    /**
     * Hands the hub receipts this endpoint signed, as their JSON encodings; retried on transport
     * failures (the hub records each state once).
     *
     * @throws org.goldensdk.core.GoldenException the typed error of a refusal or a transport failure
     */
    public void send(List<String> signedReceipts) {
        byte[] body = ("{\"receipts\":[" + String.join(",", signedReceipts) + "]}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.builder("POST", INBOX + "/receipts").idempotent(true)
                .body(HttpBody.of(body, "application/json")).build();
        receipts.execute(request).close();
    }

    @Override
    public void close() {
        try {
            pulls.close();
        } finally {
            receipts.close();
            attachments.close();
        }
    }
}
