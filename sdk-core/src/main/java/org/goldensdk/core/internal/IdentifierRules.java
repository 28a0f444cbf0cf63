package org.goldensdk.core.internal;

import java.time.LocalDate;
import java.time.Year;
import java.util.Set;

/**
 * The validation rules of the identifier value types, written once so that parsing and the
 * redactor's detection agree. Each check returns the first rule broken, or {@code null} when the
 * input passes; none of them throws or allocates, so the redactor can try many candidates cheaply.
 */
public final class IdentifierRules {
    /** Birth dates before this are rejected: GB 11643 numbers were issued to people alive in 1984 onward. */
    public static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65");
    /** Codes valid only as a whole: Taiwan, Hong Kong, Macau, the residence-permit Taiwan prefix, national level. */
    private static final Set<String> WHOLE_CODES = Set.of("710000", "810000", "820000", "830000", "100000");

    private IdentifierRules() {
    }

    /**
     * Checks a GB/T 2260-shaped division code: six digits whose first two are a province code
     * (mainland provinces 11–65), or one of 710000, 810000, 820000, 830000 and 100000.
     */
    public static Violation checkDivision(CharSequence code) {
        if (code.length() != 6 || !allDigits(code, 0, 6)) {
            return Violation.DIVISION_FORMAT;
        }
        String text = code.toString();
        return PROVINCES.contains(text.substring(0, 2)) || WHOLE_CODES.contains(text) ? null : Violation.DIVISION_PROVINCE;
    }

    /** Whether two digits are a mainland province code (11–65 as listed in GB/T 2260). */
    public static boolean isMainlandProvince(CharSequence twoDigits) {
        return PROVINCES.contains(twoDigits.toString());
    }

    /**
     * Checks a citizen ID in canonical form (upper-case {@code X}): the 18-character GB 11643 forms
     * (resident, HK/Macau/Taiwan residence permit, 2023 foreigner's permanent-residence ID) or the
     * legacy 15-digit form. Births must lie between 1900-01-01 and {@code today}.
     */
    public static Violation checkCitizenId(CharSequence id, LocalDate today) {
        if (id.length() == 15) {
            if (!allDigits(id, 0, 15)) {
                return Violation.CITIZEN_FORMAT;
            }
            if (checkDivision(id.subSequence(0, 6)) != null) {
                return Violation.CITIZEN_DIVISION;
            }
            return checkBirthDate(id, 6, true, today);
        }
        if (id.length() != 18 || !allDigits(id, 0, 17)) {
            return Violation.CITIZEN_FORMAT;
        }
        char check = id.charAt(17);
        if (!(check >= '0' && check <= '9') && check != 'X') {
            return Violation.CITIZEN_FORMAT;
        }
        if (CheckCharacters.mod11Two(id) != check) {
            return Violation.CITIZEN_CHECK_DIGIT;
        }
        if (id.charAt(0) == '9') {
            if (!isMainlandProvince(id.subSequence(1, 3))) {
                return Violation.PERMANENT_RESIDENCE_PROVINCE;
            }
        } else if (checkDivision(id.subSequence(0, 6)) != null) {
            return Violation.CITIZEN_DIVISION;
        }
        return checkBirthDate(id, 6, false, today);
    }

    /** The birth date at {@code offset} (yyyyMMdd, or yyMMdd in the 20th century when {@code legacy}). */
    public static LocalDate birthDate(CharSequence id, int offset, boolean legacy) {
        int at = monthOffset(offset, legacy);
        return LocalDate.of(birthYear(id, offset, legacy), number(id, at, 2), number(id, at + 2, 2));
    }

    private static int birthYear(CharSequence id, int offset, boolean legacy) {
        return legacy ? 1900 + number(id, offset, 2) : number(id, offset, 4);
    }

    private static int monthOffset(int offset, boolean legacy) {
        return offset + (legacy ? 2 : 4);
    }

    private static Violation checkBirthDate(CharSequence id, int offset, boolean legacy, LocalDate today) {
        int year = birthYear(id, offset, legacy);
        int at = monthOffset(offset, legacy);
        int month = number(id, at, 2);
        int day = number(id, at + 2, 2);
        if (year < EARLIEST_BIRTH_DATE.getYear() || year > today.getYear() || month < 1 || month > 12
                || day < 1 || day > Year.of(year).atMonth(month).lengthOfMonth()) {
            return Violation.CITIZEN_BIRTH_DATE;
        }
        return LocalDate.of(year, month, day).isAfter(today) ? Violation.CITIZEN_BIRTH_DATE : null;
    }

    /** Checks an 11-digit mainland mobile number: {@code 1}, then 3–9, then nine digits. */
    public static Violation checkMobile(CharSequence number) {
        boolean ok = number.length() == 11 && allDigits(number, 0, 11)
                && number.charAt(0) == '1' && number.charAt(1) >= '3';
        return ok ? null : Violation.MOBILE_FORMAT;
    }

    /**
     * Checks a unified social credit code's length, alphabet and division part; the check character
     * is left to the caller, whose strictness decides what a mismatch means.
     */
    public static Violation checkCreditCodeShape(CharSequence code) {
        if (code.length() != 18) {
            return Violation.CREDIT_LENGTH;
        }
        for (int i = 0; i < 18; i++) {
            if (CheckCharacters.GB32100_ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Violation.CREDIT_ALPHABET;
            }
        }
        return checkDivision(code.subSequence(2, 8)) == null ? null : Violation.CREDIT_DIVISION;
    }

    /** Checks a 9-character organisation code without hyphen: body 0-9/A-Z, check 0-9/X, GB 11714 checksum. */
    public static Violation checkOrganizationCode(CharSequence code) {
        if (code.length() != 9) {
            return Violation.ORGANIZATION_FORMAT;
        }
        for (int i = 0; i < 8; i++) {
            char c = code.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z')) {
                return Violation.ORGANIZATION_FORMAT;
            }
        }
        char check = code.charAt(8);
        if (!(check >= '0' && check <= '9') && check != 'X') {
            return Violation.ORGANIZATION_FORMAT;
        }
        return CheckCharacters.gb11714(code) == check ? null : Violation.ORGANIZATION_CHECK_CHARACTER;
    }

    /** Whether {@code text[from, to)} is all ASCII decimal digits. */
    public static boolean allDigits(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(CharSequence text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
