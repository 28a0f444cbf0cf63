package org.goldensdk.exchange;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.StorageException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.exchange.internal.VerifyingInputStream;

/**
 * The signed envelope file, the third encoding of an envelope beside JSON and XML: one ZIP file
 * holding the envelope and the payload and attachments exactly as carried, so a message can cross
 * the isolated networks as a file. Its entries are exactly:
 *
 * <ul>
 *   <li>{@code envelope.json} — the envelope in the {@link EnvelopeCodec#json() JSON encoding},
 *       which is the file's manifest;</li>
 *   <li>{@code payload} — the payload bytes as carried;</li>
 *   <li>{@code attachments/1} … {@code attachments/n} — the attachments as carried, numbered from 1
 *       in manifest order. The sender's file names stay in the manifest and never become paths.</li>
 * </ul>
 *
 * <p>Every entry is STORED (uncompressed): payloads are often compressed already (PDF, OFD), and a
 * reader then never inflates anything, so no entry can expand beyond the size it declares. The file
 * is written and read as streams; no part is held in memory. The envelope's signature is carried
 * untouched, so an envelope read from a file re-encodes to JSON or XML with the same signature.
 *
 * <p>An opened file holds an unverified envelope: call {@link #verify} (or verify
 * {@link #envelope()} with an {@link EnvelopeVerifier}) before acting on anything in it. Reading
 * is thread-safe; {@link #close()} releases the file.
 */
public final class EnvelopeFile implements AutoCloseable {
    private static final String ENVELOPE_ENTRY = "envelope.json";
    private static final String PAYLOAD_ENTRY = "payload";
    private static final String ATTACHMENT_PREFIX = "attachments/";
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_ENTRIES = 2 + EnvelopeHeader.MAX_ATTACHMENTS;

    private final ZipFile zip;
    private final String fileName;
    private final Envelope envelope;

    private EnvelopeFile(ZipFile zip, String fileName, Envelope envelope) {
        this.zip = zip;
        this.fileName = fileName;
        this.envelope = envelope;
    }

    /**
     * Writes {@code sealed} as an envelope file at {@code file}, atomically: the file is written to a
     * temporary file in the same directory, forced to disk and moved into place, so {@code file}
     * either keeps its old content or holds the complete new file. Nothing is left behind on failure.
     *
     * @throws org.goldensdk.core.SignatureException if a part's content no longer matches the digest
     *     or size the envelope declares for it (e.g. the source file changed after sealing)
     * @throws StorageException if the file cannot be written
     */
    public static void write(SealedMessage sealed, Path file) {
        Objects.requireNonNull(sealed, "sealed");
        Path target = Objects.requireNonNull(file, "file").toAbsolutePath();
        Path temp;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        } catch (IOException e) {
            throw new StorageException("cannot create a temporary file beside " + target + " to write the envelope file", e);
        }
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                write(sealed.envelope(), sealed.payload(), sealed.attachments(), Channels.newOutputStream(channel));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException("cannot write the envelope file " + target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Writes an envelope file to {@code out} (flushed, not closed) from the envelope and its
     * payload and attachments as carried. Each part is read twice — once to check it against the
     * envelope and compute the CRC a STORED entry needs up front, once to copy it — and never held
     * in memory. If it throws, what reached {@code out} is not a valid envelope file.
     *
     * @throws ValidationException if the number of attachments differs from the envelope's manifest
     * @throws org.goldensdk.core.SignatureException if a part does not match the digest or size the
     *     envelope declares for it
     * @throws MalformedInputException if the encoded envelope exceeds {@link EnvelopeCodec#MAX_ENCODED_BYTES}
     * @throws StorageException if a part cannot be read, changes while being written, or {@code out}
     *     fails
     */
    public static void write(Envelope envelope, Content payload, List<Content> attachments, OutputStream out) {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(attachments, "attachments");
        Objects.requireNonNull(out, "out");
        EnvelopeHeader header = envelope.header();
        if (attachments.size() != header.attachments().size()) {
            throw new ValidationException("attachments", "envelopeFile.attachmentCount", "envelope "
                    + header.messageId() + " lists " + header.attachments().size() + " attachments but "
                    + attachments.size() + " were given; pass the attachments as carried, in manifest order");
        }
        byte[] encoded = EnvelopeCodec.json().encode(envelope);
        if (encoded.length > EnvelopeCodec.MAX_ENCODED_BYTES) {
            throw MalformedInputException.tooLarge("the encoded envelope " + header.messageId(), EnvelopeCodec.MAX_ENCODED_BYTES);
        }
        LocalDateTime entryTime = LocalDateTime.ofInstant(header.createdAt(), ZoneOffset.UTC);
        // Closing the ZIP stream releases its deflater and writes the central directory; the
        // caller's stream is only flushed, not closed.
        OutputStream unclosable = new BufferedOutputStream(out, BUFFER_SIZE) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
        try (ZipOutputStream zip = new ZipOutputStream(unclosable)) {
            putStored(zip, entry(ENVELOPE_ENTRY, entryTime, encoded.length, crc(encoded)), Content.of(encoded));
            putPart(zip, PAYLOAD_ENTRY, entryTime, payload, payloadPart(header), header.payloadDigest(), header.payloadSize());
            for (int i = 0; i < attachments.size(); i++) {
                AttachmentInfo info = header.attachments().get(i);
                putPart(zip, attachmentEntry(i), entryTime, Objects.requireNonNull(attachments.get(i), "attachment"),
                        attachmentPart(header, i), info.digest(), info.size());
            }
        } catch (ZipException e) {
            throw new StorageException("a part of envelope " + header.messageId()
                    + " changed while it was being written; write the envelope file again", e);
        } catch (IOException e) {
            throw new StorageException("cannot write the envelope file of " + header.messageId(), e);
        }
    }

    /**
     * Opens an envelope file and checks its structure: exactly the expected entries (no unknown,
     * missing or duplicate names), every entry STORED, each part exactly as large as the envelope
     * declares, and the envelope within {@link EnvelopeCodec#MAX_ENCODED_BYTES}. The envelope's
     * signature is not checked yet: see {@link #verify}. Close the returned file.
     *
     * @throws MalformedInputException if the file is not a ZIP or not a well-formed envelope file;
     *     the message names the problem
     * @throws ValidationException if a header value in the envelope breaks the format's rules
     * @throws StorageException if the file cannot be read
     */
    public static EnvelopeFile open(Path file) {
        Objects.requireNonNull(file, "file");
        String fileName = String.valueOf(file.getFileName());
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new MalformedInputException(fileName + " is not an envelope file: it is not a readable ZIP file ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new StorageException("cannot read the envelope file " + file, e);
        }
        try {
            return new EnvelopeFile(zip, fileName, readStructure(zip, fileName));
        } catch (RuntimeException e) {
            closeQuietly(zip, e);
            throw e;
        }
    }

    /** The envelope the file carries, as read: unverified until {@link #verify} succeeded. */
    public Envelope envelope() {
        return envelope;
    }

    /**
     * A new stream over the payload as carried (ciphertext for a SENSITIVE message), checked while
     * read against the digest and size in the envelope: the read that reaches a mismatch throws
     * {@link org.goldensdk.core.SignatureException}. The check is only as good as the envelope, so
     * verify it first. The caller closes the stream.
     */
    public InputStream payload() {
        EnvelopeHeader header = envelope.header();
        return new VerifyingInputStream(raw(PAYLOAD_ENTRY), payloadPart(header), header.payloadDigest(),
                header.payloadSize());
    }

    /**
     * A new stream over attachment {@code index} (0-based, in manifest order; entry
     * {@code attachments/index+1}) as carried, checked while read like {@link #payload()}.
     *
     * @throws ValidationException if the envelope has no attachment {@code index}
     */
    public InputStream attachment(int index) {
        EnvelopeHeader header = envelope.header();
        requireAttachmentIndex(header, index);
        AttachmentInfo info = header.attachments().get(index);
        return new VerifyingInputStream(raw(attachmentEntry(index)), attachmentPart(header, index), info.digest(),
                info.size());
    }

    /**
     * Verifies the whole file: the envelope with {@code verifier} (signature, certificate path,
     * sender, expiry), then the payload and every attachment, streamed through their digests.
     * Returns the verified header.
     *
     * @throws org.goldensdk.core.SignatureException naming the part that fails: the envelope header,
     *     its signer, the payload or an attachment
     * @throws ValidationException if a header value breaks the format's rules or the envelope expired
     * @throws StorageException if the file cannot be read
     */
    public EnvelopeHeader verify(EnvelopeVerifier verifier) {
        Objects.requireNonNull(verifier, "verifier");
        EnvelopeHeader header = verifier.verify(envelope);
        drain(verifier.payload(envelope, raw(PAYLOAD_ENTRY)), PAYLOAD_ENTRY);
        for (int i = 0; i < header.attachments().size(); i++) {
            drain(verifier.attachment(envelope, i, raw(attachmentEntry(i))), attachmentEntry(i));
        }
        return header;
    }

    /** Closes the file; streams opened from it stop working. */
    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new StorageException("cannot close the envelope file " + fileName, e);
        }
    }

    @Override
    public String toString() {
        return "EnvelopeFile[" + fileName + " " + envelope + "]";
    }

    private static Envelope readStructure(ZipFile zip, String fileName) {
        if (zip.size() > MAX_ENTRIES) {
            throw malformed(fileName, "it has " + zip.size() + " entries, more than the " + MAX_ENTRIES
                    + " an envelope with the most attachments allowed has");
        }
        // ZipFile looks names up in a hash table that hides duplicates; its enumeration walks the
        // central directory itself, so every recorded name is seen here.
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements();) {
            ZipEntry entry = it.nextElement();
            if (entries.putIfAbsent(entry.getName(), entry) != null) {
                throw malformed(fileName, "the entry '" + printable(entry.getName()) + "' occurs more than once");
            }
            if (entry.getMethod() != ZipEntry.STORED) {
                throw malformed(fileName, "the entry '" + printable(entry.getName())
                        + "' is compressed; every entry of an envelope file is STORED");
            }
        }
        ZipEntry envelopeEntry = entries.get(ENVELOPE_ENTRY);
        if (envelopeEntry == null) {
            throw malformed(fileName, "the entry '" + ENVELOPE_ENTRY + "' is missing");
        }
        Envelope envelope = EnvelopeCodec.json().decode(readEnvelopeEntry(zip, envelopeEntry, fileName));
        EnvelopeHeader header = envelope.header();
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put(PAYLOAD_ENTRY, header.payloadSize());
        for (int i = 0; i < header.attachments().size(); i++) {
            expected.put(attachmentEntry(i), header.attachments().get(i).size());
        }
        Set<String> unknown = new LinkedHashSet<>(entries.keySet());
        unknown.remove(ENVELOPE_ENTRY);
        unknown.removeAll(expected.keySet());
        if (!unknown.isEmpty()) {
            throw malformed(fileName, "the entry '" + printable(unknown.iterator().next())
                    + "' is not part of envelope " + header.messageId() + ", whose file holds only " + ENVELOPE_ENTRY
                    + ", " + PAYLOAD_ENTRY + " and attachments/1 to attachments/" + header.attachments().size());
        }
        for (Map.Entry<String, Long> part : expected.entrySet()) {
            ZipEntry entry = entries.get(part.getKey());
            if (entry == null) {
                throw malformed(fileName, "the entry '" + part.getKey() + "' of envelope " + header.messageId() + " is missing");
            }
            if (entry.getSize() != part.getValue() || entry.getCompressedSize() != part.getValue()) {
                throw malformed(fileName, "the entry '" + part.getKey() + "' holds " + entry.getSize()
                        + " bytes but envelope " + header.messageId() + " declares " + part.getValue());
            }
        }
        return envelope;
    }

    private static byte[] readEnvelopeEntry(ZipFile zip, ZipEntry entry, String fileName) {
        if (entry.getSize() > EnvelopeCodec.MAX_ENCODED_BYTES) {
            throw MalformedInputException.tooLarge("the entry '" + ENVELOPE_ENTRY + "' of " + fileName,
                    EnvelopeCodec.MAX_ENCODED_BYTES);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) EnvelopeCodec.MAX_ENCODED_BYTES + 1);
            if (bytes.length > EnvelopeCodec.MAX_ENCODED_BYTES) {
                throw MalformedInputException.tooLarge("the entry '" + ENVELOPE_ENTRY + "' of " + fileName,
                        EnvelopeCodec.MAX_ENCODED_BYTES);
            }
            return bytes;
        } catch (ZipException e) {
            throw malformed(fileName, "the entry '" + ENVELOPE_ENTRY + "' cannot be read (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new StorageException("cannot read the envelope from " + fileName, e);
        }
    }

    private static void putPart(ZipOutputStream zip, String name, LocalDateTime time, Content content, String part,
            DigestValue digest, long size) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = new VerifyingInputStream(content.open(), part, digest, size)) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                crc.update(buffer, 0, n);
            }
        }
        putStored(zip, entry(name, time, size, crc.getValue()), content);
    }

    private static void putStored(ZipOutputStream zip, ZipEntry entry, Content content) throws IOException {
        zip.putNextEntry(entry);
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = content.open()) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                zip.write(buffer, 0, n);
            }
        }
        zip.closeEntry();
    }

    private static ZipEntry entry(String name, LocalDateTime time, long size, long crc) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size);
        entry.setCompressedSize(size);
        entry.setCrc(crc);
        // The envelope's creation time, not the clock, so writing the same message twice gives the same bytes.
        entry.setTimeLocal(time);
        return entry;
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private InputStream raw(String name) {
        try {
            return zip.getInputStream(zip.getEntry(name));
        } catch (IOException e) {
            throw new StorageException("cannot read the entry '" + name + "' of " + fileName, e);
        }
    }

    private void drain(InputStream in, String name) {
        byte[] buffer = new byte[BUFFER_SIZE];
        try (in) {
            while (in.read(buffer) >= 0) {
                // Reading to the end is what checks the digest.
            }
        } catch (IOException e) {
            throw new StorageException("cannot read the entry '" + name + "' of " + fileName, e);
        }
    }

    private static String attachmentEntry(int index) {
        return ATTACHMENT_PREFIX + (index + 1);
    }

    private static String payloadPart(EnvelopeHeader header) {
        return "the payload of " + header.messageId();
    }

    private static String attachmentPart(EnvelopeHeader header, int index) {
        return "attachment '" + header.attachments().get(index).name() + "' (" + attachmentEntry(index) + ") of "
                + header.messageId();
    }

    private static void requireAttachmentIndex(EnvelopeHeader header, int index) {
        if (index < 0 || index >= header.attachments().size()) {
            throw new ValidationException("attachments", "envelope.attachmentIndex", "envelope " + header.messageId()
                    + " has " + header.attachments().size() + " attachments; there is no attachment " + index);
        }
    }

    private static MalformedInputException malformed(String fileName, String problem) {
        return new MalformedInputException(fileName + " is not a valid envelope file: " + problem, null);
    }

    /** An entry name as it may appear in a message: control characters replaced, length capped. */
    private static String printable(String name) {
        String cleaned = name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() > 80 ? cleaned.substring(0, 80) + "…" : cleaned;
    }

    private static void closeQuietly(ZipFile zip, RuntimeException failure) {
        try {
            zip.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Only a partial file of our own is left; the next write uses a new temporary name.
            temp.toFile().deleteOnExit();
        }
    }
}
