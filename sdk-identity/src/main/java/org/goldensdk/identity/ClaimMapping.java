package org.goldensdk.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.CitizenId;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.PartyId;

/**
 * Which claims (or CAS attributes) make a {@link GovPrincipal}. The defaults are the Golden identity
 * service's contract: {@code gov_kind} ({@code natural_person}, {@code legal_person},
 * {@code civil_servant}, {@code application}), {@code name}, {@code citizen_id}, {@code credit_code},
 * {@code agency}, {@code roles} (array), {@code scope} (space-separated, or an {@code scp} array),
 * {@code acr} ({@code urn:golden:acr:password|sms|certificate}), {@code auth_time}, {@code party} and
 * {@code client_id} (or {@code azp}). Another provider's names are configured with the builder.
 *
 * <p>When the kind claim is absent, a token whose subject is its client id is an
 * {@link PrincipalKind#APPLICATION} (what client-credentials tokens of standard providers look
 * like) and anything else a {@link PrincipalKind#NATURAL_PERSON}. Immutable.
 */
public final class ClaimMapping {

    private static final ClaimMapping DEFAULTS = builder().build();

    private final String kindClaim;
    private final String nameClaim;
    private final String citizenIdClaim;
    private final String creditCodeClaim;
    private final String agencyClaim;
    private final String rolesClaim;
    private final String partyClaim;
    private final Map<String, PrincipalKind> kinds;
    private final Map<String, AssuranceLevel> acrs;

    private ClaimMapping(Builder builder) {
        this.kindClaim = builder.kindClaim;
        this.nameClaim = builder.nameClaim;
        this.citizenIdClaim = builder.citizenIdClaim;
        this.creditCodeClaim = builder.creditCodeClaim;
        this.agencyClaim = builder.agencyClaim;
        this.rolesClaim = builder.rolesClaim;
        this.partyClaim = builder.partyClaim;
        this.kinds = Map.copyOf(builder.kinds);
        this.acrs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.acrs));
    }

    /** The Golden identity service's claim names and values. */
    public static ClaimMapping defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The principal the validated {@code claims} describe. Values are JSON types as a JWT library
     * gives them: strings, numbers (seconds since the epoch for times), lists; a CAS attribute list of
     * one value counts as that value.
     *
     * @throws AuthenticationException when {@code sub} is missing, the kind is unknown, or a citizen
     *     ID, credit code or party id is malformed (the message names the claim, never its value)
     */
    public GovPrincipal principal(Map<String, ?> claims) {
        String subject = string(claims, "sub");
        if (subject == null || subject.isBlank()) {
            throw new AuthenticationException("the token has no subject (sub)");
        }
        String clientId = firstNonNull(string(claims, "client_id"), string(claims, "azp"));
        String kindValue = string(claims, kindClaim);
        PrincipalKind kind;
        if (kindValue == null) {
            kind = subject.equals(clientId) ? PrincipalKind.APPLICATION : PrincipalKind.NATURAL_PERSON;
        } else {
            kind = kinds.get(kindValue);
            if (kind == null) {
                throw new AuthenticationException("claim " + kindClaim + " has the unknown value '" + kindValue
                        + "'; known: " + kinds.keySet());
            }
        }
        String acr = string(claims, "acr");
        return new GovPrincipal(subject, string(claims, nameClaim), kind,
                parsed(claims, citizenIdClaim, "a valid citizen ID", CitizenId::parse),
                parsed(claims, creditCodeClaim, "a valid unified social credit code", CreditCode::parse),
                parsed(claims, agencyClaim, "a valid unified social credit code", CreditCode::parse),
                parsed(claims, partyClaim, "a valid party id (CN/{division}/{creditCode}/{system})", PartyId::parse),
                clientId, strings(claims.get(rolesClaim), false), scopes(claims),
                acr == null ? null : acrs.get(acr), instant(claims.get("auth_time")), instant(claims.get("exp")));
    }

    /** The {@code acr} value that asks the provider for {@code level} (the last one mapped to it). */
    String acrFor(AssuranceLevel level) {
        String acr = level.acr();
        for (Map.Entry<String, AssuranceLevel> entry : acrs.entrySet()) {
            if (entry.getValue() == level) {
                acr = entry.getKey();
            }
        }
        return acr;
    }

    private static Set<String> scopes(Map<String, ?> claims) {
        Set<String> scopes = strings(claims.get("scope"), true);
        scopes.addAll(strings(claims.get("scp"), true));
        return scopes;
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parsed(Map<String, ?> claims, String claim, String what, Parser<T> parser) {
        String value = string(claims, claim);
        if (value == null) {
            return null;
        }
        try {
            return parser.parse(value);
        } catch (GoldenException | IllegalArgumentException e) {
            // the value may be personal data: the message names the claim only
            throw new AuthenticationException("claim " + claim + " is not " + what);
        }
    }

    private static String string(Map<String, ?> claims, String name) {
        Object value = claims.get(name);
        if (value instanceof Collection<?> list) {
            value = list.size() == 1 ? list.iterator().next() : null;
        }
        return value == null ? null : value.toString();
    }

    private static Set<String> strings(Object value, boolean spaceSeparated) {
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof Collection<?> list) {
            list.forEach(item -> result.addAll(strings(item, spaceSeparated)));
        } else if (value != null) {
            for (String part : spaceSeparated ? value.toString().trim().split("\\s+") : new String[] {value.toString()}) {
                if (!part.isBlank()) {
                    result.add(part);
                }
            }
        }
        return result;
    }

    private static Instant instant(Object value) {
        if (value instanceof Number number) {
            return Instant.ofEpochSecond(number.longValue());
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant();
        }
        if (value instanceof String text && text.matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        return null;
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }

    /** Builds a {@link ClaimMapping}, starting from the defaults. Not thread-safe. */
    public static final class Builder {
        private String kindClaim = "gov_kind";
        private String nameClaim = "name";
        private String citizenIdClaim = "citizen_id";
        private String creditCodeClaim = "credit_code";
        private String agencyClaim = "agency";
        private String rolesClaim = "roles";
        private String partyClaim = "party";
        private final Map<String, PrincipalKind> kinds = new LinkedHashMap<>();
        private final Map<String, AssuranceLevel> acrs = new LinkedHashMap<>();

        private Builder() {
            for (PrincipalKind kind : PrincipalKind.values()) {
                kinds.put(kind.name().toLowerCase(Locale.ROOT), kind);
            }
            for (AssuranceLevel level : AssuranceLevel.values()) {
                acrs.put(level.acr(), level);
            }
        }

        /** The claim naming the principal's kind; default {@code gov_kind}. */
        public Builder kindClaim(String claim) {
            this.kindClaim = name(claim, "kindClaim");
            return this;
        }

        /** Also reads {@code value} of the kind claim as {@code kind}. */
        public Builder kind(String value, PrincipalKind kind) {
            kinds.put(Objects.requireNonNull(value, "value"), Objects.requireNonNull(kind, "kind"));
            return this;
        }

        /** The display name's claim; default {@code name}. */
        public Builder nameClaim(String claim) {
            this.nameClaim = name(claim, "nameClaim");
            return this;
        }

        /** The citizen ID's claim; default {@code citizen_id}. */
        public Builder citizenIdClaim(String claim) {
            this.citizenIdClaim = name(claim, "citizenIdClaim");
            return this;
        }

        /** The legal person's credit code claim; default {@code credit_code}. */
        public Builder creditCodeClaim(String claim) {
            this.creditCodeClaim = name(claim, "creditCodeClaim");
            return this;
        }

        /** The claim with the credit code of the agency a civil servant or application acts for; default {@code agency}. */
        public Builder agencyClaim(String claim) {
            this.agencyClaim = name(claim, "agencyClaim");
            return this;
        }

        /** The roles claim (array or single string); default {@code roles}. */
        public Builder rolesClaim(String claim) {
            this.rolesClaim = name(claim, "rolesClaim");
            return this;
        }

        /** The exchange party claim of application tokens; default {@code party}. */
        public Builder partyClaim(String claim) {
            this.partyClaim = name(claim, "partyClaim");
            return this;
        }

        /** Also reads {@code acr} value {@code acr} as {@code level} (a provider's own URNs or LoA numbers). */
        public Builder acr(String acr, AssuranceLevel level) {
            acrs.put(Objects.requireNonNull(acr, "acr"), Objects.requireNonNull(level, "level"));
            return this;
        }

        private static String name(String claim, String key) {
            if (claim == null || claim.isBlank()) {
                throw new ConfigurationException(key, "must name a claim");
            }
            return claim;
        }

        /** The mapping. */
        public ClaimMapping build() {
            return new ClaimMapping(this);
        }
    }
}
