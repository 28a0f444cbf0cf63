package org.goldensdk.sandbox.large;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.Transport;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.crash.CrashChild;
import org.goldensdk.testkit.SeededBytes;
import org.goldensdk.testkit.TestDepartment;

/**
 * The sender of {@link LargeAttachmentThroughHubTest}, in a JVM of its own: writes the attachment
 * from the seeded stream, sends it from tax to customs through the hub with an {@link ExchangeClient}
 * (the outbox keeps its own copy, so the generated file is deleted right after {@code send}) and
 * waits for the receiver's PROCESSED receipt, over the hub's REST API or its SOAP service (the
 * attachment then an MTOM part of the submission). Arguments: {@code --credentials DIR --hub URI
 * --work DIR --size BYTES --transport REST|SOAP --max-seconds N}. Exits 0 once PROCESSED arrived, 2 otherwise.
 */
public final class LargeAttachmentSender {
    static final String PROCESSED = "sender: PROCESSED receipt for ";

    private LargeAttachmentSender() {
    }

    public static void main(String[] args) throws Exception {
        CrashChild child = CrashChild.start(args);
        long size = Long.parseLong(child.option("size"));
        Path work = Path.of(child.option("work"));
        Path source = work.resolve("generated.bin");
        long start = System.nanoTime();
        try (InputStream seeded = new SeededBytes(LargeAttachmentChild.SEED, size)) {
            Files.copy(seeded, source);
        }
        start = lap("generated the attachment", start);
        CountDownLatch processed = new CountDownLatch(1);
        try (ExchangeClient tax = ExchangeClient.builder()
                .hub(URI.create(child.option("hub")))
                .transport(Transport.valueOf(child.option("transport")))
                .hubParty(TestDepartment.EXCHANGE_PLATFORM.partyId())
                .party(TestDepartment.TAX.partyId())
                .credentials(LargeAttachmentChild.credentials(child, TestDepartment.TAX))
                .trustAnchors(child.trustAnchors())
                .storeDirectory(work.resolve("tax-store"))
                .receiptPollInterval(Duration.ofMillis(500))
                .receiptListener(receipt -> {
                    CrashChild.log("sender: receipt " + receipt.state());
                    if (receipt.state() == ReceiptState.PROCESSED) {
                        processed.countDown();
                    }
                })
                .build()) {
            MessageId id = tax.send(Message.to(TestDepartment.CUSTOMS.partyId()).service(AccessRight.TAX_COMPANY_STATUS)
                    .json(Map.of("creditCode", "91420100MA4K00002Y", "note", "the ledger is attached"))
                    .attach("ledger.bin", "application/octet-stream", Content.of(source))
                    .build());
            Files.delete(source);
            start = lap("sealed and queued " + id + " (the outbox holds its copy)", start);
            if (!processed.await(Long.parseLong(child.option("max-seconds")), TimeUnit.SECONDS)) {
                CrashChild.log("sender: no PROCESSED receipt in time");
                System.exit(2);
            }
            lap("until the PROCESSED receipt", start);
            LargeAttachmentChild.logHeap();
            CrashChild.log(PROCESSED + id);
        }
        System.exit(0);
    }

    private static long lap(String step, long since) {
        long now = System.nanoTime();
        CrashChild.log("sender: " + step + " in " + (now - since) / 1_000_000 + " ms");
        return now;
    }
}
