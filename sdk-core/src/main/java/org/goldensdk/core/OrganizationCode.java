package org.goldensdk.core;

import org.goldensdk.core.internal.IdentifierRules;
import org.goldensdk.core.internal.Violation;

/**
 * A GB 11714 organisation code (组织机构代码): eight body characters 0-9/A-Z and a check character
 * 0-9 or X, written with or without a hyphen before the check character ({@code MA4K0000-2}).
 *
 * <p>Check rule (GB 11714-1997): body characters are worth 0–35 (A = 10 … Z = 35), weighted
 * 3, 7, 9, 10, 5, 8, 4, 2; the check value is {@code 11 - (sum mod 11)}, written X for 10 and 0 for
 * 11. The code is MOD 11 over a 36-symbol alphabet, so unlike MOD 11-2 it misses some errors: a
 * substitution between two characters whose values are congruent modulo 11 (e.g. {@code 1} and
 * {@code C}) and an adjacent transposition of two such characters. Since 2015 the code lives on as
 * characters 9–17 of the unified social credit code.
 *
 * <p>Immutable, thread-safe, equal by value.
 */
public final class OrganizationCode {
    private final String value;

    private OrganizationCode(String value) {
        this.value = value;
    }

    /**
     * Parses {@code XXXXXXXXY} or {@code XXXXXXXX-Y} (upper-case letters only).
     *
     * @throws ValidationException with rule {@code GB11714.format} or {@code GB11714.checkCharacter}
     */
    public static OrganizationCode parse(CharSequence text) {
        String compact = text.length() == 10 && text.charAt(8) == '-'
                ? text.subSequence(0, 8).toString() + text.charAt(9)
                : text.toString();
        Violation violation = IdentifierRules.checkOrganizationCode(compact);
        if (violation != null) {
            throw violation.toException("organizationCode");
        }
        return new OrganizationCode(compact);
    }

    /** The nine characters without hyphen, e.g. {@code MA4K00002}; the canonical form. */
    public String value() {
        return value;
    }

    /** The hyphenated form printed on certificates, e.g. {@code MA4K0000-2}. */
    public String hyphenated() {
        return value.substring(0, 8) + '-' + value.charAt(8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrganizationCode that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The canonical nine characters (organisation codes are not personal data). */
    @Override
    public String toString() {
        return value;
    }
}
