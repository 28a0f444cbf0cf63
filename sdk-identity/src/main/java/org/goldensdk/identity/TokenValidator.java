package org.goldensdk.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.Settings;
import org.goldensdk.identity.internal.ClientAuthentication;
import org.goldensdk.identity.internal.JwtVerifier;
import org.goldensdk.identity.internal.ProviderHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates bearer tokens and turns them into {@link GovPrincipal}s. A JWT access token must be
 * signed with an allowed asymmetric algorithm by a key of the provider's JWKS (never {@code none},
 * never HMAC, never a key the token names itself through {@code jku}, {@code x5u} or {@code jwk};
 * never an encrypted token), come from the exact issuer, be meant for a configured audience, be
 * within {@code exp}/{@code nbf}/{@code iat} (with a bounded skew) and carry the expected
 * {@code typ} ({@code at+jwt}, RFC 9068, unless configured otherwise). An opaque token is asked
 * about at the provider's RFC 7662 introspection endpoint. Each rejection is an
 * {@link AuthenticationException} whose message says what was wrong.
 *
 * <p>A token once validated is remembered until it expires (introspection answers at most for the
 * introspection cache time), so a repeated token costs a map look-up, not a signature check; the
 * memory is forgotten when the provider drops a key. Thread-safe; build one per audience and share it.
 */
public final class TokenValidator {

    private static final Logger LOG = LoggerFactory.getLogger(TokenValidator.class);
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final IdentityClient identity;
    private final JwtVerifier verifier;
    private final Set<String> audiences;
    private final Set<String> types;
    private final ClaimMapping mapping;
    private final Duration introspectionCacheTime;
    private final int maxCachedTokens;
    private final Clock clock;
    private final Map<String, Remembered> validated = new ConcurrentHashMap<>();

    private record Remembered(GovPrincipal principal, Instant until) {
    }

    private TokenValidator(Builder builder) {
        this.identity = builder.identity;
        this.clock = identity.scheduler().clock();
        this.verifier = new JwtVerifier(identity.keys(), identity.metadata().issuer(), builder.algorithms, clock, builder.skew);
        this.audiences = builder.audiences;
        this.types = builder.types;
        this.mapping = builder.mapping;
        this.introspectionCacheTime = builder.introspectionCacheTime;
        this.maxCachedTokens = builder.maxCachedTokens;
        identity.onKeysRemoved(validated::clear);
    }

    /**
     * The principal {@code token} stands for (with or without a {@code Bearer } prefix).
     *
     * @throws AuthenticationException if the token is missing, malformed, forged, expired, not for
     *     this audience or not active; the message says which
     */
    public GovPrincipal validate(String token) {
        String bare = bare(token);
        identity.keys().refreshIfStale();
        Instant now = clock.instant();
        Remembered remembered = validated.get(bare);
        if (remembered != null) {
            if (now.isBefore(remembered.until())) {
                return remembered.principal();
            }
            validated.remove(bare);
        }
        Remembered fresh;
        try {
            fresh = JwtVerifier.looksLikeJwt(bare) ? validateJwt(bare) : introspect(bare, now);
        } catch (AuthenticationException e) {
            LOG.debug("Rejected a bearer token: {}", e.getMessage());
            throw e;
        }
        remember(bare, fresh, now);
        return fresh.principal();
    }

    private Remembered validateJwt(String token) {
        JwtVerifier.Verified verified = verifier.verifySignature(token);
        JOSEObjectType type = verified.header().getType();
        if (!types.isEmpty() && (type == null || !JwtVerifier.typeMatches(type.getType(), types))) {
            throw new AuthenticationException("token rejected: its type (typ) is " + (type == null ? "missing" : "'" + type + "'")
                    + ", expected one of " + types + " (an ID token or another JWT is not an access token)");
        }
        JWTClaimsSet claims = verified.claims();
        verifier.checkStandardClaims(claims);
        if (!audiences.isEmpty()) {
            JwtVerifier.checkAudience(claims.getAudience(), audiences);
        }
        GovPrincipal principal = mapping.principal(claims.getClaims());
        return new Remembered(principal, claims.getExpirationTime().toInstant());
    }

    private Remembered introspect(String token, Instant now) {
        URI endpoint = identity.metadata().introspectionEndpoint().orElseThrow(() -> new AuthenticationException(
                "token rejected: it is not a JWT and the provider offers no introspection endpoint for opaque tokens"));
        ClientAuthentication client = identity.clientAuthentication().orElseThrow(() -> new AuthenticationException(
                "token rejected: it is not a JWT, and introspecting opaque tokens needs client credentials"
                        + " (IdentityClient.Builder.clientId + clientSecret or privateKeyJwt)"));
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> form = client.form(endpoint, Map.of("token", token, "token_type_hint", "access_token"), headers);
        JsonNode answer;
        try {
            answer = identity.http().postForm(endpoint, form, headers);
        } catch (GoldenException e) {
            throw ProviderHttp.refusal(e, "the introspection endpoint refused client '" + client.clientId() + "'");
        }
        if (!answer.path("active").asBoolean(false)) {
            throw new AuthenticationException("token rejected: the provider reports it is not active (revoked, expired or unknown)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = PLAIN.convertValue(answer, Map.class);
        if (claims.get("iss") != null && !identity.metadata().issuer().equals(claims.get("iss"))) {
            throw new AuthenticationException("token rejected: introspection names issuer '" + claims.get("iss")
                    + "', expected '" + identity.metadata().issuer() + "'");
        }
        Date expiresAt = date(claims.get("exp"));
        verifier.checkTimes(expiresAt, date(claims.get("nbf")), date(claims.get("iat")), false);
        if (!audiences.isEmpty()) {
            JwtVerifier.checkAudience(strings(claims.get("aud")), audiences);
        }
        GovPrincipal principal = mapping.principal(claims);
        Instant until = now.plus(introspectionCacheTime);
        if (expiresAt != null && expiresAt.toInstant().isBefore(until)) {
            until = expiresAt.toInstant();
        }
        return new Remembered(principal, until);
    }

    private void remember(String token, Remembered fresh, Instant now) {
        if (validated.size() >= maxCachedTokens) {
            validated.values().removeIf(entry -> !now.isBefore(entry.until()));
            if (validated.size() >= maxCachedTokens) {
                validated.clear();
            }
        }
        validated.put(token, fresh);
    }

    private static String bare(String token) {
        if (token == null || token.isBlank()) {
            throw new AuthenticationException("no bearer token was presented");
        }
        String trimmed = token.trim();
        String bare = trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).trim() : trimmed;
        boolean visibleAscii = !bare.isEmpty() && bare.length() <= 16 * 1024;
        for (int i = 0; visibleAscii && i < bare.length(); i++) {
            char c = bare.charAt(i);
            visibleAscii = c > ' ' && c <= '~';
        }
        if (!visibleAscii) {
            throw new AuthenticationException("token rejected: a bearer token is 1 to 16384 visible ASCII characters");
        }
        return bare;
    }

    private static Date date(Object value) {
        return value instanceof Number number ? new Date(number.longValue() * 1000) : null;
    }

    private static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> result.add(String.valueOf(item)));
        } else if (value != null) {
            result.add(value.toString());
        }
        return result;
    }

    /**
     * Builds a {@link TokenValidator}. An audience is required — or an explicit
     * {@link #anyAudience()} — because a token for another service must not be accepted here. Not
     * thread-safe.
     */
    public static final class Builder {
        /** The settings keys {@link #settings(Settings)} reads. */
        public static final List<String> SETTING_KEYS = List.of("golden.identity.validator.audience",
                "golden.identity.validator.algorithms", "golden.identity.validator.clock-skew",
                "golden.identity.validator.token-types", "golden.identity.validator.introspection-cache-time",
                "golden.identity.validator.max-cached-tokens");

        private final IdentityClient identity;
        private Set<String> audiences;
        private Set<String> algorithms = JwtVerifier.DEFAULT_ALGORITHMS;
        private Duration skew = Duration.ofSeconds(60);
        private Set<String> types = Set.of("at+jwt");
        private ClaimMapping mapping = ClaimMapping.defaults();
        private Duration introspectionCacheTime = Duration.ofMinutes(1);
        private int maxCachedTokens = 10_000;

        Builder(IdentityClient identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
        }

        /** Accepts tokens whose {@code aud} holds one of {@code audiences} (e.g. {@code customs-api}). */
        public Builder audience(String... audiences) {
            Set<String> set = new LinkedHashSet<>(Arrays.asList(audiences));
            if (set.isEmpty() || set.stream().anyMatch(audience -> audience == null || audience.isBlank())) {
                throw new ConfigurationException("golden.identity.validator.audience", "give at least one non-blank audience");
            }
            this.audiences = Set.copyOf(set);
            return this;
        }

        /**
         * Turns the audience check off, deliberately: only for a service that accepts every token of
         * the provider (tokens issued for other services included).
         */
        public Builder anyAudience() {
            this.audiences = Set.of();
            return this;
        }

        /** The accepted signature algorithms; default RS/PS/ES 256–512. HMAC and {@code none} are refused. */
        public Builder algorithms(String... algorithms) {
            this.algorithms = JwtVerifier.checkedAlgorithms(Set.of(algorithms), "golden.identity.validator.algorithms");
            return this;
        }

        /** Tolerated clock difference for {@code exp}, {@code nbf} and {@code iat}; default 60 s, at most 5 min. */
        public Builder clockSkew(Duration skew) {
            if (skew == null || skew.isNegative() || skew.compareTo(JwtVerifier.MAX_SKEW) > 0) {
                throw new ConfigurationException("golden.identity.validator.clock-skew", "must be between 0 and 5 minutes, got " + skew);
            }
            this.skew = skew;
            return this;
        }

        /**
         * The accepted {@code typ} header values; default {@code at+jwt} (RFC 9068; {@code application/}
         * prefix and case ignored). Give e.g. {@code "at+jwt", "JWT"} for a provider that types its
         * access tokens {@code JWT}; no values accept any type, a missing one included.
         */
        public Builder tokenTypes(String... types) {
            this.types = Set.of(types);
            return this;
        }

        /** The claims a principal is built from; default {@link ClaimMapping#defaults()}. */
        public Builder claimMapping(ClaimMapping mapping) {
            this.mapping = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        /** How long an introspection answer is reused (never past the token's {@code exp}); default 1 min. */
        public Builder introspectionCacheTime(Duration time) {
            if (time == null || time.isNegative()) {
                throw new ConfigurationException("golden.identity.validator.introspection-cache-time", "must be zero or positive");
            }
            this.introspectionCacheTime = time;
            return this;
        }

        /** How many validated tokens are remembered; default 10,000. */
        public Builder maxCachedTokens(int max) {
            if (max < 1) {
                throw new ConfigurationException("golden.identity.validator.max-cached-tokens", "must be positive, got " + max);
            }
            this.maxCachedTokens = max;
            return this;
        }

        /** Applies the {@code golden.identity.validator.*} keys present in {@code settings} (docs/configuration.md). */
        public Builder settings(Settings settings) {
            settings.requireKnownKeys("golden.identity.validator.", SETTING_KEYS);
            settings.get("golden.identity.validator.audience").ifPresent(value -> audience(value.trim().split("\\s*,\\s*")));
            settings.get("golden.identity.validator.algorithms").ifPresent(value -> algorithms(value.trim().split("\\s*,\\s*")));
            settings.getDuration("golden.identity.validator.clock-skew").ifPresent(this::clockSkew);
            settings.get("golden.identity.validator.token-types").ifPresent(value ->
                    tokenTypes(value.isBlank() ? new String[0] : value.trim().split("\\s*,\\s*")));
            settings.getDuration("golden.identity.validator.introspection-cache-time").ifPresent(this::introspectionCacheTime);
            settings.getInt("golden.identity.validator.max-cached-tokens").ifPresent(this::maxCachedTokens);
            return this;
        }

        /**
         * The validator.
         *
         * @throws ConfigurationException naming {@code golden.identity.validator.audience} when neither
         *     an audience nor {@link #anyAudience()} was given
         */
        public TokenValidator build() {
            if (audiences == null) {
                throw new ConfigurationException("golden.identity.validator.audience", "is required: give the audience this"
                        + " service's tokens are issued for (audience(\"customs-api\")), or call anyAudience() to accept"
                        + " tokens meant for any service");
            }
            return new TokenValidator(this);
        }
    }
}
