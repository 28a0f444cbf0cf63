package org.goldensdk.core;

import org.goldensdk.core.internal.IdentifierRules;
import org.goldensdk.core.internal.Violation;

/**
 * An administrative division code in the shape of GB/T 2260 (e.g. {@code 420100}, Wuhan).
 *
 * <p>Rule: exactly six ASCII digits whose first two are a GB/T 2260 province code — the mainland
 * provinces 11–15, 21–23, 31–37, 41–46, 50–54, 61–65 with any prefecture and county digits — or one
 * of the whole codes 710000 (Taiwan), 810000 (Hong Kong), 820000 (Macau), 830000 (the prefix of
 * Taiwan residents' residence permits) and 100000 (the national level GB 32100 uses for central
 * agencies). Only the shape is checked, not membership of the current GB/T 2260 list: citizen IDs
 * keep the division codes of the year they were issued, many of which no longer exist.
 *
 * <p>Immutable, thread-safe, equal by value.
 */
public final class DivisionCode {
    private final String value;

    private DivisionCode(String value) {
        this.value = value;
    }

    /**
     * Parses a six-digit division code.
     *
     * @throws ValidationException with rule {@code GBT2260.format} or {@code GBT2260.province}
     */
    public static DivisionCode parse(CharSequence text) {
        Violation violation = IdentifierRules.checkDivision(text);
        if (violation != null) {
            throw violation.toException("divisionCode");
        }
        return new DivisionCode(text.toString());
    }

    /** The six digits. */
    public String value() {
        return value;
    }

    /** The two-digit province part, e.g. {@code 42} for Hubei. */
    public String provinceCode() {
        return value.substring(0, 2);
    }

    /** The province-level code this division belongs to, e.g. {@code 420000} for {@code 420106}. */
    public DivisionCode province() {
        return value.endsWith("0000") ? this : new DivisionCode(provinceCode() + "0000");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DivisionCode that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The six digits (division codes are not personal data). */
    @Override
    public String toString() {
        return value;
    }
}
