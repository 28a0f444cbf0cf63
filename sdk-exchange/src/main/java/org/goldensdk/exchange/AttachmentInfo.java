package org.goldensdk.exchange;

import java.util.Objects;
import java.util.Optional;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.EncryptionHeader;
import org.goldensdk.exchange.internal.HeaderText;

/**
 * One entry of the envelope's attachment manifest: the name the sender gave it, its media type,
 * and the size and digest of its bytes as carried (ciphertext for a SENSITIVE message, with the
 * {@link #encryption()} header the receiver needs). Immutable.
 */
public final class AttachmentInfo {
    private final String name;
    private final String contentType;
    private final long size;
    private final DigestValue digest;
    private final EncryptionHeader encryption;

    private AttachmentInfo(String name, String contentType, long size, DigestValue digest, EncryptionHeader encryption) {
        this.name = name;
        this.contentType = contentType;
        this.size = size;
        this.digest = digest;
        this.encryption = encryption;
    }

    /**
     * A manifest entry.
     *
     * @throws org.goldensdk.core.ValidationException if the name is not a plain file name (no path
     *     separators, no control characters, 1–255 characters) or the media type is malformed
     */
    public static AttachmentInfo of(String name, String contentType, long size, DigestValue digest,
            EncryptionHeader encryption) {
        return new AttachmentInfo(requireFileName(name), HeaderText.requireMediaType("attachments.contentType", contentType),
                requireSize(size), Objects.requireNonNull(digest, "digest"), encryption);
    }

    /** The attachment's name, a plain file name such as {@code ledger-2026Q1.ofd}. */
    public String name() {
        return name;
    }

    /** The media type of the plaintext, e.g. {@code application/pdf}. */
    public String contentType() {
        return contentType;
    }

    /** The size in bytes of the attachment as carried. */
    public long size() {
        return size;
    }

    /** The digest of the attachment as carried. */
    public DigestValue digest() {
        return digest;
    }

    /** How the attachment was encrypted for the receiver; present exactly for SENSITIVE messages. */
    public Optional<EncryptionHeader> encryption() {
        return Optional.ofNullable(encryption);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttachmentInfo other && name.equals(other.name) && contentType.equals(other.contentType)
                && size == other.size && digest.equals(other.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, contentType, size, digest);
    }

    @Override
    public String toString() {
        return name + " (" + contentType + ", " + size + " bytes, " + digest + ")";
    }

    static String requireFileName(String name) {
        Objects.requireNonNull(name, "name");
        HeaderText.requireCarriable("attachments.name", name);
        if (name.isEmpty() || name.length() > 255 || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7F)) {
            throw HeaderText.invalid("attachments.name", "attachmentName",
                    "must be a plain file name of 1 to 255 characters without path separators or control characters");
        }
        return name;
    }

    private static long requireSize(long size) {
        if (size < 0) {
            throw HeaderText.invalid("attachments.size", "size", "must not be negative");
        }
        return size;
    }
}
