package org.goldensdk.sandbox.large;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 7: a 200 MiB attachment travels over SOAP with MTOM through a hub JVM limited to a 256 MiB
 * heap. The sender ({@link LargeAttachmentSender} with the SOAP transport) submits it as an MTOM
 * part streamed from its outbox file; the hub ({@link HubChild}) streams the part into its spool,
 * checking the digest the signed manifest declares; the receiver ({@link SoapAttachmentReceiver})
 * pulls over SOAP, gets the attachment as an MTOM part streamed from the spool, verifies it into a
 * file and digests that file against the seeded stream's digest; its PROCESSED receipt reaches the
 * sender. Every JVM runs at 256 MiB. Needs about five times the attachment's size free under
 * {@code target/}: without it the test is skipped, or fails when {@code CI=true}.
 */
class MtomAttachmentThroughHubTest {
    private static final long SIZE = 200L * 1024 * 1024;
    /** Outbox copy, hub spool and CXF's temporary part file, receiver's part file and received file, and room for the rest. */
    private static final long REQUIRED_DISK = 5 * SIZE + 256L * 1024 * 1024;

    @Test
    void a200MibMtomAttachmentTravelsOverSoapThroughAHubJvmAt256MibHeap() throws Exception {
        try (HubRun run = HubRun.create("mtom-attachment", REQUIRED_DISK)) {
            String matched = run.sendThroughHub(SIZE, "SOAP", SoapAttachmentReceiver.class, SoapAttachmentReceiver.PULLING,
                    SoapAttachmentReceiver.MATCHED);

            assertThat(matched).contains(SIZE + " bytes");
        }
    }
}
