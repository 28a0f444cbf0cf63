package org.goldensdk.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.goldensdk.core.internal.Violation;

/**
 * A party on the exchange platform: one business system of one agency, written
 * {@code CN/{division}/{creditCode}/{system}}, e.g. {@code CN/420100/11420100MB00000196/invoice}.
 *
 * <ul>
 *   <li>division — a {@link DivisionCode} (GB/T 2260 shape);</li>
 *   <li>creditCode — the agency's {@link CreditCode} (GB 32100, STRICT when parsed from text);</li>
 *   <li>system — the business system's code: 1–32 characters, lower-case ASCII letters, digits and
 *       {@code '-'}, starting with a letter ({@code invoice}, {@code declaration}, {@code tax-v2}).
 *       Kept this narrow so a party id is safe in URLs, file names, log lines and XML without
 *       escaping, and cannot smuggle personal data such as an ID number.</li>
 * </ul>
 * The parts are not cross-checked: an agency registered at one level may run a system for another
 * division. Immutable, thread-safe, equal by value; {@link #toString()} is the canonical text.
 */
public final class PartyId {
    private static final Pattern SYSTEM = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final String COUNTRY = "CN";

    private final DivisionCode division;
    private final CreditCode creditCode;
    private final String system;

    private PartyId(DivisionCode division, CreditCode creditCode, String system) {
        this.division = division;
        this.creditCode = creditCode;
        this.system = system;
    }

    /**
     * Builds a party from typed parts (a LENIENTly parsed credit code is allowed here).
     *
     * @throws ValidationException with rule {@code PartyId.system} when the system code breaks its rule
     */
    public static PartyId of(DivisionCode division, CreditCode creditCode, String system) {
        Objects.requireNonNull(division, "division");
        Objects.requireNonNull(creditCode, "creditCode");
        Objects.requireNonNull(system, "system");
        if (!SYSTEM.matcher(system).matches()) {
            throw Violation.PARTY_SYSTEM.toException("partyId.system");
        }
        return new PartyId(division, creditCode, system);
    }

    /**
     * Parses {@code CN/{division}/{creditCode}/{system}}, reporting every broken part at once.
     *
     * @throws ValidationException with rule {@code PartyId.format} when the text does not have four
     *     parts starting with {@code CN}, otherwise one finding per broken part (rules of
     *     {@link DivisionCode}, {@link CreditCode} and {@code PartyId.system})
     */
    public static PartyId parse(CharSequence text) {
        String[] parts = text.toString().split("/", -1);
        if (parts.length != 4 || !COUNTRY.equals(parts[0])) {
            throw Violation.PARTY_FORMAT.toException("partyId");
        }
        List<Finding> findings = new ArrayList<>();
        DivisionCode division = collect(findings, "partyId.division", () -> DivisionCode.parse(parts[1]));
        CreditCode creditCode = collect(findings, "partyId.creditCode", () -> CreditCode.parse(parts[2]));
        if (!SYSTEM.matcher(parts[3]).matches()) {
            findings.add(Violation.PARTY_SYSTEM.toFinding("partyId.system"));
        }
        if (!findings.isEmpty()) {
            throw new ValidationException(findings);
        }
        return new PartyId(division, creditCode, parts[3]);
    }

    private static <T> T collect(List<Finding> findings, String field, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (ValidationException e) {
            e.findings().forEach(f -> findings.add(new Finding(field, f.rule(), f.message())));
            return null;
        }
    }

    /** The division part. */
    public DivisionCode division() {
        return division;
    }

    /** The agency's credit code. */
    public CreditCode creditCode() {
        return creditCode;
    }

    /** The business system's code, e.g. {@code invoice}. */
    public String system() {
        return system;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PartyId that && division.equals(that.division)
                && creditCode.equals(that.creditCode) && system.equals(that.system);
    }

    @Override
    public int hashCode() {
        return Objects.hash(division, creditCode, system);
    }

    /** The canonical text {@code CN/{division}/{creditCode}/{system}}; contains no personal data. */
    @Override
    public String toString() {
        return COUNTRY + '/' + division + '/' + creditCode + '/' + system;
    }
}
