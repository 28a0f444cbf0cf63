package org.goldensdk.core;

import org.goldensdk.core.internal.IdentifierRules;
import org.goldensdk.core.internal.Masking;
import org.goldensdk.core.internal.Violation;

/**
 * A mainland China mobile number: 11 digits, {@code 1} then 3–9 then nine digits, optionally written
 * with the country code {@code +86} (or {@code 0086}) in front. Personal data: {@link #toString()}
 * masks it ({@code 138****5678}). Immutable, thread-safe, equal by value.
 */
public final class MobileNumber {
    private final String value;

    private MobileNumber(String value) {
        this.value = value;
    }

    /**
     * Parses {@code 13812345678}, {@code +8613812345678} or {@code 008613812345678}.
     *
     * @throws ValidationException with rule {@code MobileNumber.format}; the message never contains the number
     */
    public static MobileNumber parse(CharSequence text) {
        String number = stripCountryCode(text.toString());
        Violation violation = IdentifierRules.checkMobile(number);
        if (violation != null) {
            throw violation.toException("mobileNumber");
        }
        return new MobileNumber(number);
    }

    private static String stripCountryCode(String text) {
        for (String prefix : new String[] {"+86", "0086"}) {
            if (text.startsWith(prefix)) {
                return text.substring(prefix.length());
            }
        }
        return text;
    }

    /** The 11 digits in clear, without country code. Personal data: never log or display it. */
    public String unmaskedValue() {
        return value;
    }

    /** The number in E.164 form, {@code +86} followed by the 11 digits. Personal data. */
    public String e164() {
        return "+86" + value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MobileNumber that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The masked number: first three and last four digits kept, e.g. {@code 138****5678}. */
    @Override
    public String toString() {
        return Masking.mask(value, PersonalDataKind.MOBILE_NUMBER);
    }
}
