package org.goldensdk.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One signed-in user of an application protected by {@link SsoFilter} or {@link CasFilter}, as kept
 * in a {@link SessionRegistry}: the principal, the provider's session id ({@code sid} of OpenID
 * Connect, or the CAS service ticket) so the provider can end it, and the OpenID Connect tokens.
 * Immutable; the tokens are secrets and never printed.
 *
 * @param id this application's session id (random; the servlet session only holds it)
 * @param providerSessionId the provider's session id ({@code sid}) or the CAS ticket; may be null
 * @param principal who is signed in
 * @param idToken the last ID token (the hint for RP-initiated logout); null for CAS
 * @param accessToken the access token for calling APIs on the user's behalf; null for CAS
 * @param refreshToken the refresh token; null when the provider issued none
 * @param accessTokenExpiresAt when the access token expires; null for CAS
 */
public record SsoSession(String id, String providerSessionId, GovPrincipal principal, String idToken, String accessToken,
        String refreshToken, Instant accessTokenExpiresAt) {

    /** Checks the required parts. */
    public SsoSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(principal, "principal");
    }

    /** The provider's session id, if known. */
    public Optional<String> providerSession() {
        return Optional.ofNullable(providerSessionId);
    }

    /** Without the tokens. */
    @Override
    public String toString() {
        return "SsoSession[" + id + ", " + principal + "]";
    }
}
