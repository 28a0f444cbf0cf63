package org.goldensdk.portal;

/** What the compliance gate does with personal data and sensitive words it finds. */
public enum ComplianceMode {
    /** Refuse the content with a {@link org.goldensdk.core.ComplianceException} listing every finding. */
    REJECT,
    /**
     * Publish the text with personal data and sensitive words masked; attachments, which cannot be
     * masked, are still refused when they hold any. Missing metadata and unsafe HTML are never
     * masked: metadata is refused, HTML is sanitised.
     */
    MASK
}
