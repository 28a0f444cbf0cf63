package org.goldensdk.identity;

/** Who a {@link GovPrincipal} is. */
public enum PrincipalKind {
    /** A citizen or resident (自然人), identified by a citizen ID. */
    NATURAL_PERSON,
    /** A company or organisation (法人), identified by its unified social credit code. */
    LEGAL_PERSON,
    /** A government employee acting for an agency. */
    CIVIL_SERVANT,
    /** A system calling with an app token (client credentials). */
    APPLICATION
}
