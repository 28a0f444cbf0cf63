package org.goldensdk.portal.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.goldensdk.portal.AttachmentType;

/**
 * Recognises attachment types by content: magic bytes, and for ZIP-based formats the names of the
 * entries, read under the limits of {@link ZipInspection}.
 */
public final class ContentSniffer {
    /** How far {@link #detect} inflates a ZIP to list its entries. */
    public static final long DEFAULT_MAX_INFLATED_BYTES = 64L * 1024 * 1024;

    private ContentSniffer() {
    }

    /** The type of {@code content}, or empty (also for a ZIP that breaks the default limits). */
    public static Optional<AttachmentType> detect(byte[] content) {
        try {
            return detect(content, DEFAULT_MAX_INFLATED_BYTES);
        } catch (ZipInspection.RefusedArchive e) {
            return Optional.empty();
        }
    }

    /**
     * The type of {@code content}, or empty; a ZIP is inflated up to {@code maxInflatedBytes}.
     *
     * @throws ZipInspection.RefusedArchive if a ZIP breaks the limits or cannot be read
     */
    public static Optional<AttachmentType> detect(byte[] content, long maxInflatedBytes) throws ZipInspection.RefusedArchive {
        if (startsWith(content, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(AttachmentType.PDF);
        }
        if (startsWith(content, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            return Optional.of(AttachmentType.PNG);
        }
        if (startsWith(content, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of(AttachmentType.JPEG);
        }
        if (startsWith(content, "GIF87a".getBytes(StandardCharsets.US_ASCII))
                || startsWith(content, "GIF89a".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(AttachmentType.GIF);
        }
        if (startsWith(content, new byte[] {'P', 'K', 3, 4})) {
            return zipType(ZipInspection.read(content, maxInflatedBytes).keySet());
        }
        return Optional.empty();
    }

    /** The office type of a ZIP with these entry names: exactly one of the marker entries must be there. */
    public static Optional<AttachmentType> zipType(Set<String> names) {
        boolean workbook = names.contains("xl/workbook.xml");
        boolean document = names.contains("word/document.xml");
        boolean ofd = names.contains("OFD.xml");
        int kinds = (workbook ? 1 : 0) + (document ? 1 : 0) + (ofd ? 1 : 0);
        if (kinds != 1) {
            return Optional.empty();
        }
        return Optional.of(workbook ? AttachmentType.XLSX : document ? AttachmentType.DOCX : AttachmentType.OFD);
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
