package org.goldensdk.core.internal;

import org.goldensdk.core.PersonalDataKind;

/** The one masking rule for personal data shown to people: keep a few leading and trailing characters. */
public final class Masking {
    /** Mask character used everywhere. */
    public static final char MASK = '*';

    private Masking() {
    }

    /** How many trailing characters stay visible, for every kind. */
    public static final int KEEP_LAST = 4;

    /** How many leading characters stay visible: 3 of a mobile number, 6 (the division or card issuer) otherwise. */
    public static int keepFirst(PersonalDataKind kind) {
        return kind == PersonalDataKind.MOBILE_NUMBER ? 3 : 6;
    }

    /** {@code value} masked as {@code kind} is everywhere, e.g. {@code 138****5678}. */
    public static String mask(CharSequence value, PersonalDataKind kind) {
        return mask(value, keepFirst(kind), KEEP_LAST);
    }

    /** {@code value} with every character but the first {@code keepFirst} and last {@code keepLast} masked. */
    private static String mask(CharSequence value, int keepFirst, int keepLast) {
        StringBuilder out = new StringBuilder(value);
        for (int i = keepFirst; i < value.length() - keepLast; i++) {
            out.setCharAt(i, MASK);
        }
        return out.toString();
    }
}
