package org.goldensdk.core;

import java.util.Optional;
import org.goldensdk.core.internal.CheckCharacters;
import org.goldensdk.core.internal.IdentifierRules;
import org.goldensdk.core.internal.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015), e.g. {@code 11420100MB00000196}.
 *
 * <p>Layout: character 1 registration-management authority (1 = 机构编制, 5 = 民政, 9 = 工商 …),
 * character 2 organisation type within that authority (for authority 1: 1 = 机关; for 9: 1 =
 * enterprise, 2 = individual business …), characters 3–8 the registering authority's GB/T 2260
 * division code, characters 9–17 the organisation code (GB 11714 body and check), character 18
 * the check character. All 18 characters come from the 31-character alphabet 0-9 A-H J-N P-R T-U
 * W-Y; the check character makes {@code sum(value_i * 3^(i-1) mod 31) + check} divisible by 31.
 *
 * <p>Codes in circulation that fail the check exist, so {@link Strictness#LENIENT} accepts a
 * wrong check character, marks it ({@link #hasValidCheckCharacter()}) and logs a warning; every
 * other rule still applies. Credit codes identify organisations, not people, and are printed in
 * clear. Immutable, thread-safe, equal by value.
 */
public final class CreditCode {
    private static final Logger LOG = LoggerFactory.getLogger(CreditCode.class);

    /** What {@link #parse(CharSequence, Strictness)} does with a check character that does not match. */
    public enum Strictness {
        /** Reject it with rule {@code GB32100.checkCharacter}. */
        STRICT,
        /** Accept it, mark it and log a warning. */
        LENIENT
    }

    private final String value;
    private final boolean validCheckCharacter;

    private CreditCode(String value, boolean validCheckCharacter) {
        this.value = value;
        this.validCheckCharacter = validCheckCharacter;
    }

    /**
     * Parses a code {@link Strictness#STRICT}ly.
     *
     * @throws ValidationException with rule {@code GB32100.length}, {@code GB32100.alphabet},
     *     {@code GB32100.division} or {@code GB32100.checkCharacter}
     */
    public static CreditCode parse(CharSequence text) {
        return parse(text, Strictness.STRICT);
    }

    /**
     * Parses a code; with {@link Strictness#LENIENT} a wrong check character is accepted and logged.
     *
     * @throws ValidationException when a rule is broken (see {@link #parse(CharSequence)})
     */
    public static CreditCode parse(CharSequence text, Strictness strictness) {
        Violation violation = IdentifierRules.checkCreditCodeShape(text);
        if (violation != null) {
            throw violation.toException("creditCode");
        }
        String value = text.toString();
        boolean validCheck = CheckCharacters.gb32100(value) == value.charAt(17);
        if (!validCheck) {
            if (strictness == Strictness.STRICT) {
                throw Violation.CREDIT_CHECK_CHARACTER.toException("creditCode");
            }
            LOG.warn("Credit code {} fails the GB 32100 check character (expected {}); accepted because "
                    + "strictness is LENIENT", value, CheckCharacters.gb32100(value));
        }
        return new CreditCode(value, validCheck);
    }

    /** The 18 characters; the canonical form. */
    public String value() {
        return value;
    }

    /** Whether character 18 matches the GB 32100 checksum; always true for a STRICT parse. */
    public boolean hasValidCheckCharacter() {
        return validCheckCharacter;
    }

    /** Character 1: the registration-management authority code (e.g. {@code '1'} 机构编制, {@code '9'} 工商). */
    public char registrationAuthorityCode() {
        return value.charAt(0);
    }

    /** Character 2: the organisation type within the authority (e.g. {@code '1'} 机关 under authority 1). */
    public char organizationTypeCode() {
        return value.charAt(1);
    }

    /** Whether this is a government organ (authority 1 = 机构编制, type 1 = 机关): the code starts {@code 11}. */
    public boolean isGovernmentOrgan() {
        return value.startsWith("11");
    }

    /** Characters 3–8: the registering authority's division. */
    public DivisionCode division() {
        return DivisionCode.parse(value.substring(2, 8));
    }

    /** Characters 9–17 as written: the embedded organisation code, which need not pass GB 11714. */
    public String organizationCodePart() {
        return value.substring(8, 17);
    }

    /**
     * Characters 9–17 as a GB 11714 organisation code, when they pass its check (a code accepted
     * {@link Strictness#LENIENT}ly may carry a mistyped organisation code too).
     */
    public Optional<OrganizationCode> organizationCode() {
        String part = organizationCodePart();
        return IdentifierRules.checkOrganizationCode(part) == null
                ? Optional.of(OrganizationCode.parse(part))
                : Optional.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CreditCode that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The 18 characters in clear: credit codes identify organisations and are public. */
    @Override
    public String toString() {
        return value;
    }
}
