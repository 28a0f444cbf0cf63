package org.goldensdk.core.internal.http;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The redaction applied to every path the transport logs or puts in an exception message. Paths
 * can hold personal data (a citizen ID in {@code persons/11010519491231002X}), so until the core
 * redactor is wired in, the query string is dropped and every run of 15 or more digits (plus an
 * {@code X} check character) is masked.
 */
public final class PathRedaction {

    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("\\d{15,}[\\dXx]?");

    /** The default hook: drop the query, mask long digit runs. */
    public static final UnaryOperator<String> DEFAULT = PathRedaction::dropQueryAndMaskDigits;

    private PathRedaction() {
    }

    private static String dropQueryAndMaskDigits(String path) {
        int query = path.indexOf('?');
        String withoutQuery = query < 0 ? path : path.substring(0, query) + "?…";
        return LONG_DIGIT_RUN.matcher(withoutQuery).replaceAll(match -> "*".repeat(match.group().length()));
    }
}
