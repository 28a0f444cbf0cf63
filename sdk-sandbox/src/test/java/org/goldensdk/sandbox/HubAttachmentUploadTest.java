package org.goldensdk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.goldensdk.sandbox.HubCalls.as;
import static org.goldensdk.sandbox.HubCalls.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.core.VirtualScheduler;
import org.goldensdk.exchange.AttachmentInfo;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.SealedMessage;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attachments uploaded before their envelope: content-addressed, verified on arrival, limited in
 * size, retry-safe, and spooled to files named by their digest rather than stored in the database.
 */
@Timeout(60)
class HubAttachmentUploadTest {
    private static final long MAX_ATTACHMENT = 64 * 1024;

    @TempDir
    Path directory;

    private static final Duration UNLISTED_RETENTION = Duration.ofHours(6);

    private VirtualScheduler time;
    private Sandbox sandbox;
    private HttpTransport tax;
    private HttpTransport customs;

    @BeforeEach
    void start() {
        time = VirtualScheduler.startingAt(Instant.now());
        sandbox = Sandbox.builder().defaultRights().checkContract().databaseDirectory(directory).scheduler(time)
                .attachmentLimits(MAX_ATTACHMENT, 4 * MAX_ATTACHMENT).unlistedAttachmentRetention(UNLISTED_RETENTION)
                .start();
        tax = as(sandbox, TestDepartment.TAX.credentials());
        customs = as(sandbox, TestDepartment.CUSTOMS.credentials());
    }

    @AfterEach
    void stop() {
        List<String> violations = sandbox.contractViolations();
        tax.close();
        customs.close();
        sandbox.close();
        time.close();
        assertThat(violations).as("OpenAPI contract violations").isEmpty();
    }

    @Test
    void anAttachmentUploadedBeforeItsEnvelopeIsSpooledByDigestAndTravelsWithTheMessage() throws Exception {
        byte[] ledger = "company,amount\n91420100MA4K00002Y,1024.50\n".getBytes(StandardCharsets.UTF_8);
        try (SealedMessage sealed = withAttachment(ledger)) {
            DigestValue digest = sealed.envelope().header().attachments().get(0).digest();
            upload(tax, digest, ledger);
            upload(tax, digest, ledger);    // a retry after a lost answer: stored once

            assertThat(submit(tax, withoutAttachments(sealed)).status()).isEqualTo(202);

            Delivery pulled = pull();
            assertThat(pulled.envelope().header().attachments()).extracting(AttachmentInfo::digest).containsExactly(digest);
            assertThat(pulled.attachments()).as("attachments are fetched by digest, not carried").isEmpty();
            assertThat(download(customs, digest)).isEqualTo(ledger);
        }
        sandbox.close();
        try (Stream<Path> files = Files.list(directory.resolve("attachments"))) {
            assertThat(files.map(file -> file.getFileName().toString())).singleElement().asString()
                    .matches("SM3-[0-9a-f]{64}");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + directory.resolve("hub").toAbsolutePath(),
                "golden", ""); ResultSet parts = connection.createStatement()
                .executeQuery("SELECT COUNT(*) FROM hub_message_part WHERE part_index > 0")) {
            parts.next();
            assertThat(parts.getInt(1)).as("attachments stored as BLOBs").isZero();
        }
    }

    @Test
    void onlyTheReceiverOfAMessageListingAnAttachmentMayFetchIt() {
        byte[] ledger = "company,amount\n91420100MA4K00002Y,1.00\n".getBytes(StandardCharsets.UTF_8);
        try (SealedMessage sealed = withAttachment(ledger)) {
            DigestValue digest = sealed.envelope().header().attachments().get(0).digest();
            upload(tax, digest, ledger);

            assertThatThrownBy(() -> download(customs, digest)).as("uploaded, but no stored message lists it yet")
                    .isInstanceOf(NotFoundException.class);
            submit(tax, withoutAttachments(sealed));

            assertThatThrownBy(() -> download(tax, digest)).as("the uploader is not the receiver")
                    .isInstanceOf(NotFoundException.class);
            assertThat(download(customs, digest)).isEqualTo(ledger);
        }
    }

    @Test
    void anUploadNoMessageListsIsDeletedAfterTheRetentionAndAListedOneIsKept() {
        byte[] listed = "listed".getBytes(StandardCharsets.UTF_8);
        byte[] orphan = "never submitted".getBytes(StandardCharsets.UTF_8);
        try (SealedMessage sealed = withAttachment(listed)) {
            DigestValue listedDigest = sealed.envelope().header().attachments().get(0).digest();
            DigestValue orphanDigest = CryptoSuite.GM.digest(orphan);
            upload(tax, listedDigest, listed);
            upload(tax, orphanDigest, orphan);
            submit(tax, withoutAttachments(sealed));

            time.advance(UNLISTED_RETENTION.minusMinutes(1));
            assertThat(spooled()).as("within the retention").contains(file(listedDigest), file(orphanDigest));

            time.advance(Duration.ofHours(2)); // the hub looks every hour
            assertThat(spooled()).as("after the retention").contains(file(listedDigest)).doesNotContain(file(orphanDigest));
            assertThat(download(customs, listedDigest)).isEqualTo(listed);
        }
    }

    @Test
    void anUploadWhoseContentIsNotTheAnnouncedDigestIsRefusedAndNotKept() throws Exception {
        DigestValue announced = CryptoSuite.GM.digest("the real ledger".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> upload(tax, announced, "a forged ledger".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SignatureException.class);
        try (Stream<Path> files = Files.list(directory.resolve("attachments"))) {
            assertThat(files.filter(file -> file.getFileName().toString().startsWith("SM3-"))).isEmpty();
        }
    }

    @Test
    void anAttachmentOverThePerAttachmentLimitIsRefused() {
        byte[] large = new byte[(int) MAX_ATTACHMENT + 1];

        assertThatThrownBy(() -> upload(tax, CryptoSuite.GM.digest(large), large))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("limit");
    }

    @Test
    void anEnvelopeWhoseAttachmentWasNotUploadedIsRefused() {
        try (SealedMessage sealed = withAttachment("never uploaded".getBytes(StandardCharsets.UTF_8))) {
            assertThatThrownBy(() -> submit(tax, withoutAttachments(sealed))).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("was not uploaded");
        }
    }

    private static SealedMessage withAttachment(byte[] attachment) {
        return HubCalls.sealer(TestDepartment.TAX.partyId(), TestDepartment.TAX.credentials())
                .seal(Message.to(TestDepartment.CUSTOMS.partyId()).service(AccessRight.TAX_COMPANY_STATUS)
                        .bytes("application/json", "{}".getBytes(StandardCharsets.UTF_8))
                        .attach("ledger.csv", "text/csv", Content.of(attachment)).build());
    }

    private static byte[] withoutAttachments(SealedMessage sealed) {
        ObjectNode delivery = (ObjectNode) HubCalls.JSON.readTree(HubCalls.delivery(sealed));
        delivery.remove("attachments");
        return HubCalls.JSON.write(delivery);
    }

    private static void upload(HttpTransport caller, DigestValue digest, byte[] content) {
        caller.execute(HttpRequest.builder("PUT", "attachments/" + digest)
                .body(HttpBody.of(content, "application/octet-stream")).build()).close();
    }

    private static byte[] download(HttpTransport caller, DigestValue digest) {
        try (HttpResponse response = caller.open(HttpRequest.get("attachments/" + digest))) {
            return response.body().readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> spooled() {
        try (Stream<Path> files = Files.list(directory.resolve("attachments"))) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String file(DigestValue digest) {
        return digest.algorithmId() + "-" + digest.hex();
    }

    private Delivery pull() {
        try (HttpResponse response = customs.execute(HttpRequest.get("inbox?party="
                + URLEncoder.encode(TestDepartment.CUSTOMS.partyId().toString(), StandardCharsets.UTF_8)))) {
            return EnvelopeCodec.json().decodeDelivery(response.body(), 1 << 20);
        }
    }
}
