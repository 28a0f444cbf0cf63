package org.goldensdk.exchange.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.StorageException;
import org.goldensdk.exchange.AttachmentInfo;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.MessageId;

/**
 * The outbox's attachments as files beside the store, never database BLOBs:
 * {@code <directory>/<message id>/<algorithm>-<hex digest>}, each exactly as carried (ciphertext
 * for a SENSITIVE message) and forced to disk before the message's row is committed, so a queued
 * message's attachments survive a crash. A message's directory is deleted once the hub has
 * accepted it, or when the message is purged or expired. Thread-safe.
 */
public final class OutboxAttachments {
    private final Path directory;

    /** The attachments of {@code sender}'s outbox under {@code root}. */
    public OutboxAttachments(Path root, PartyId sender) {
        this.directory = root.resolve(sender.toString().replace('/', '_'));
    }

    /**
     * Writes the attachments of message {@code id} as carried, in manifest order, and forces them
     * to disk.
     *
     * @throws StorageException if they cannot be written (nothing of them is left behind)
     */
    public void write(MessageId id, List<AttachmentInfo> manifest, List<Content> carried) {
        if (manifest.isEmpty()) {
            return;
        }
        Path messageDirectory = directory.resolve(id.toString());
        try {
            Files.createDirectories(messageDirectory);
            for (int i = 0; i < manifest.size(); i++) {
                Path target = messageDirectory.resolve(fileName(manifest.get(i).digest()));
                Path partial = Files.createTempFile(messageDirectory, "write-", ".part");
                try (InputStream in = carried.get(i).open();
                        FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    OutputStream out = Channels.newOutputStream(channel);
                    in.transferTo(out);
                    channel.force(true);
                }
                move(partial, target);
            }
        } catch (IOException | RuntimeException e) {
            delete(id);
            throw e instanceof StorageException storage ? storage
                    : new StorageException("cannot write the attachments of message " + id + " beside the outbox: "
                            + e.getMessage(), e);
        }
    }

    /**
     * The attachment with {@code digest} of message {@code id}, streamed from its file.
     *
     * @throws org.goldensdk.core.ValidationException if the file is missing (deleted behind the
     *     outbox's back, or the attachment directory is not shared by every node of the store)
     */
    public Content attachment(MessageId id, DigestValue digest) {
        return Content.of(directory.resolve(id.toString()).resolve(fileName(digest)));
    }

    /** Deletes the attachments of message {@code id}, if any. */
    public void delete(MessageId id) {
        Path messageDirectory = directory.resolve(id.toString());
        if (!Files.exists(messageDirectory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(messageDirectory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new StorageException("cannot delete the attachments of message " + id + ": " + e.getMessage(), e);
        }
    }

    private static String fileName(DigestValue digest) {
        return digest.algorithmId() + "-" + digest.hex();
    }

    private static void move(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
