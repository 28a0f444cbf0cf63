package org.goldensdk.core.internal;

import org.goldensdk.core.Finding;
import org.goldensdk.core.ValidationException;

/**
 * Every identifier rule the SDK checks, with its stable rule name and a message that says what to
 * do. Messages are constants on purpose: they can never echo the (possibly personal) input.
 */
public enum Violation {
    CITIZEN_FORMAT("GB11643.format",
            "expected 18 characters (17 digits and a check character 0-9 or X) or the legacy 15 digits; "
                    + "look for a missing, extra or non-digit character"),
    CITIZEN_DIVISION("GB11643.division",
            "the first six digits are not a plausible GB/T 2260 administrative division code"),
    CITIZEN_BIRTH_DATE("GB11643.birthDate",
            "the birth-date digits are not a real calendar date between 1900-01-01 and today"),
    CITIZEN_CHECK_DIGIT("GB11643.checkDigit",
            "the check character does not match the ISO 7064 MOD 11-2 checksum; a digit was probably "
                    + "mistyped or two digits swapped"),
    PERMANENT_RESIDENCE_PROVINCE("NIA2023.province",
            "digits 2-3 of a foreigner's permanent-residence ID must be a mainland province code"),
    DIVISION_FORMAT("GBT2260.format", "an administrative division code is exactly six digits"),
    DIVISION_PROVINCE("GBT2260.province",
            "the first two digits are not a GB/T 2260 province code (11-65, 71, 81, 82; 83 and 10 only as "
                    + "830000 and 100000)"),
    CREDIT_LENGTH("GB32100.length", "a unified social credit code is exactly 18 characters"),
    CREDIT_ALPHABET("GB32100.alphabet",
            "only digits and the capital letters A-H, J-N, P-R, T, U, W-Y are allowed (no I, O, S, V, Z)"),
    CREDIT_DIVISION("GB32100.division", "characters 3-8 must be a GB/T 2260 administrative division code"),
    CREDIT_CHECK_CHARACTER("GB32100.checkCharacter",
            "the 18th character does not match the GB 32100 MOD 31 checksum; check for a mistyped or swapped "
                    + "character, or parse LENIENT if the issuing authority confirms the code"),
    ORGANIZATION_FORMAT("GB11714.format",
            "expected 8 characters 0-9 or A-Z, an optional hyphen, and a check character 0-9 or X"),
    ORGANIZATION_CHECK_CHARACTER("GB11714.checkCharacter",
            "the check character does not match the GB 11714 MOD 11 checksum"),
    MOBILE_FORMAT("MobileNumber.format",
            "expected a mainland mobile number: 11 digits starting 13-19, optionally preceded by +86"),
    PARTY_FORMAT("PartyId.format", "expected CN/{division}/{creditCode}/{system}, e.g. CN/420100/11420100MB00000196/invoice"),
    PARTY_SYSTEM("PartyId.system",
            "the system code is 1-32 characters: lower-case letters, digits and '-', starting with a letter");

    private final String rule;
    private final String message;

    Violation(String rule, String message) {
        this.rule = rule;
        this.message = message;
    }

    /** The stable rule name, e.g. {@code GB11643.checkDigit}. */
    public String rule() {
        return rule;
    }

    /** This violation as a finding about {@code field}. */
    public Finding toFinding(String field) {
        return new Finding(field, rule, message);
    }

    /** This violation as the exception a {@code parse} method throws. */
    public ValidationException toException(String field) {
        return new ValidationException(field, rule, message);
    }
}
