package org.goldensdk.core.internal;

/**
 * The check-character algorithms of the Chinese identifier standards, each written once and used
 * by the value types and by the redactor alike. Callers pass well-formed input (alphabet and length
 * already checked); the methods do not validate it again.
 */
public final class CheckCharacters {
    /** GB 32100 alphabet: digits and the upper-case letters without I, O, S, V and Z. */
    public static final String GB32100_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final int[] GB32100_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] GB11714_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private CheckCharacters() {
    }

    /**
     * ISO 7064 MOD 11-2 over 17 decimal digits (GB 11643): the character that makes the weighted
     * sum of all 18 positions congruent to 1 modulo 11, {@code 'X'} standing for 10.
     */
    public static char mod11Two(CharSequence seventeenDigits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            // ISO 7064 weight of position i (counted from the left of 18) is 2^(17-i) mod 11.
            sum = (sum * 2 + (seventeenDigits.charAt(i) - '0')) % 11;
        }
        int check = (12 - (sum * 2) % 11) % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    /** GB 32100 MOD 31 over the first 17 characters of a unified social credit code. */
    public static char gb32100(CharSequence seventeenChars) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += GB32100_ALPHABET.indexOf(seventeenChars.charAt(i)) * GB32100_WEIGHTS[i];
        }
        return GB32100_ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /**
     * GB 11714 MOD 11 over the 8 body characters of an organisation code (digits and A–Z worth
     * 10–35): {@code 11 - sum mod 11}, where 10 is written {@code 'X'} and 11 is written {@code '0'}.
     */
    public static char gb11714(CharSequence eightChars) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(eightChars.charAt(i), 36) * GB11714_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    /** Whether a string of decimal digits passes the Luhn (ISO/IEC 7812-1) check. */
    public static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
