package org.goldensdk.portal;

/** How the information is disclosed (公开属性). */
public enum DisclosureAttribute {
    /** Disclosed on the agency's own initiative. */
    PROACTIVE("主动公开"),
    /** Disclosed to whoever requests it. */
    ON_REQUEST("依申请公开");

    private final String label;

    DisclosureAttribute(String label) {
        this.label = label;
    }

    /** The Chinese name the portal shows. */
    public String label() {
        return label;
    }
}
