package org.goldensdk.portal;

import java.util.Optional;
import org.goldensdk.portal.internal.ContentSniffer;

/**
 * The attachment types the portal accepts, recognised by their content (magic bytes, and for the
 * ZIP-based formats the entries inside), never by the file name.
 */
public enum AttachmentType {
    /** PDF: starts with {@code %PDF-}. */
    PDF("application/pdf", "pdf"),
    /** OFD (GB/T 33190): a ZIP holding {@code OFD.xml}. */
    OFD("application/ofd", "ofd"),
    /** Excel workbook: a ZIP holding {@code xl/workbook.xml}. */
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    /** Word document: a ZIP holding {@code word/document.xml}. */
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    /** PNG image. */
    PNG("image/png", "png"),
    /** JPEG image. */
    JPEG("image/jpeg", "jpg"),
    /** GIF image. */
    GIF("image/gif", "gif");

    private final String mediaType;
    private final String extension;

    AttachmentType(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The media type the portal serves it with. */
    public String mediaType() {
        return mediaType;
    }

    /** The usual file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** Whether it holds text the compliance gate reads (images hold none it can read). */
    public boolean hasText() {
        return this == PDF || this == OFD || this == XLSX || this == DOCX;
    }

    /**
     * The type of {@code content}, judged by the content alone; empty when it is none of these
     * (an executable renamed {@code .pdf}, a ZIP that is no office document).
     */
    public static Optional<AttachmentType> detect(byte[] content) {
        return ContentSniffer.detect(content);
    }
}
