package org.goldensdk.core;

import java.util.Objects;

/**
 * One thing wrong with an input: where it is, which rule it broke, and an explanation that says
 * what to do. Findings never carry the offending personal data in clear.
 *
 * @param field the field or location, e.g. {@code creditCode} or {@code attachments[2]}
 * @param rule a stable rule name, e.g. {@code GB32100.checkCharacter}
 * @param message what was wrong and how to fix it
 */
public record Finding(String field, String rule, String message) {
    /** Checks that every part is present. */
    public Finding {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message + " [" + rule + "]";
    }
}
