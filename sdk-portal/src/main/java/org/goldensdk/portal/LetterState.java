package org.goldensdk.portal;

/** Where a citizen's letter (政民互动信箱) stands. */
public enum LetterState {
    /** Waiting for the department's reply. */
    OPEN("待回复"),
    /** Answered; the reply is public. */
    REPLIED("已回复");

    private final String label;

    LetterState(String label) {
        this.label = label;
    }

    /** The Chinese name the portal shows. */
    public String label() {
        return label;
    }
}
