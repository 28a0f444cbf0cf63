package org.goldensdk.identity;

import java.security.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.goldensdk.core.CitizenId;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.Redactor;

/**
 * Who is calling, as the government identity service describes them: subject, display name, kind,
 * citizen ID (natural persons and civil servants) or credit code (legal persons), the agency a civil
 * servant or application acts for, roles, scopes, assurance level and authentication time. Built from
 * a validated token's claims (or CAS attributes) by a {@link ClaimMapping}. Immutable.
 *
 * <p>Personal data never leaks through it by accident: {@link #toString()} prints the citizen ID
 * masked ({@code 110105********002X}) and leaves the display name out. {@link #getName()} (the
 * {@link Principal} name containers log and show) is the subject, not the person's name.
 */
public final class GovPrincipal implements Principal {

    private static final Redactor REDACTOR = Redactor.standard();

    private final String subject;
    private final String displayName;
    private final PrincipalKind kind;
    private final CitizenId citizenId;
    private final CreditCode creditCode;
    private final CreditCode agency;
    private final PartyId party;
    private final String clientId;
    private final Set<String> roles;
    private final Set<String> scopes;
    private final AssuranceLevel assurance;
    private final Instant authTime;
    private final Instant expiresAt;

    GovPrincipal(String subject, String displayName, PrincipalKind kind, CitizenId citizenId, CreditCode creditCode,
            CreditCode agency, PartyId party, String clientId, Set<String> roles, Set<String> scopes,
            AssuranceLevel assurance, Instant authTime, Instant expiresAt) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.displayName = displayName;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.citizenId = citizenId;
        this.creditCode = creditCode;
        this.agency = agency;
        this.party = party;
        this.clientId = clientId;
        this.roles = Set.copyOf(roles);
        this.scopes = Set.copyOf(scopes);
        this.assurance = assurance;
        this.authTime = authTime;
        this.expiresAt = expiresAt;
    }

    /** The provider's stable identifier of the principal ({@code sub}). */
    public String subject() {
        return subject;
    }

    /** The subject, as {@link Principal} wants a name (the person's name is {@link #displayName()}); in clear, so never log it where the subject may be a citizen ID. */
    @Override
    public String getName() {
        return subject;
    }

    /** The person's or organisation's name, personal data: never logged by the SDK. */
    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    /** Natural person, legal person, civil servant or application. */
    public PrincipalKind kind() {
        return kind;
    }

    /** The citizen ID of a natural person or civil servant, validated; prints masked. */
    public Optional<CitizenId> citizenId() {
        return Optional.ofNullable(citizenId);
    }

    /** The unified social credit code of a legal person, validated. */
    public Optional<CreditCode> creditCode() {
        return Optional.ofNullable(creditCode);
    }

    /** The agency a civil servant or application acts for, by its credit code. */
    public Optional<CreditCode> agency() {
        return Optional.ofNullable(agency);
    }

    /** The exchange party of an application token ({@code CN/420100/11420100MB00000196/invoice}). */
    public Optional<PartyId> party() {
        return Optional.ofNullable(party);
    }

    /** The OAuth client the token was issued to, when the token says. */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    /** Roles granted by the provider. */
    public Set<String> roles() {
        return roles;
    }

    /** Whether the provider granted {@code role}. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** OAuth scopes of the token. */
    public Set<String> scopes() {
        return scopes;
    }

    /** Whether the token carries {@code scope}. */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** How strongly the person authenticated; empty when the token has no (known) {@code acr}. */
    public Optional<AssuranceLevel> assurance() {
        return Optional.ofNullable(assurance);
    }

    /** When the person last authenticated ({@code auth_time}). */
    public Optional<Instant> authTime() {
        return Optional.ofNullable(authTime);
    }

    /** When the token this principal came from expires. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * Demands at least {@code level}, e.g. {@link AssuranceLevel#CERTIFICATE} before a tax filing.
     *
     * @throws StepUpRequiredException if the principal authenticated more weakly (or the token
     *     states no level): the user must log in again at {@code level}
     */
    public GovPrincipal requireAssurance(AssuranceLevel level) {
        Objects.requireNonNull(level, "level");
        if (assurance == null || !assurance.isAtLeast(level)) {
            throw new StepUpRequiredException(level, "this operation requires assurance " + level + " but the principal "
                    + (assurance == null ? "has no known assurance level (acr)" : "authenticated with " + assurance)
                    + "; log in again at " + level);
        }
        return this;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GovPrincipal that && subject.equals(that.subject) && kind == that.kind
                && Objects.equals(clientId, that.clientId) && Objects.equals(expiresAt, that.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, kind, clientId, expiresAt);
    }

    /** Subject, kind, masked citizen ID, credit codes, party, assurance; never the name or a clear citizen ID. */
    @Override
    public String toString() {
        // some providers use the citizen ID as the subject
        StringBuilder text = new StringBuilder("GovPrincipal[subject=").append(REDACTOR.redact(subject)).append(", kind=").append(kind);
        if (citizenId != null) {
            text.append(", citizenId=").append(citizenId);
        }
        if (creditCode != null) {
            text.append(", creditCode=").append(creditCode);
        }
        if (agency != null) {
            text.append(", agency=").append(agency);
        }
        if (party != null) {
            text.append(", party=").append(party);
        }
        if (assurance != null) {
            text.append(", assurance=").append(assurance);
        }
        return text.append(']').toString();
    }
}
