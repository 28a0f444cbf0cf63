package org.goldensdk.identity.internal;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.Redactor;

/**
 * Verifies a signed JWT's signature against the provider's key set and its standard claims. What is
 * refused, always: unsigned tokens ({@code alg: none}, in any spelling), HMAC (a public key is never a
 * MAC secret), algorithms off the allow-list, encrypted tokens (JWE), and keys named by the token
 * itself — {@code jku}, {@code x5u}, {@code x5c} and an embedded {@code jwk} are never used: keys come
 * only from the discovered JWKS. Thread-safe.
 */
public final class JwtVerifier {

    /** Asymmetric algorithms accepted unless narrowed. */
    public static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512");
    /** Largest clock skew a validator may tolerate. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private static final Redactor REDACTOR = Redactor.standard();

    private final JwksCache keys;
    private final String issuer;
    private final Set<String> algorithms;
    private final Clock clock;
    private final Duration skew;

    public JwtVerifier(JwksCache keys, String issuer, Set<String> algorithms, Clock clock, Duration skew) {
        this.keys = keys;
        this.issuer = issuer;
        this.algorithms = Set.copyOf(algorithms);
        this.clock = clock;
        this.skew = skew;
    }

    /** Checks a configured allow-list: asymmetric JWS algorithms only. */
    public static Set<String> checkedAlgorithms(Set<String> names, String key) {
        for (String name : names) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
            if (name.equalsIgnoreCase("none") || JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)
                    || !(JWSAlgorithm.Family.SIGNATURE.contains(algorithm))) {
                throw new org.goldensdk.core.ConfigurationException(key, "'" + name + "' is not an asymmetric JWS"
                        + " algorithm; allowed are " + DEFAULT_ALGORITHMS + " (never none, never HMAC)");
            }
        }
        return Set.copyOf(names);
    }

    /** Whether {@code token} has the shape of a JWT (JWS or JWE compact serialisation) rather than an opaque token. */
    public static boolean looksLikeJwt(String token) {
        long dots = token.chars().filter(c -> c == '.').count();
        return (dots == 2 || dots == 4) && token.startsWith("ey");
    }

    /** The parsed, signature-checked token. */
    public record Verified(JWSHeader header, JWTClaimsSet claims) {
    }

    /**
     * Parses {@code token} and verifies its signature; claims are checked separately.
     *
     * @throws AuthenticationException saying what was wrong
     */
    public Verified verifySignature(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            // Nimbus refuses some spellings of alg none while parsing, with a message that does not say so
            refuseUnsigned(token);
            // the parser may quote the payload, which can hold personal data
            throw new AuthenticationException("token rejected: not a well-formed JWT (" + REDACTOR.redact(String.valueOf(e.getMessage())) + ")");
        }
        if (jwt instanceof PlainJWT) {
            throw new AuthenticationException("token rejected: it is unsigned (alg none); only signed tokens are accepted");
        }
        if (jwt instanceof EncryptedJWT) {
            throw new AuthenticationException("token rejected: it is encrypted (JWE); only signed tokens (JWS) are accepted");
        }
        SignedJWT signed = (SignedJWT) jwt;
        JWSHeader header = signed.getHeader();
        JWSAlgorithm algorithm = header.getAlgorithm();
        String name = algorithm.getName();
        if (name.equalsIgnoreCase(Algorithm.NONE.getName())) {
            throw new AuthenticationException("token rejected: it is unsigned (alg " + name + "); only signed tokens are accepted");
        }
        if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            throw new AuthenticationException("token rejected: alg " + name + " is an HMAC; tokens must be signed with the"
                    + " provider's private key (allowed: " + algorithms + ")");
        }
        if (!algorithms.contains(name)) {
            throw new AuthenticationException("token rejected: alg " + name + " is not allowed (allowed: " + algorithms + ")");
        }
        KeyType keyType = KeyType.forAlgorithm(algorithm);
        List<JwksCache.VerificationKey> candidates = keys.keys(header.getKeyID(), keyType.getValue());
        if (candidates.isEmpty()) {
            throw new AuthenticationException("token rejected: the provider's key set has no " + keyType + " key"
                    + (header.getKeyID() == null ? "" : " with kid '" + header.getKeyID() + "'")
                    + " (unknown or removed key)");
        }
        for (JwksCache.VerificationKey candidate : candidates) {
            if (candidate.jwk().getAlgorithm() != null && !candidate.jwk().getAlgorithm().equals(algorithm)) {
                continue;
            }
            if (verifies(signed, candidate)) {
                try {
                    return new Verified(header, signed.getJWTClaimsSet());
                } catch (ParseException e) {
                    throw new AuthenticationException("token rejected: its claims are not a JSON object", e);
                }
            }
        }
        throw new AuthenticationException("token rejected: the signature does not verify with the provider's key"
                + (header.getKeyID() == null ? "" : " '" + header.getKeyID() + "'"));
    }

    /** {@code alg: none} in any spelling, named as such rather than as a parse failure. */
    private static void refuseUnsigned(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return;
        }
        Object alg;
        try {
            alg = JSONObjectUtils.parse(new Base64URL(token.substring(0, dot)).decodeToString()).get("alg");
        } catch (ParseException | RuntimeException e) {
            return;
        }
        if (alg instanceof String name && name.equalsIgnoreCase(Algorithm.NONE.getName())) {
            throw new AuthenticationException("token rejected: it is unsigned (alg " + name + "); only signed tokens are accepted");
        }
    }

    private static boolean verifies(SignedJWT signed, JwksCache.VerificationKey candidate) {
        if (candidate.verifier() == null) {
            return false;
        }
        try {
            return signed.verify(candidate.verifier());
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    /**
     * Checks {@code iss} (exact), {@code exp} (required), {@code nbf} and {@code iat} within the skew.
     *
     * @throws AuthenticationException saying which claim failed
     */
    public void checkStandardClaims(JWTClaimsSet claims) {
        if (!issuer.equals(claims.getIssuer())) {
            throw new AuthenticationException("token rejected: issuer (iss) is " + quoted(claims.getIssuer())
                    + ", expected '" + issuer + "'");
        }
        checkTimes(claims.getExpirationTime(), claims.getNotBeforeTime(), claims.getIssueTime(), true);
    }

    /** The time checks of {@link #checkStandardClaims}, for introspection answers too. */
    public void checkTimes(Date expiresAt, Date notBefore, Date issuedAt, boolean expiryRequired) {
        Instant now = clock.instant();
        if (expiresAt == null) {
            if (expiryRequired) {
                throw new AuthenticationException("token rejected: it has no expiry (exp)");
            }
        } else if (!now.isBefore(expiresAt.toInstant().plus(skew))) {
            throw new AuthenticationException("token rejected: expired at " + expiresAt.toInstant() + " (now " + now
                    + ", allowed skew " + skew.toSeconds() + " s)");
        }
        if (notBefore != null && now.plus(skew).isBefore(notBefore.toInstant())) {
            throw new AuthenticationException("token rejected: not valid before " + notBefore.toInstant() + " (now " + now
                    + ", allowed skew " + skew.toSeconds() + " s)");
        }
        if (issuedAt != null && now.plus(skew).isBefore(issuedAt.toInstant())) {
            throw new AuthenticationException("token rejected: issued in the future (iat " + issuedAt.toInstant() + ", now "
                    + now + ")");
        }
    }

    /**
     * Checks that {@code audiences} holds one of {@code expected}.
     *
     * @throws AuthenticationException for a missing or different audience
     */
    public static void checkAudience(List<String> audiences, Set<String> expected) {
        if (audiences == null || audiences.isEmpty()) {
            throw new AuthenticationException("token rejected: it has no audience (aud); expected one of " + expected);
        }
        if (audiences.stream().noneMatch(expected::contains)) {
            throw new AuthenticationException("token rejected: audience (aud) " + audiences + " holds none of " + expected);
        }
    }

    /** Whether {@code type} is one of {@code accepted}, ignoring case and an {@code application/} prefix (RFC 7515 §4.1.9). */
    public static boolean typeMatches(String type, Set<String> accepted) {
        String normalised = type.toLowerCase(Locale.ROOT).startsWith("application/") ? type.substring(12) : type;
        return accepted.stream().anyMatch(candidate -> candidate.equalsIgnoreCase(normalised));
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }
}
