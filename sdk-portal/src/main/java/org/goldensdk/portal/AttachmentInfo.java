package org.goldensdk.portal;

import java.util.Objects;

/**
 * An attachment of an article, as the portal stores it.
 *
 * @param id the portal's id of the attachment
 * @param fileName the file name shown to readers
 * @param type the type, as detected from the content
 * @param size the size in bytes
 * @param sha256 the SHA-256 of the content, lower-case hex
 */
public record AttachmentInfo(String id, String fileName, AttachmentType type, long size, String sha256) {
    /** Checks the required parts. */
    public AttachmentInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(type, "type");
    }
}
