package org.goldensdk.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.exchange.Classification;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;

/**
 * SENSITIVE data end to end: the hub stores and forwards ciphertext it cannot read. The test reads
 * the hub's own H2 database afterwards — every stored envelope, part and receipt — and finds neither
 * the payload's nor the attachment's content, while customs' handler read both in clear.
 */
class SensitiveThroughHubTest extends EndToEndFixture {
    private static final String PAYLOAD_MARKER = "taxOwed-7314159.26";
    private static final String ATTACHMENT_MARKER = "ledger-row-4711-Wuhan";

    @Test
    void aSensitivePayloadIsUnreadableInTheHubsStorageAndReadableByTheReceiver() throws Exception {
        List<String> readByCustoms = new CopyOnWriteArrayList<>();
        MessageId id;
        try (Sandbox sandbox = Sandbox.builder().defaultRights().checkContract().databaseDirectory(stores.resolve("hub"))
                .start()) {
            ExchangeEndpoint customs = ExchangeEndpoint.builder()
                    .party(TestDepartment.CUSTOMS.partyId()).credentials(TestDepartment.CUSTOMS.credentials())
                    .trustAnchors(sandbox.trustAnchors()).hubParty(sandbox.hubParty())
                    .hub(sandbox.hubUri()) // pushed messages' attachments are fetched from the hub
                    .storeDirectory(stores.resolve("customs"))
                    .handle(COMPANY_STATUS, (message, context) -> {
                        readByCustoms.add(new String(message.bytes(), StandardCharsets.UTF_8));
                        readByCustoms.add(new String(message.attachments().get(0).content().readAllBytes(),
                                StandardCharsets.UTF_8));
                        return Outcome.processed();
                    })
                    .listen("127.0.0.1", 0).build().start();
            addCloseable(customs);
            sandbox.registerEndpoint(TestDepartment.CUSTOMS.partyId(), customs.uri());
            List<Receipt> receipts = new CopyOnWriteArrayList<>();
            ExchangeClient tax = tax(sandbox, stores.resolve("tax"), receipts);

            id = tax.send(Message.to(TestDepartment.CUSTOMS.partyId()).service(COMPANY_STATUS)
                    .json(Map.of("creditCode", "91420100MA4K00002Y", "note", PAYLOAD_MARKER))
                    .attach("ledger.csv", "text/csv", Content.of(("company,row\n" + ATTACHMENT_MARKER + "\n")
                            .getBytes(StandardCharsets.UTF_8)))
                    .classification(Classification.SENSITIVE)
                    .encryptFor(TestDepartment.CUSTOMS.credentials().encryptionCertificateChain(CryptoSuite.GM).get(0))
                    .build());
            await().atMost(HANG_GUARD).until(() -> statesOf(receipts, id).contains(ReceiptState.PROCESSED));
            assertThat(sandbox.contractViolations()).isEmpty();
        }
        assertThat(readByCustoms).anySatisfy(text -> assertThat(text).contains(PAYLOAD_MARKER))
                .anySatisfy(text -> assertThat(text).contains(ATTACHMENT_MARKER));
        assertThat(filesUnder(stores.resolve("tax").resolve("attachments")))
                .as("the sender's outbox files, once the hub accepted the message").isEmpty();
        assertThat(filesUnder(stores.resolve("customs").resolve("attachments")))
                .as("the receiver's files, once the handler returned").isEmpty();

        List<byte[]> stored = hubStorage(id);
        assertThat(stored).as("the message's envelope, payload and attachment file are stored").hasSizeGreaterThanOrEqualTo(3);
        for (byte[] bytes : stored) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain(PAYLOAD_MARKER).doesNotContain(ATTACHMENT_MARKER)
                    .doesNotContain("91420100MA4K00002Y");
        }
    }

    private static List<java.nio.file.Path> filesUnder(java.nio.file.Path directory) throws Exception {
        if (!java.nio.file.Files.exists(directory)) {
            return List.of();
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(directory)) {
            return files.filter(java.nio.file.Files::isRegularFile).toList();
        }
    }

    /**
     * Every stored byte of the hub about message {@code id}: its envelope, its payload and receipts
     * (database), and the attachment files of its spool.
     */
    private List<byte[]> hubStorage(MessageId id) throws Exception {
        List<byte[]> stored = new ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(stores.resolve("hub")
                .resolve("attachments"))) {
            for (java.nio.file.Path file : files.toList()) {
                stored.add(java.nio.file.Files.readAllBytes(file));
            }
        }
        String url = "jdbc:h2:file:" + stores.resolve("hub").resolve("hub").toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url, "golden", "");
                Statement statement = connection.createStatement()) {
            for (String query : List.of("SELECT envelope FROM hub_message WHERE message_id = '" + id + "'",
                    "SELECT content FROM hub_message_part WHERE message_id = '" + id + "'",
                    "SELECT receipt FROM hub_receipt WHERE message_id = '" + id + "'")) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    while (rows.next()) {
                        stored.add(rows.getBytes(1));
                    }
                }
            }
        }
        return stored;
    }
}
