package org.goldensdk.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A message after sealing: the signed envelope and the payload and attachments exactly as they
 * travel (ciphertext for a SENSITIVE message, spooled to temporary files). {@link #close()}
 * deletes the spool files. Thread-safe for reading.
 */
public final class SealedMessage implements AutoCloseable {
    private final Envelope envelope;
    private final Content payload;
    private final List<Content> attachments;
    private final List<Path> spools;

    SealedMessage(Envelope envelope, Content payload, List<Content> attachments, List<Path> spools) {
        this.envelope = envelope;
        this.payload = payload;
        this.attachments = List.copyOf(attachments);
        this.spools = List.copyOf(spools);
    }

    /** The signed envelope. */
    public Envelope envelope() {
        return envelope;
    }

    /** The payload as carried. */
    public Content payload() {
        return payload;
    }

    /** The attachments as carried, in manifest order. */
    public List<Content> attachments() {
        return attachments;
    }

    /** Deletes the spool files of encrypted content; the envelope stays usable. */
    @Override
    public void close() {
        deleteSpools(spools);
    }

    static void deleteSpools(List<Path> spools) {
        for (Path spool : spools) {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                // A spool left behind holds ciphertext only; the temporary directory's cleanup removes it.
                spool.toFile().deleteOnExit();
            }
        }
    }
}
