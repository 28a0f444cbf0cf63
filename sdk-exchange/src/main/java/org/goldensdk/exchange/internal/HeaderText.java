package org.goldensdk.exchange.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Pattern;
import org.goldensdk.core.ValidationException;

/**
 * The textual forms of header values, in one place: RFC 3339 UTC timestamps with exactly three
 * fraction digits, decimal sizes, base64 binaries, and the XML 1.0 character rule every header
 * string obeys so the XML encoding can carry exactly the same value.
 */
public final class HeaderText {
    /** Longest header string accepted; header values are identifiers and short descriptions. */
    public static final int MAX_VALUE_LENGTH = 4096;

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern TIMESTAMP_FORM =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(\"[^\"\\p{Cntrl}]*\"|[A-Za-z0-9!#$&^_.+-]+))*");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

    private HeaderText() {
    }

    /** {@code 2026-03-01T08:00:00.000Z}; sub-millisecond precision is dropped. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Parses the strict timestamp form; anything else is refused, naming {@code field}. */
    public static Instant parseTimestamp(String field, String text) {
        if (!TIMESTAMP_FORM.matcher(text).matches()) {
            throw invalid(field, "timestamp", "must be an RFC 3339 UTC timestamp with milliseconds, e.g. 2026-03-01T08:00:00.000Z");
        }
        try {
            Instant instant = Instant.parse(text);
            if (!timestamp(instant).equals(text)) {
                throw invalid(field, "timestamp", "is not a valid calendar time");
            }
            return instant;
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid(field, "timestamp", "is not a valid calendar time");
        }
    }

    /** A non-negative decimal without sign or leading zeros. */
    public static long parseSize(String field, String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw invalid(field, "size", "must be a decimal number of bytes without sign or leading zeros");
        }
        return Long.parseLong(text);
    }

    /** Checks an RFC 6838 media type with optional parameters, e.g. {@code application/json; charset=utf-8}. */
    public static String requireMediaType(String field, String value) {
        java.util.Objects.requireNonNull(value, field);
        if (value.length() > 255 || !MEDIA_TYPE.matcher(value).matches()) {
            throw invalid(field, "mediaType", "must be a media type such as application/json or application/pdf");
        }
        return value;
    }

    /** Standard padded base64 (RFC 4648 §4). */
    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Decodes standard padded base64 that re-encodes to the same text. */
    public static byte[] parseBase64(String field, String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (!base64(bytes).equals(text)) {
                throw invalid(field, "base64", "must be canonical padded base64 (RFC 4648 §4)");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw invalid(field, "base64", "must be padded base64 (RFC 4648 §4)");
        }
    }

    /**
     * Checks a header string: at most {@link #MAX_VALUE_LENGTH} characters, all of them characters
     * XML 1.0 can carry, no unpaired surrogate.
     */
    public static String requireCarriable(String field, String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw invalid(field, "length", "is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || !isXmlChar(c)) {
                throw invalid(field, "xmlCharacter", "holds character U+" + String.format("%04X", (int) c)
                        + " at index " + i + ", which XML 1.0 cannot carry; remove control characters");
            }
        }
        return value;
    }

    private static boolean isXmlChar(char c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }

    /** A validation error for header field {@code field}, rule {@code envelope.<rule>}. */
    public static ValidationException invalid(String field, String rule, String message) {
        return new ValidationException(field, "envelope." + rule, field + " " + message);
    }
}
