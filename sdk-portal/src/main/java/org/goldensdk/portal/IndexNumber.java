package org.goldensdk.portal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.goldensdk.core.ValidationException;

/**
 * A 索引号 (index number) of 政府信息公开: {@code {9-character GB 11714 organisation code}/{yyyy}-{nnnnn}},
 * 20 characters, e.g. {@code MB0000043/2026-00001}. The portal allocates it when an article is
 * first published — unique per agency and year, never changed, also after a withdrawal.
 *
 * @param value the 20 characters
 */
public record IndexNumber(@JsonValue String value) {
    private static final Pattern FORMAT = Pattern.compile("([0-9A-Z]{9})/(\\d{4})-(\\d{5})");

    /**
     * Checks the format.
     *
     * @throws ValidationException if {@code value} is not {@code XXXXXXXXX/yyyy-nnnnn}
     */
    public IndexNumber {
        Objects.requireNonNull(value, "value");
        Matcher matcher = FORMAT.matcher(value);
        if (!matcher.matches() || Integer.parseInt(matcher.group(3)) == 0) {
            throw new ValidationException("indexNumber", "metadata.indexNumber",
                    "an index number (索引号) is the 9-character organisation code, '/', the year, '-' and a serial"
                            + " of five digits from 00001, e.g. MB0000043/2026-00001");
        }
    }

    /** Parses {@code text}; see {@link #IndexNumber(String)}. */
    @JsonCreator
    public static IndexNumber parse(String text) {
        return new IndexNumber(text);
    }

    /**
     * The index number of the {@code serial}-th publication of {@code year} by the agency with
     * organisation code {@code organizationCode}.
     *
     * @throws ValidationException if a part is out of range
     */
    public static IndexNumber of(String organizationCode, int year, int serial) {
        if (year < 1000 || year > 9999 || serial < 1 || serial > 99_999) {
            throw new ValidationException("indexNumber", "metadata.indexNumber",
                    "year must have four digits and the serial be 1–99999, got " + year + " and " + serial);
        }
        return new IndexNumber(String.format("%s/%04d-%05d", organizationCode, year, serial));
    }

    /** The organisation code part. */
    public String organizationCode() {
        return value.substring(0, 9);
    }

    /** The year part. */
    public int year() {
        return Integer.parseInt(value.substring(10, 14));
    }

    /** The serial part, from 1. */
    public int serial() {
        return Integer.parseInt(value.substring(15));
    }

    @Override
    public String toString() {
        return value;
    }
}
