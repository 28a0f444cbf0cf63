package org.goldensdk.sandbox.internal.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * Issues the provider's tokens and remembers which are still active: access tokens (JWT,
 * {@code typ: at+jwt}, RFC 9068), ID tokens, logout tokens (OIDC Back-Channel Logout 1.0), and
 * opaque refresh tokens that rotate on every use (a rotated one presented again revokes its whole
 * family). An access token is active while unexpired, signed by a published key and not revoked.
 */
final class Tokens {
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(10);
    static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(10);
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofHours(8);
    static final Duration LOGOUT_TOKEN_LIFETIME = Duration.ofMinutes(2);
    static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
    static final JOSEObjectType LOGOUT_TOKEN_TYPE = new JOSEObjectType("logout+jwt");
    static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    /** What a refresh token stands for. */
    record RefreshGrant(String clientId, String family, SsoSession session, String scope, String audience) {
    }

    private record AccessRecord(String clientId, String sid) {
    }

    private final String issuer;
    private final SigningKeys keys;
    private final Clock clock;
    private final ExpiringMap<AccessRecord> activeAccessTokens;
    private final ExpiringMap<RefreshGrant> refreshTokens;
    /** Refresh tokens already used, by family: presenting one again is theft or a bug, and ends the family. */
    private final ExpiringMap<String> rotatedRefreshTokens;

    Tokens(String issuer, SigningKeys keys, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.clock = clock;
        this.activeAccessTokens = new ExpiringMap<>(clock);
        this.refreshTokens = new ExpiringMap<>(clock);
        this.rotatedRefreshTokens = new ExpiringMap<>(clock);
    }

    /** An access token for a logged-in user, issued to a web client. */
    String userAccessToken(SsoSession session, String clientId, String scope, String audience) {
        JWTClaimsSet.Builder claims = accessClaims(session.user.subject(), clientId, scope, audience, session.sid)
                .claim("auth_time", session.authTime.getEpochSecond())
                .claim("acr", session.acr)
                .claim("sid", session.sid);
        GovClaims.of(session.user).forEach(claims::claim);
        return keys.sign(claims.build(), ACCESS_TOKEN_TYPE);
    }

    /** An access token for an application (client credentials), at the assurance its authentication gave. */
    String applicationAccessToken(RegisteredClient application, String scope, String audience, String acr) {
        JWTClaimsSet.Builder claims = accessClaims(application.clientId(), application.clientId(), scope, audience, null)
                .claim("acr", acr);
        GovClaims.of(application).forEach(claims::claim);
        return keys.sign(claims.build(), ACCESS_TOKEN_TYPE);
    }

    /** An ID token for {@code clientId}; {@code nonce} is echoed when the authorization request had one. */
    String idToken(SsoSession session, String clientId, String nonce, String accessToken) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(session.user.subject())
                .audience(clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ID_TOKEN_LIFETIME)))
                .claim("azp", clientId)
                .claim("auth_time", session.authTime.getEpochSecond())
                .claim("acr", session.acr)
                .claim("sid", session.sid)
                .claim("at_hash", halfHash(accessToken));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        GovClaims.of(session.user).forEach(claims::claim);
        return keys.sign(claims.build(), JOSEObjectType.JWT);
    }

    /** A logout token (OIDC Back-Channel Logout 1.0 §2.4): {@code events}, {@code sid}, {@code sub}, never a {@code nonce}. */
    String logoutToken(SsoSession session, String clientId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(session.user.subject())
                .audience(clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LOGOUT_TOKEN_LIFETIME)))
                .jwtID(Randoms.token())
                .claim("sid", session.sid)
                .claim("events", Map.of(BACKCHANNEL_LOGOUT_EVENT, Map.of()))
                .build();
        return keys.sign(claims, LOGOUT_TOKEN_TYPE);
    }

    /** A new refresh token of a new family. */
    String newRefreshToken(SsoSession session, String clientId, String scope, String audience) {
        return storeRefresh(new RefreshGrant(clientId, Randoms.token(), session, scope, audience));
    }

    /**
     * Exchanges {@code token} for its grant and a successor of the same family; the token itself
     * is spent. A spent token presented again revokes the family.
     */
    Optional<Map.Entry<RefreshGrant, String>> rotate(String token) {
        Optional<RefreshGrant> grant = refreshTokens.take(token);
        if (grant.isEmpty()) {
            rotatedRefreshTokens.get(token).ifPresent(this::revokeFamily);
            return Optional.empty();
        }
        rotatedRefreshTokens.put(token, grant.get().family(), clock.instant().plus(REFRESH_TOKEN_LIFETIME));
        return Optional.of(Map.entry(grant.get(), storeRefresh(grant.get())));
    }

    Optional<RefreshGrant> refreshGrant(String token) {
        return refreshTokens.get(token);
    }

    /** The claims of {@code token} if it is an access token of ours that is active now. */
    Optional<JWTClaimsSet> activeAccessToken(String token) {
        Optional<SignedJWT> jwt = keys.verify(token).filter(signed -> ACCESS_TOKEN_TYPE.equals(signed.getHeader().getType()));
        if (jwt.isEmpty()) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = jwt.get().getJWTClaimsSet();
            boolean unexpired = claims.getExpirationTime() != null && clock.instant().isBefore(claims.getExpirationTime().toInstant());
            return unexpired && activeAccessTokens.get(claims.getJWTID()).isPresent() ? Optional.of(claims) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** The claims of an ID token we signed with a key still published, expired or not (an {@code id_token_hint}). */
    Optional<JWTClaimsSet> idTokenHint(String token) {
        try {
            Optional<SignedJWT> jwt = keys.verify(token).filter(signed -> !ACCESS_TOKEN_TYPE.equals(signed.getHeader().getType())
                    && !LOGOUT_TOKEN_TYPE.equals(signed.getHeader().getType()));
            return jwt.isPresent() ? Optional.of(jwt.get().getJWTClaimsSet()) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Revokes an access token of {@code clientId}; false if it is not one. */
    boolean revokeAccessToken(String token, String clientId) {
        Optional<JWTClaimsSet> claims = activeAccessToken(token);
        if (claims.isEmpty() || !clientId.equals(claims.get().getClaim("client_id"))) {
            return false;
        }
        activeAccessTokens.remove(claims.get().getJWTID());
        return true;
    }

    /** Revokes the access token with id {@code jti}, whoever holds it. */
    void revokeAccessTokenId(String jti) {
        activeAccessTokens.remove(jti);
    }

    void revokeFamily(String family) {
        refreshTokens.removeIf(grant -> grant.family().equals(family));
    }

    /** Revokes every access and refresh token issued within the session. */
    void revokeSession(String sid) {
        activeAccessTokens.removeIf(record -> sid.equals(record.sid()));
        refreshTokens.removeIf(grant -> grant.session().sid.equals(sid));
    }

    static String jti(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    private String storeRefresh(RefreshGrant grant) {
        String token = Randoms.token();
        refreshTokens.put(token, grant, clock.instant().plus(REFRESH_TOKEN_LIFETIME));
        return token;
    }

    private JWTClaimsSet.Builder accessClaims(String subject, String clientId, String scope, String audience, String sid) {
        Instant now = clock.instant();
        Instant expiry = now.plus(ACCESS_TOKEN_LIFETIME);
        String jti = Randoms.token();
        activeAccessTokens.put(jti, new AccessRecord(clientId, sid), expiry);
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiry))
                .jwtID(jti)
                .claim("client_id", clientId)
                .claim("scope", scope);
    }

    /** The OIDC {@code at_hash}: the left half of SHA-256 of the token, base64url. */
    private static String halfHash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
