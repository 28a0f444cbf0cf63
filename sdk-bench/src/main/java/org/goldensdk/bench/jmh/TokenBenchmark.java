package org.goldensdk.bench.jmh;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.goldensdk.identity.GovPrincipal;
import org.goldensdk.identity.IdentityClient;
import org.goldensdk.identity.TokenValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TokenValidator} against Nimbus verifying the same RS256 access tokens: a fresh token each
 * call (the validator is built with {@code maxCachedTokens(1)} and given a different token every
 * time, so each call verifies the signature, the claims and maps the principal), a repeated token
 * (served from the validator's memory), Nimbus's own {@link DefaultJWTProcessor} with the same checks
 * (type {@code at+jwt}, issuer, audience, times) and the bare Nimbus parse + RSA verification. The
 * provider's discovery document and JWKS are served by a JDK HTTP server on loopback.
 *
 * <p>Same tokens, same key, same JDK provider for RSA (SunRsaSign) on both sides. What the validator
 * does beyond the processor: it checks the algorithm against a list of nine (the processor accepts
 * RS256 only), names {@code alg: none} and HMAC as such, maps the claims to a {@link GovPrincipal}
 * (citizen ID check digit included) and remembers the result ({@code maxCachedTokens(1)}: one map
 * insert and clear per call). {@link TokenComparison} runs the same operations by turns on CPU time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenBenchmark {
    private static final String AUDIENCE = "customs-api";
    private static final int TOKENS = 512;

    private HttpServer server;
    private IdentityClient identity;
    private TokenValidator caching;
    private TokenValidator uncached;
    private DefaultJWTProcessor<SecurityContext> processor;
    private RSASSAVerifier rsa;
    private String[] tokens;
    private int next;

    @Setup
    public void setUp() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("key-1").keyUse(KeyUse.SIGNATURE).generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/gov";
        serve("/realms/gov/.well-known/openid-configuration", """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                 "jwks_uri":"%1$s/jwks","end_session_endpoint":"%1$s/logout",
                 "token_endpoint_auth_methods_supported":["client_secret_basic"],
                 "id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer));
        JWKSet keys = new JWKSet(key.toPublicJWK());
        serve("/realms/gov/jwks", keys.toString());
        server.start();
        identity = IdentityClient.builder().issuer(URI.create(issuer)).build();
        caching = identity.tokenValidator().audience(AUDIENCE).build();
        uncached = identity.tokenValidator().audience(AUDIENCE).maxCachedTokens(1).build();
        tokens = new String[TOKENS];
        for (int i = 0; i < TOKENS; i++) {
            tokens[i] = token(key, issuer);
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat")));
        rsa = new RSASSAVerifier(key.toRSAPublicKey());
        caching.validate(tokens[0]);
    }

    private void serve(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private static String token(RSAKey key, String issuer) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("user-42").audience(AUDIENCE)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                .claim("gov_kind", "natural_person").claim("name", "张三").claim("citizen_id", "11010519491231002X")
                .claim("roles", List.of("declarant")).claim("scope", "openid customs.declare")
                .claim("acr", "urn:golden:acr:sms").claim("auth_time", now.getEpochSecond()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String nextToken() {
        next = (next + 1) % TOKENS;
        return tokens[next];
    }

    @TearDown
    public void tearDown() {
        identity.close();
        server.stop(0);
    }

    @Benchmark
    public GovPrincipal validatorFreshToken() {
        return uncached.validate(nextToken());
    }

    @Benchmark
    public GovPrincipal validatorRepeatedToken() {
        return caching.validate(tokens[0]);
    }

    @Benchmark
    public JWTClaimsSet nimbusProcessor() throws Exception {
        return processor.process(nextToken(), null);
    }

    @Benchmark
    public boolean nimbusParseAndVerify() throws ParseException, JOSEException {
        return SignedJWT.parse(nextToken()).verify(rsa);
    }
}
