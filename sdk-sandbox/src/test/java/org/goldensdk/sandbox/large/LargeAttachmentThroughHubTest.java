package org.goldensdk.sandbox.large;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 5: a 512 MiB attachment goes from a sender through the hub to a receiver with each of the
 * three — sender ({@link LargeAttachmentSender}), hub ({@link HubChild}, the sandbox's
 * {@code SandboxMain}) and receiver ({@link LargeAttachmentReceiver}) — a JVM of its own limited to
 * a 256 MiB heap, so no hop may hold the attachment in memory: the client uploads it from its outbox
 * file, the hub streams it into its spool and out again, the receiver streams it into a file while
 * verifying it. The attachment comes from a seeded stream (never an array, never a committed file);
 * the receiver digests the file it got and compares it with the seeded stream's digest. Needs about
 * three times the attachment's size free under {@code target/}: without it the test is skipped, or
 * fails when {@code CI=true}.
 */
class LargeAttachmentThroughHubTest {
    private static final long SIZE = 512L * 1024 * 1024;
    /** Outbox copy, hub spool, received file (the generated file is deleted once queued), and room for the rest. */
    private static final long REQUIRED_DISK = 3 * SIZE + 512L * 1024 * 1024;

    @Test
    void aHalfGibibyteAttachmentTravelsSenderToHubToReceiverWithEachJvmAt256MibHeap() throws Exception {
        try (HubRun run = HubRun.create("large-attachment", REQUIRED_DISK)) {
            String matched = run.sendThroughHub(SIZE, "REST", LargeAttachmentReceiver.class, "receiver: pulling",
                    LargeAttachmentReceiver.MATCHED);

            assertThat(matched).contains(SIZE + " bytes");
            assertThat(HubRun.filesUnder(run.work().resolve("receiver"))).as("the receiver's files once the handler returned")
                    .noneMatch(file -> file.toString().contains("attachments"));
        }
    }
}
