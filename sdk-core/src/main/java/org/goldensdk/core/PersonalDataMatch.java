package org.goldensdk.core;

import java.util.Objects;

/**
 * Where the {@link Redactor} found personal data: the kind and the span {@code [start, end)} in the
 * scanned text, from the first to the last character of the value (separators and HTML tags in
 * between included). Holds no part of the value itself, so it is safe to log.
 *
 * @param kind what was found
 * @param start index of the value's first character
 * @param end index just after the value's last character
 */
public record PersonalDataMatch(PersonalDataKind kind, int start, int end) {
    /** Checks the span is well formed. */
    public PersonalDataMatch {
        Objects.requireNonNull(kind, "kind");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span must satisfy 0 <= start < end");
        }
    }
}
