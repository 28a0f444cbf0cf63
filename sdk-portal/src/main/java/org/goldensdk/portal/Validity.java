package org.goldensdk.portal;

/** Whether the document is in force (有效性). */
public enum Validity {
    /** In force. */
    EFFECTIVE("有效"),
    /** Amended by a later document. */
    AMENDED("已修改"),
    /** Repealed; kept for the record. */
    REPEALED("已废止");

    private final String label;

    Validity(String label) {
        this.label = label;
    }

    /** The Chinese name the portal shows. */
    public String label() {
        return label;
    }
}
