package org.goldensdk.core;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.goldensdk.core.internal.CheckCharacters;
import org.goldensdk.core.internal.IdentifierRules;
import org.goldensdk.core.internal.Masking;
import org.goldensdk.core.internal.Violation;

/**
 * A person's identity number in one of the forms built on GB 11643 (公民身份号码) — personal data,
 * so {@link #toString()} masks it ({@code 110105********002X}) and only {@link #unmaskedValue()}
 * gives it in clear.
 *
 * <p>Accepted forms ({@link Kind}):
 * <ul>
 *   <li>{@link Kind#RESIDENT}: 6-digit GB/T 2260 address code, birth date yyyyMMdd, 3-digit
 *       sequence (odd = male), ISO 7064 MOD 11-2 check character (0-9 or X).</li>
 *   <li>{@link Kind#LEGACY_15}: the first-generation 15-digit form — address code, birth date
 *       yyMMdd in the 1900s, sequence, no check character; {@link #toEighteen()} converts it.</li>
 *   <li>{@link Kind#HONG_KONG_RESIDENCE_PERMIT}, {@link Kind#MACAU_RESIDENCE_PERMIT},
 *       {@link Kind#TAIWAN_RESIDENCE_PERMIT}: residence permits of Hong Kong, Macau and Taiwan
 *       residents (港澳台居民居住证, 2018): the resident layout with address code 810000, 820000 or
 *       830000.</li>
 *   <li>{@link Kind#FOREIGN_PERMANENT_RESIDENT}: the foreigner's permanent-residence ID issued
 *       from 1 December 2023 (新版外国人永久居留身份证, National Immigration Administration,
 *       "机读信息规则 2023"): 18 characters — {@code 9} (marks a foreigner; citizen numbers start
 *       1–8), 2 digits province of acceptance, 3 digits nationality (ISO 3166-1 numeric), birth
 *       date yyyyMMdd, 3-digit sequence, MOD 11-2 check character. The older 15-character form
 *       (3 letters + 12 digits) is not a GB 11643 number and is not accepted.</li>
 * </ul>
 * Every form needs a real calendar birth date between 1900-01-01 and today. A lower-case
 * {@code x} is accepted and normalised to {@code X}. Immutable, thread-safe, equal by value (a
 * 15-digit ID and its 18-digit conversion are different values).
 */
public final class CitizenId {
    /** Which form of number this is. */
    public enum Kind {
        /** An 18-character mainland resident identity number. */
        RESIDENT,
        /** The first-generation 15-digit number, without check character. */
        LEGACY_15,
        /** A Hong Kong resident's residence permit (address code 810000). */
        HONG_KONG_RESIDENCE_PERMIT,
        /** A Macau resident's residence permit (address code 820000). */
        MACAU_RESIDENCE_PERMIT,
        /** A Taiwan resident's residence permit (address code 830000). */
        TAIWAN_RESIDENCE_PERMIT,
        /** The 2023 foreigner's permanent-residence ID (first character 9). */
        FOREIGN_PERMANENT_RESIDENT
    }

    private static final String FIELD = "citizenId";

    private final String value;
    private final Kind kind;

    private CitizenId(String value) {
        this.value = value;
        this.kind = kindOf(value);
    }

    /**
     * Parses a number in any accepted form, judging birth dates against the system clock.
     *
     * @throws ValidationException with rule {@code GB11643.format}, {@code GB11643.checkDigit},
     *     {@code GB11643.division}, {@code GB11643.birthDate} or {@code NIA2023.province}; the
     *     message never contains the number
     */
    public static CitizenId parse(CharSequence text) {
        return parse(text, Clock.systemDefaultZone());
    }

    /** Parses as {@link #parse(CharSequence)}, judging "birth date not in the future" by {@code clock}. */
    public static CitizenId parse(CharSequence text, Clock clock) {
        String canonical = text.toString().toUpperCase(Locale.ROOT);
        Violation violation = IdentifierRules.checkCitizenId(canonical, LocalDate.now(clock));
        if (violation != null) {
            throw violation.toException(FIELD);
        }
        return new CitizenId(canonical);
    }

    private static Kind kindOf(String value) {
        if (value.length() == 15) {
            return Kind.LEGACY_15;
        }
        if (value.charAt(0) == '9') {
            return Kind.FOREIGN_PERMANENT_RESIDENT;
        }
        return switch (value.substring(0, 6)) {
            case "810000" -> Kind.HONG_KONG_RESIDENCE_PERMIT;
            case "820000" -> Kind.MACAU_RESIDENCE_PERMIT;
            case "830000" -> Kind.TAIWAN_RESIDENCE_PERMIT;
            default -> Kind.RESIDENT;
        };
    }

    /** Which form this number has. */
    public Kind kind() {
        return kind;
    }

    /**
     * The number in clear, canonical form (upper-case X). This is personal data: call it only to
     * hand the number to a system that needs it, never to log or display it.
     */
    public String unmaskedValue() {
        return value;
    }

    /** The holder's birth date. */
    public LocalDate birthDate() {
        return IdentifierRules.birthDate(value, 6, kind == Kind.LEGACY_15);
    }

    /**
     * The division: the 6-digit address code for residents and legacy numbers; 810000, 820000 or
     * 830000 for residence permits; the province of acceptance ({@code xx0000}) for a foreigner.
     */
    public DivisionCode division() {
        return DivisionCode.parse(kind == Kind.FOREIGN_PERMANENT_RESIDENT
                ? value.substring(1, 3) + "0000"
                : value.substring(0, 6));
    }

    /** The ISO 3166-1 numeric nationality code of a foreigner's permanent-residence ID; empty otherwise. */
    public Optional<String> nationalityCode() {
        return kind == Kind.FOREIGN_PERMANENT_RESIDENT ? Optional.of(value.substring(3, 6)) : Optional.empty();
    }

    /**
     * The 18-character form: a legacy 15-digit number gets century 19 inserted before its birth
     * year and a MOD 11-2 check character appended; an 18-character number is returned as is.
     */
    public CitizenId toEighteen() {
        if (kind != Kind.LEGACY_15) {
            return this;
        }
        String body = value.substring(0, 6) + "19" + value.substring(6);
        return new CitizenId(body + CheckCharacters.mod11Two(body));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CitizenId that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The masked number: the first six and last four characters kept, e.g. {@code 420106********1238}. */
    @Override
    public String toString() {
        return Masking.mask(value, PersonalDataKind.CITIZEN_ID);
    }
}
