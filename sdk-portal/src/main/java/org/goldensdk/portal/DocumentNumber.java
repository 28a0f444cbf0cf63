package org.goldensdk.portal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.goldensdk.core.ValidationException;

/**
 * A 文号 (document number) as GB/T 9704 writes it: the issuer's code, the year in hexagonal
 * brackets 〔〕 and the serial followed by 号, e.g. {@code 武农发〔2026〕3号}. Square brackets, round
 * brackets, leading zeros and a missing 号 are refused, naming the correct form.
 *
 * @param value the document number as written
 */
public record DocumentNumber(@JsonValue String value) {
    private static final Pattern FORMAT = Pattern.compile("([\\p{IsHan}A-Za-z]{1,20})〔(\\d{4})〕([1-9]\\d{0,4})号");

    /**
     * Checks the format.
     *
     * @throws ValidationException if it is not {@code 机关代字〔年份〕序号号}
     */
    public DocumentNumber {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new ValidationException("documentNumber", "metadata.documentNumber",
                    "a document number (文号) is the issuer's code, the four-digit year in 〔〕 and the serial"
                            + " without leading zeros followed by 号, e.g. 武农发〔2026〕3号");
        }
    }

    /** Parses {@code text}; see {@link #DocumentNumber(String)}. */
    @JsonCreator
    public static DocumentNumber parse(String text) {
        return new DocumentNumber(text);
    }

    /** The issuer's code, e.g. 武农发. */
    public String issuerCode() {
        return part(1);
    }

    /** The year. */
    public int year() {
        return Integer.parseInt(part(2));
    }

    /** The serial. */
    public int serial() {
        return Integer.parseInt(part(3));
    }

    private String part(int group) {
        Matcher matcher = FORMAT.matcher(value);
        matcher.matches();
        return matcher.group(group);
    }

    @Override
    public String toString() {
        return value;
    }
}
