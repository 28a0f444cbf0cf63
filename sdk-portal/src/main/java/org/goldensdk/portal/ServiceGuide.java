package org.goldensdk.portal;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A published service guide.
 *
 * @param id the portal's id
 * @param version the version, from 1; updates name the version they start from
 * @param agency the agency that owns it
 * @param content the guide's fields, as reviewed by the compliance gate
 * @param publishedOn the date of the last change
 */
public record ServiceGuide(String id, long version, Agency agency, ServiceGuideDraft content, LocalDate publishedOn) {
    /** Checks the required parts. */
    public ServiceGuide {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(content, "content");
    }
}
