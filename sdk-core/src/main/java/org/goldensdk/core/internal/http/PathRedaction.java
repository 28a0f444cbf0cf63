package org.goldensdk.core.internal.http;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.goldensdk.core.Redactor;

/**
 * The redaction applied to every path the transport logs or puts in an exception message. Paths
 * can hold personal data (a citizen ID in {@code persons/11010519491231002X}), so the query string
 * is dropped, the core {@link Redactor} masks what it recognises (citizen IDs, mobile numbers, bank
 * cards) and, as a second line, every run of 15 or more digits is masked too: a mistyped ID that
 * fails its check is still personal data.
 */
public final class PathRedaction {

    private static final Redactor REDACTOR = Redactor.standard();
    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("\\d{15,}[\\dXx]?");

    /** The default hook: drop the query, mask personal data and long digit runs. */
    public static final UnaryOperator<String> DEFAULT = PathRedaction::dropQueryAndMaskDigits;

    private PathRedaction() {
    }

    /**
     * A copy of {@code failure} whose messages, down the cause chain, went through {@code redaction};
     * the original itself when nothing needed masking. I/O exceptions of the HTTP stack quote the
     * URL, and a caller printing a stack trace must not see a citizen ID in it.
     */
    public static Throwable redactMessages(Throwable failure, UnaryOperator<String> redaction) {
        if (failure == null) {
            return null;
        }
        Throwable cause = redactMessages(failure.getCause(), redaction);
        String message = failure.getMessage();
        String redacted = message == null ? null : redaction.apply(message);
        if (java.util.Objects.equals(message, redacted) && cause == failure.getCause()) {
            return failure;
        }
        java.io.IOException copy = new java.io.IOException(failure.getClass().getName() + ": " + redacted, cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    private static String dropQueryAndMaskDigits(String path) {
        int query = path.indexOf('?');
        String withoutQuery = query < 0 ? path : path.substring(0, query) + "?…";
        return LONG_DIGIT_RUN.matcher(REDACTOR.redact(withoutQuery)).replaceAll(match -> "*".repeat(match.group().length()));
    }
}
