package org.goldensdk.core;

/** The kinds of personal data the {@link Redactor} finds in free text. */
public enum PersonalDataKind {
    /** A valid {@link CitizenId} in any of its forms (checksum and birth date verified). */
    CITIZEN_ID,
    /** A mainland {@link MobileNumber}. */
    MOBILE_NUMBER,
    /** A Luhn-valid 16–19 digit card number with a known issuer prefix or a card word just before it. */
    BANK_CARD
}
