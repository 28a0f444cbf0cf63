package org.goldensdk.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.VirtualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery that references its attachments by digest (as the hub sends every message): the
 * endpoint streams each from the hub ({@code GET /attachments/{digest}}, here a WireMock hub with
 * the platform's certificate) through the verifier into a file, and handles the message only if
 * every attachment matches its signed digest and the endpoint's size limits.
 */
class EndpointAttachmentTest {
    private static final String ATTACHMENTS = "/exchange/v1/attachments/";

    @TempDir
    Path directory;

    private HubPeer peer;

    @BeforeEach
    void start() throws Exception {
        ExchangeEndpointTest.CALLS.clear();
        ExchangeEndpointTest.ATTACHMENT_BYTES.clear();
        peer = new HubPeer(directory, VirtualScheduler.create().clock());
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    @Test
    void attachmentsReferencedByDigestAreFetchedFromTheHubVerifiedIntoFilesAndDeletedAfterTheHandler() throws Exception {
        try (SealedMessage sealed = ExchangeEndpointTest.seal(EnvelopeFixtures.message().build());
                ExchangeEndpoint endpoint = endpoint(AttachmentLimits.DEFAULTS);
                HubCaller hub = HubCaller.hub(endpoint.uri())) {
            serve(sealed, 0, sealed.attachments().get(0).readAllBytes());
            serve(sealed, 1, sealed.attachments().get(1).readAllBytes());

            List<Receipt> receipts = hub.deliver(withoutAttachments(sealed));

            assertThat(receipts).extracting(Receipt::state).containsExactly(ReceiptState.DELIVERED, ReceiptState.PROCESSED);
            assertThat(ExchangeEndpointTest.ATTACHMENT_BYTES).singleElement().satisfies(attachments -> {
                assertThat(attachments.get(0)).isEqualTo(sealed.attachments().get(0).readAllBytes());
                assertThat(attachments.get(1)).isEqualTo(sealed.attachments().get(1).readAllBytes());
            });
            assertThat(receivedFiles()).as("deleted once the handler returned").isEmpty();

            hub.deliver(withoutAttachments(sealed));
            assertThat(peer.server().findAll(getRequestedFor(urlPathMatching(ATTACHMENTS + ".*"))))
                    .as("a redelivery of a handled message fetches nothing again").hasSize(2);
        }
    }

    @Test
    void anAttachmentNotMatchingItsSignedDigestIsRefusedAndNothingIsHandledOrLeftBehind() throws Exception {
        try (SealedMessage sealed = ExchangeEndpointTest.seal(EnvelopeFixtures.message().build());
                ExchangeEndpoint endpoint = endpoint(AttachmentLimits.DEFAULTS);
                HubCaller hub = HubCaller.hub(endpoint.uri())) {
            byte[] second = sealed.attachments().get(1).readAllBytes();
            byte[] tampered = Arrays.copyOf(second, second.length);
            tampered[tampered.length / 2] ^= 1;
            serve(sealed, 0, sealed.attachments().get(0).readAllBytes());
            serve(sealed, 1, tampered);

            assertThatThrownBy(() -> hub.deliver(withoutAttachments(sealed))).isInstanceOf(SignatureException.class);
            assertThat(ExchangeEndpointTest.CALLS).as("handler calls").isEmpty();
            assertThat(receivedFiles()).as("files of the refused message").isEmpty();

            serve(sealed, 1, second);
            assertThat(hub.deliver(withoutAttachments(sealed))).as("nothing was recorded: the good copy is handled")
                    .extracting(Receipt::state).containsExactly(ReceiptState.DELIVERED, ReceiptState.PROCESSED);
        }
    }

    @Test
    void anAttachmentBeyondTheEndpointsLimitIsRefusedBeforeAnythingIsFetched() throws Exception {
        try (SealedMessage sealed = ExchangeEndpointTest.seal(EnvelopeFixtures.message().build());
                ExchangeEndpoint endpoint = endpoint(new AttachmentLimits(8, 1L << 20));
                HubCaller hub = HubCaller.hub(endpoint.uri())) {
            assertThatThrownBy(() -> hub.deliver(withoutAttachments(sealed))).isInstanceOf(MalformedInputException.class)
                    .hasMessageContaining("limit per attachment");
            assertThat(peer.server().findAll(getRequestedFor(urlPathMatching(ATTACHMENTS + ".*")))).isEmpty();
            assertThat(ExchangeEndpointTest.CALLS).isEmpty();
        }
    }

    private ExchangeEndpoint endpoint(AttachmentLimits limits) {
        return ExchangeEndpointTest.builder().storeDirectory(directory.resolve("customs")).hub(peer.uri())
                .attachmentLimits(limits).listen("127.0.0.1", 0).build().start();
    }

    private void serve(SealedMessage sealed, int index, byte[] bytes) {
        DigestValue digest = sealed.envelope().header().attachments().get(index).digest();
        peer.server().stubFor(get(urlPathMatching(ATTACHMENTS + ".*" + digest.hex()))
                .willReturn(aResponse().withHeader("Content-Type", "application/octet-stream").withBody(bytes)));
    }

    private static byte[] withoutAttachments(SealedMessage sealed) {
        ObjectNode delivery = HubCaller.tree(sealed);
        delivery.remove("attachments");
        return HubCaller.bytes(delivery);
    }

    private List<Path> receivedFiles() throws Exception {
        Path received = directory.resolve("customs").resolve("attachments");
        if (!Files.exists(received)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(received)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
