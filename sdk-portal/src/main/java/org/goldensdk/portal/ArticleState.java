package org.goldensdk.portal;

/** Where an article is in its lifecycle: draft, then published, then possibly withdrawn. */
public enum ArticleState {
    /** Not public; may be updated. */
    DRAFT("草稿"),
    /** Public; its index number is allocated. */
    PUBLISHED("已发布"),
    /** No longer public; its page shows the withdrawal notice and reason. */
    WITHDRAWN("已撤回");

    private final String label;

    ArticleState(String label) {
        this.label = label;
    }

    /** The Chinese name the portal shows. */
    public String label() {
        return label;
    }
}
