package org.goldensdk.sandbox.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.BoundedInputStream;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.StorageException;
import org.goldensdk.exchange.AttachmentInfo;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Delivery;

/**
 * The hub's attachment files, named by their digest ({@code SM3-<hex>}, {@code SHA-256-<hex>}):
 * content-addressed, so an upload repeated after a failure or shared by two messages is stored
 * once. An upload streams to a temporary file while being digested and is moved into place only
 * if its digest is the one it was announced under and it stayed within the size limit — a reader
 * never sees a partial or wrong file. Thread-safe.
 */
public final class AttachmentSpool implements AutoCloseable {
    private final Path directory;
    private final boolean temporary;

    private AttachmentSpool(Path directory, boolean temporary) {
        this.directory = directory;
        this.temporary = temporary;
    }

    /** A spool in {@code directory} (created if missing), or in a new temporary directory deleted at close when null. */
    public static AttachmentSpool open(Path directory) {
        try {
            return directory == null ? new AttachmentSpool(Files.createTempDirectory("golden-hub-attachments"), true)
                    : new AttachmentSpool(Files.createDirectories(directory), false);
        } catch (IOException e) {
            throw new StorageException("cannot create the hub's attachment spool: " + e.getMessage(), e);
        }
    }

    /**
     * Stores {@code content} as the attachment with digest {@code expected}, reading at most
     * {@code maxBytes}; returns its size. Already stored: the content is read to its end (so the
     * uploader's connection stays usable) and dropped, and the stored size is returned.
     *
     * @throws SignatureException if the content's digest is not {@code expected}
     * @throws MalformedInputException (E_PAYLOAD_TOO_LARGE) beyond {@code maxBytes}
     */
    public long store(DigestValue expected, long maxBytes, InputStream content) {
        Path target = file(expected);
        if (Files.exists(target)) {
            try {
                BoundedInputStream.of(content, maxBytes, "an attachment (the hub's limit per attachment is " + maxBytes
                        + " bytes)").transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new StorageException("the repeated upload of " + expected + " broke off: " + e.getMessage(), e);
            }
            return size(target);
        }
        Path temporaryFile = null;
        try {
            temporaryFile = Files.createTempFile(directory, "upload-", ".part");
            DigestValue actual;
            long size;
            try (OutputStream out = Files.newOutputStream(temporaryFile);
                    CopyingInputStream copying = new CopyingInputStream(BoundedInputStream.of(content, maxBytes,
                            "an attachment (the hub's limit per attachment is " + maxBytes + " bytes)"), out)) {
                actual = expected.suite().digest(copying);
                size = copying.count;
            }
            if (!actual.equals(expected)) {
                throw new SignatureException("the uploaded attachment's digest is " + actual + ", not " + expected
                        + " as announced; upload the attachment the envelope lists");
            }
            moveIntoPlace(temporaryFile, target);
            return size;
        } catch (IOException e) {
            throw new StorageException("cannot spool an attachment: " + e.getMessage(), e);
        } finally {
            deleteQuietly(temporaryFile);
        }
    }

    /** The size of the stored attachment with this digest, if stored. */
    public Optional<Long> sizeOf(DigestValue digest) {
        Path file = file(digest);
        return Files.exists(file) ? Optional.of(size(file)) : Optional.empty();
    }

    /**
     * {@code delivery} with the attachments its manifest lists as their files in this spool, in
     * manifest order, streamed when read.
     *
     * @throws NotFoundException if one of them is not stored
     */
    public Delivery carrying(Delivery delivery) {
        List<Content> files = new ArrayList<>();
        for (AttachmentInfo info : delivery.envelope().header().attachments()) {
            Path file = file(info.digest());
            if (!Files.exists(file)) {
                throw new NotFoundException("the attachment " + info.digest() + " of message "
                        + delivery.envelope().header().messageId() + " is no longer in the hub's spool");
            }
            files.add(Content.of(file));
        }
        return new Delivery(delivery.envelope(), delivery.payload(), files);
    }

    /** Deletes the stored attachment with this digest, if stored. */
    public void delete(DigestValue digest) {
        try {
            Files.deleteIfExists(file(digest));
        } catch (IOException e) {
            throw new StorageException("cannot delete the spooled attachment " + digest + ": " + e.getMessage(), e);
        }
    }

    /** The file of the attachment with this digest (present or not). */
    public Path file(DigestValue digest) {
        return directory.resolve(digest.algorithmId() + "-" + digest.hex());
    }

    /** Deletes a temporary spool; a spool in a given directory stays. */
    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(AttachmentSpool::deleteQuietly);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** Writes what is read through it to {@code out}, counting the bytes. */
    private static final class CopyingInputStream extends FilterInputStream {
        private final OutputStream out;
        private long count;

        CopyingInputStream(InputStream in, OutputStream out) {
            super(in);
            this.out = out;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                out.write(b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                out.write(buffer, offset, read);
                count += read;
            }
            return read;
        }
    }

    private static void moveIntoPlace(Path temporaryFile, Path target) throws IOException {
        try {
            Files.move(temporaryFile, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // a concurrent upload of the same content won: same digest, same bytes
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporaryFile, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new StorageException("cannot read the spooled attachment " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing to do: a leftover temporary file is never read
        }
    }
}
