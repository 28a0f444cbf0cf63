package org.goldensdk.core.internal.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration forms configuration accepts: {@code 500ms 10s 5m 2h 1d} and ISO-8601. */
public final class DurationFormat {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private DurationFormat() {
    }

    /** Parses {@code text}; negative durations are refused. */
    public static Duration parse(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT.matcher(trimmed);
        Duration duration;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else if (trimmed.startsWith("p")) {
            duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        } else {
            throw new DateTimeParseException("not a duration", text, 0);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration");
        }
        return duration;
    }
}
