package org.goldensdk.sandbox.large;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DigestValue;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.crash.CrashChild;
import org.goldensdk.testkit.TestDepartment;

/**
 * The receiver of {@link LargeAttachmentThroughHubTest}, in a JVM of its own: pulls customs' inbox
 * with an {@link ExchangeEndpoint}, which streams the attachment from the hub into a file while
 * verifying it; the handler digests that file again and compares it with the digest of the seeded
 * stream, and answers PROCESSED only if they match (REJECTED otherwise). Runs until the test closes
 * its stdin. Arguments: {@code --credentials DIR --hub URI --work DIR --size BYTES --max-seconds N}.
 */
public final class LargeAttachmentReceiver {
    static final String MATCHED = "receiver: the attachment file matches the seeded stream: ";

    private LargeAttachmentReceiver() {
    }

    public static void main(String[] args) throws Exception {
        CrashChild child = CrashChild.start(args);
        long size = Long.parseLong(child.option("size"));
        Path work = Path.of(child.option("work"));
        long start = System.nanoTime();
        DigestValue expected = LargeAttachmentChild.seededDigest(size);
        CrashChild.log("receiver: digested the seeded stream in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        try (ExchangeEndpoint customs = ExchangeEndpoint.builder()
                .party(TestDepartment.CUSTOMS.partyId())
                .credentials(LargeAttachmentChild.credentials(child, TestDepartment.CUSTOMS))
                .trustAnchors(child.trustAnchors())
                .hubParty(TestDepartment.EXCHANGE_PLATFORM.partyId())
                .pullFrom(URI.create(child.option("hub")))
                .pullWait(Duration.ofSeconds(5))
                .storeDirectory(work.resolve("customs-store"))
                .handle(AccessRight.TAX_COMPANY_STATUS, (message, context) -> {
                    long handling = System.nanoTime();
                    Content attachment = message.attachments().get(0).content();
                    CrashChild.log("receiver: handler called with " + attachment.size() + " bytes in "
                            + attachment.file().map(file -> file.getFileName().toString()).orElse("memory"));
                    DigestValue actual;
                    try (InputStream in = attachment.open()) {
                        actual = CryptoSuite.GM.digest(in);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    CrashChild.log("receiver: digested the received file in " + (System.nanoTime() - handling) / 1_000_000
                            + " ms");
                    LargeAttachmentChild.logHeap();
                    if (!actual.equals(expected) || attachment.size() != size || attachment.file().isEmpty()) {
                        CrashChild.log("receiver: MISMATCH: got " + actual + " over " + attachment.size() + " bytes, expected "
                                + expected + " over " + size);
                        return Outcome.rejected("E_MISMATCH", "the attachment differs from the seeded stream");
                    }
                    CrashChild.log(MATCHED + size + " bytes, " + actual);
                    return Outcome.processed();
                })
                .build()
                .start()) {
            CrashChild.log("receiver: pulling as " + customs.party());
            Thread.currentThread().join(); // until the test closes stdin: the child's guard halts the JVM
        }
    }
}
