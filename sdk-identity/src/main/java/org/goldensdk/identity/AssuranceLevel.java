package org.goldensdk.identity;

/**
 * How strongly a person was authenticated, from the token's {@code acr} claim. Ordered: each level
 * is stronger than those before it, so {@link GovPrincipal#requireAssurance(AssuranceLevel)} can
 * demand a step-up.
 */
public enum AssuranceLevel {
    /** Password only. */
    PASSWORD("urn:golden:acr:password"),
    /** Password and a one-time code sent by SMS. */
    SMS("urn:golden:acr:sms"),
    /** A certificate (a digital certificate on a USB key or the national e-ID). */
    CERTIFICATE("urn:golden:acr:certificate");

    private final String acr;

    AssuranceLevel(String acr) {
        this.acr = acr;
    }

    /** The default {@code acr} value standing for this level (see {@link ClaimMapping.Builder#acr}). */
    public String acr() {
        return acr;
    }

    /** Whether this level is at least as strong as {@code other}. */
    public boolean isAtLeast(AssuranceLevel other) {
        return compareTo(other) >= 0;
    }
}
