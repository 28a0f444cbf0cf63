package org.goldensdk.core.internal.codec;

import java.util.Optional;
import org.goldensdk.core.MalformedInputException;

/** Turns parser failures into {@link MalformedInputException}s whose messages stay short and safe to log. */
public final class InputErrors {

    /** Longest parser detail quoted in a message, so input echoed by a parser stays a fragment. */
    private static final int MAX_DETAIL_CHARS = 200;

    private InputErrors() {
    }

    /** The first throwable of {@code type} in the cause chain of {@code failure}, if any. */
    public static <T extends Throwable> Optional<T> findCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** A parser's own message cut to a fragment, control characters replaced, for quoting. */
    public static String detail(String parserMessage) {
        if (parserMessage == null || parserMessage.isBlank()) {
            return "no detail given by the parser";
        }
        String flat = parserMessage.strip().replaceAll("\\p{Cntrl}+", " ");
        return flat.length() <= MAX_DETAIL_CHARS ? flat : flat.substring(0, MAX_DETAIL_CHARS) + "…";
    }

    /** " at line L, column C" when both are known, else "". */
    public static String at(int line, int column) {
        return line > 0 && column > 0 ? " at line " + line + ", column " + column : "";
    }
}
