package org.goldensdk.sandbox.internal.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered clients and how they authenticate at the token, introspection and revocation
 * endpoints: {@code client_secret_basic} (RFC 6749 §2.3.1) or {@code private_key_jwt} (RFC 7523:
 * an ES256 assertion by the client's INTL key with {@code iss} = {@code sub} = client id,
 * {@code aud} naming this server — the token endpoint, the issuer or the endpoint called (RFC 7523
 * §3) — a short {@code exp} and a {@code jti} used once). Secrets in
 * the request body ({@code client_secret_post}) are refused.
 */
final class Clients {
    static final String JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** The longest an assertion may still be valid when it arrives. */
    static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);

    /** A client that proved who it is, and the assurance of the proof. */
    record Authenticated(RegisteredClient client, String acr) {
    }

    private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
    private final ExpiringMap<Boolean> usedAssertionIds;
    private final Clock clock;
    private final String issuer;
    private final String tokenEndpoint;

    Clients(Clock clock, String issuer, String tokenEndpoint) {
        this.clock = clock;
        this.issuer = issuer;
        this.tokenEndpoint = tokenEndpoint;
        this.usedAssertionIds = new ExpiringMap<>(clock);
    }

    void register(RegisteredClient client) {
        clients.put(client.clientId(), client);
    }

    Optional<RegisteredClient> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(clients.get(clientId));
    }

    /**
     * Authenticates the caller of the back-channel endpoint {@code endpoint} (its URL).
     *
     * @throws OAuthError {@code invalid_client} (401) if no method, two methods, or a failing one is used
     */
    Authenticated authenticate(String endpoint, String authorization, MultivaluedMap<String, String> form) {
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        boolean assertion = form.containsKey("client_assertion") || form.containsKey("client_assertion_type");
        if (form.containsKey("client_secret")) {
            throw OAuthError.invalidClient("client_secret_post is not supported: send the secret with HTTP Basic "
                    + "(client_secret_basic) or use private_key_jwt");
        }
        if (basic && assertion) {
            throw OAuthError.invalidClient("use exactly one client authentication method, not Basic and an assertion");
        }
        if (basic) {
            return new Authenticated(basic(authorization.substring(6).strip()), GovClaims.ACR_PASSWORD);
        }
        if (assertion) {
            return new Authenticated(assertion(Forms.single(form, "client_assertion_type"), Forms.single(form, "client_assertion"),
                    Forms.optional(form, "client_id"), endpoint), GovClaims.ACR_CERTIFICATE);
        }
        throw OAuthError.invalidClient("client authentication is required: client_secret_basic or private_key_jwt");
    }

    private RegisteredClient basic(String credentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("the Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw OAuthError.invalidClient("the Basic credentials lack the colon between client id and secret");
        }
        String clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        Optional<RegisteredClient> client = find(clientId);
        if (client.isEmpty() || client.get().secret() == null || !MessageDigest.isEqual(
                client.get().secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            throw OAuthError.invalidClient("unknown client or wrong client secret");
        }
        return client.get();
    }

    private RegisteredClient assertion(String type, String assertion, Optional<String> clientIdParameter, String endpoint) {
        if (!JWT_BEARER_ASSERTION.equals(type)) {
            throw OAuthError.invalidClient("client_assertion_type must be " + JWT_BEARER_ASSERTION);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw OAuthError.invalidClient("the client assertion is not a signed JWT");
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            throw OAuthError.invalidClient("the client assertion must be signed ES256 with the department's INTL key");
        }
        String clientId = claims.getIssuer();
        if (clientId == null || !clientId.equals(claims.getSubject())
                || clientIdParameter.map(parameter -> !parameter.equals(clientId)).orElse(false)) {
            throw OAuthError.invalidClient("the client assertion's iss and sub must both be the client id");
        }
        RegisteredClient client = find(clientId).filter(candidate -> candidate.assertionKey().isPresent())
                .orElseThrow(() -> OAuthError.invalidClient("unknown client, or one without a registered certificate"));
        try {
            if (!jwt.verify(new ECDSAVerifier(client.assertionKey().get()))) {
                throw OAuthError.invalidClient("the client assertion's signature does not verify with the client's certificate");
            }
        } catch (JOSEException e) {
            throw OAuthError.invalidClient("the client assertion's signature cannot be verified: " + e.getMessage());
        }
        if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(List.of(tokenEndpoint, issuer, endpoint)::contains)) {
            throw OAuthError.invalidClient("the client assertion's aud must name this server: the token endpoint " + tokenEndpoint
                    + " (or the issuer, or the endpoint called)");
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())) {
            throw OAuthError.invalidClient("the client assertion has expired or has no exp");
        }
        Instant expiry = claims.getExpirationTime().toInstant();
        if (expiry.isAfter(now.plus(MAX_ASSERTION_LIFETIME))) {
            throw OAuthError.invalidClient("the client assertion's exp lies more than " + MAX_ASSERTION_LIFETIME.toMinutes()
                    + " minutes ahead; make it short-lived");
        }
        if (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant())) {
            throw OAuthError.invalidClient("the client assertion is not valid yet (nbf)");
        }
        if (claims.getJWTID() == null || claims.getJWTID().isBlank()) {
            throw OAuthError.invalidClient("the client assertion needs a jti");
        }
        if (!usedAssertionIds.putIfAbsent(clientId + " " + claims.getJWTID(), Boolean.TRUE, expiry)) {
            throw OAuthError.invalidClient("the client assertion's jti was used before: make a new assertion for every request");
        }
        return client;
    }
}
