package org.goldensdk.exchange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.goldensdk.core.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.goldensdk.core.ValidationException;

/**
 * Bytes that can be read more than once — once to digest (and encrypt) them when sealing, again to
 * send them — without holding them in memory when they come from a file. Immutable.
 */
public final class Content {
    private final byte[] bytes;
    private final Path file;
    /** A received part streamed where it lies (an MTOM part CXF spooled); null for bytes or a file. */
    private final Supplier<InputStream> part;
    private final long partSize;

    private Content(byte[] bytes, Path file) {
        this(bytes, file, null, -1);
    }

    private Content(byte[] bytes, Path file, Supplier<InputStream> part, long partSize) {
        this.bytes = bytes;
        this.file = file;
        this.part = part;
        this.partSize = partSize;
    }

    /**
     * A received part opened through {@code opener} each time, never copied here, of the size its
     * sender declared ({@code declaredSize}, to be checked by whoever reads it against the signed manifest).
     */
    static Content streamed(Supplier<InputStream> opener, long declaredSize) {
        return new Content(null, null, Objects.requireNonNull(opener, "opener"), declaredSize);
    }

    /** Content held in memory (a copy of {@code bytes}). */
    public static Content of(byte[] bytes) {
        return new Content(Objects.requireNonNull(bytes, "bytes").clone(), null);
    }

    /**
     * Content read from {@code file} each time it is opened, streamed.
     *
     * @throws ValidationException if the file is not a readable regular file
     */
    public static Content of(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ValidationException("content", "content.file", "cannot read " + file.getFileName()
                    + ": it is not a readable regular file");
        }
        return new Content(null, file);
    }

    /** A new stream over the content, from its start; the caller closes it. */
    public InputStream open() {
        if (part != null) {
            return part.get();
        }
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new StorageException("cannot open " + file.getFileName(), e);
        }
    }

    /** The size in bytes. */
    public long size() {
        if (part != null) {
            return partSize;
        }
        if (bytes != null) {
            return bytes.length;
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new StorageException("cannot read the size of " + file.getFileName(), e);
        }
    }

    /** The file behind this content, if it is one. */
    public java.util.Optional<Path> file() {
        return java.util.Optional.ofNullable(file);
    }

    /** All bytes; for small content only (payloads of queries, tests). */
    public byte[] readAllBytes() {
        if (bytes != null) {
            return bytes.clone();
        }
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StorageException("cannot read " + this, e);
        }
    }

    @Override
    public String toString() {
        if (part != null) {
            return "Content[received part of " + partSize + " bytes]";
        }
        return file != null ? "Content[" + file.getFileName() + "]" : "Content[" + bytes.length + " bytes]";
    }
}
