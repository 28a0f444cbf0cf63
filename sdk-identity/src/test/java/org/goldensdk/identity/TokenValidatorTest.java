package org.goldensdk.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class TokenValidatorTest {

    private TestProvider provider;
    private IdentityClient identity;
    private TokenValidator validator;

    @BeforeEach
    void start() {
        provider = new TestProvider();
        identity = provider.client().jwksCacheTime(Duration.ofMinutes(10)).jwksRefreshInterval(Duration.ofMinutes(1)).build();
        validator = identity.tokenValidator().audience(TestProvider.AUDIENCE).build();
    }

    @AfterEach
    void stop() {
        identity.close();
        provider.close();
    }

    @Test
    void aValidAccessTokenBecomesAGovernmentPrincipal() {
        GovPrincipal principal = validator.validate("Bearer " + provider.token());

        assertThat(principal.subject()).isEqualTo("user-42");
        assertThat(principal.kind()).isEqualTo(PrincipalKind.NATURAL_PERSON);
        assertThat(principal.displayName()).contains("张三");
        assertThat(principal.citizenId().orElseThrow().unmaskedValue()).isEqualTo(TestProvider.CITIZEN_ID);
        assertThat(principal.roles()).containsExactly("declarant");
        assertThat(principal.scopes()).containsExactlyInAnyOrder("openid", "customs.declare");
        assertThat(principal.assurance()).contains(AssuranceLevel.SMS);
        assertThat(principal.authTime()).contains(provider.scheduler.now());
        assertThat(principal.requireAssurance(AssuranceLevel.PASSWORD)).isSameAs(principal);
        assertThatThrownBy(() -> principal.requireAssurance(AssuranceLevel.CERTIFICATE))
                .isInstanceOfSatisfying(StepUpRequiredException.class, e -> assertThat(e.required()).isEqualTo(AssuranceLevel.CERTIFICATE))
                .hasMessageContaining("requires assurance CERTIFICATE").hasMessageContaining("authenticated with SMS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "NONE", "None", "nOnE"})
    void refusesUnsignedTokensWhateverTheCaseOfNone(String none) {
        String header = Base64URL.encode("{\"alg\":\"" + none + "\",\"typ\":\"at+jwt\",\"kid\":\"key-1\"}").toString();
        String payload = Base64URL.encode(provider.claims().build().toString()).toString();

        assertRejected(header + "." + payload + ".", "unsigned (alg " + none + ")");
        assertRejected(new PlainJWT(provider.claims().build()).serialize(), "unsigned (alg none)");
    }

    @Test
    void acceptsEs256FromAP256KeyOfTheProvider() throws Exception {
        ECKey ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").keyUse(KeyUse.SIGNATURE).generate();
        provider.server.stubFor(get(urlPathEqualTo("/realms/gov/jwks")).willReturn(TestProvider.json(
                new JWKSet(List.of(provider.key().toPublicJWK(), ecKey.toPublicJWK())).toString())));
        SignedJWT es256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").type(new JOSEObjectType("at+jwt"))
                .build(), provider.claims().build());
        es256.sign(new ECDSASigner(ecKey));

        assertThat(validator.validate(es256.serialize()).subject()).isEqualTo("user-42");
        TokenValidator rsaOnly = identity.tokenValidator().audience(TestProvider.AUDIENCE).algorithms("RS256").build();
        assertThatThrownBy(() -> rsaOnly.validate(es256.serialize())).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("alg ES256 is not allowed (allowed: [RS256])");
    }

    @Test
    void refusesHs256SignedWithTheProvidersRsaPublicKey() throws Exception {
        byte[] publicKey = provider.key().toRSAPublicKey().getEncoded();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1")
                .type(new JOSEObjectType("at+jwt")).build(), provider.claims().build());
        forged.sign(new MACSigner(publicKey));

        assertRejected(forged.serialize(), "alg HS256 is an HMAC");
    }

    @Test
    void refusesWrongIssuerAudienceAndMissingAudience() {
        assertRejected(provider.token(provider.claims().issuer("https://evil.example/").build()), "issuer (iss) is 'https://evil.example/'");
        assertRejected(provider.token(provider.claims().audience("tax-api").build()), "audience (aud) [tax-api] holds none of [customs-api]");
        assertRejected(provider.token(provider.claims().audience((String) null).build()), "it has no audience (aud)");
    }

    @Test
    void refusesExpiredNotYetValidAndFutureIssuedTokensBeyondTheSkew() {
        Instant now = provider.scheduler.now();
        assertRejected(provider.token(provider.claims().expirationTime(Date.from(now.minusSeconds(61))).build()), "expired at");
        assertRejected(provider.token(provider.claims().expirationTime(null).build()), "no expiry (exp)");
        assertRejected(provider.token(provider.claims().notBeforeTime(Date.from(now.plusSeconds(120))).build()), "not valid before");
        assertRejected(provider.token(provider.claims().issueTime(Date.from(now.plusSeconds(120))).build()), "issued in the future");
        // within the 60 s skew
        assertThat(validator.validate(provider.token(provider.claims().expirationTime(Date.from(now.minusSeconds(30))).build())))
                .isNotNull();
    }

    @Test
    void refusesABadSignature() {
        String[] genuine = provider.token().split("\\.");
        String otherPayload = Base64URL.encode(provider.claims().subject("admin").build().toString()).toString();

        assertRejected(genuine[0] + "." + otherPayload + "." + genuine[2], "signature does not verify");
        assertRejected(TestProvider.sign(TestProvider.generateKey("key-1"), provider.claims().build(), header -> { }),
                "signature does not verify");
    }

    @Test
    void ignoresKeysTheTokenPointsAtThroughJkuX5uOrAnEmbeddedJwk() {
        RSAKey attacker = TestProvider.generateKey("attacker");
        provider.server.stubFor(get(urlPathEqualTo("/attacker/jwks"))
                .willReturn(TestProvider.json(new JWKSet(attacker.toPublicJWK()).toString())));
        URI attackerJwks = URI.create("http://127.0.0.1:" + provider.server.port() + "/attacker/jwks");
        URI attackerCert = URI.create("http://127.0.0.1:" + provider.server.port() + "/attacker/cert.pem");

        assertRejected(TestProvider.sign(attacker, provider.claims().build(), header -> header.jwkURL(attackerJwks)),
                "no RSA key with kid 'attacker'");
        assertRejected(TestProvider.sign(attacker, provider.claims().build(), header -> header.x509CertURL(attackerCert)),
                "no RSA key with kid 'attacker'");
        assertRejected(TestProvider.sign(attacker, provider.claims().build(), header -> header.jwk(attacker.toPublicJWK())),
                "no RSA key with kid 'attacker'");
        // the same, claiming the provider's key id
        RSAKey posing = new RSAKey.Builder(attacker).keyID("key-1").build();
        assertRejected(TestProvider.sign(posing, provider.claims().build(),
                header -> header.jwkURL(attackerJwks).x509CertURL(attackerCert).jwk(posing.toPublicJWK())), "signature does not verify");

        assertThat(provider.server.findAll(anyRequestedFor(urlPathMatching("/attacker/.*")))).isEmpty();
    }

    @Test
    void refusesAJweWrappingAnUnsignedToken() throws Exception {
        EncryptedJWT wrapped = new EncryptedJWT(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .contentType("JWT").keyID("key-1").build(), provider.claims().build());
        wrapped.encrypt(new RSAEncrypter(provider.key().toRSAPublicKey()));

        assertRejected(wrapped.serialize(), "encrypted (JWE)");
    }

    @Test
    void refusesTokensOfAnotherTypeUnlessConfigured() {
        String idToken = TestProvider.sign(provider.key(), provider.claims().build(), header -> header.type(JOSEObjectType.JWT));
        String untyped = TestProvider.sign(provider.key(), provider.claims().build(), header -> header.type(null));

        assertRejected(idToken, "type (typ) is 'JWT', expected one of [at+jwt]");
        assertRejected(untyped, "type (typ) is missing");
        TokenValidator lenient = identity.tokenValidator().audience(TestProvider.AUDIENCE).tokenTypes("at+jwt", "JWT").build();
        assertThat(lenient.validate(idToken).subject()).isEqualTo("user-42");
        assertThat(validator.validate(TestProvider.sign(provider.key(), provider.claims().build(),
                header -> header.type(new JOSEObjectType("application/at+jwt")))).subject()).isEqualTo("user-42");
    }

    @Test
    void aFloodOfUnknownKeyIdsFetchesTheKeySetAtMostOncePerInterval() throws Exception {
        validator.validate(provider.token());
        assertThat(provider.jwksFetches()).isEqualTo(1);
        provider.scheduler.advance(Duration.ofMinutes(2));

        RSAKey attacker = TestProvider.generateKey("unused");
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            forged.add(TestProvider.sign(new RSAKey.Builder(attacker).keyID("forged-" + i).build(), provider.claims().build(), h -> { }));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Throwable>> outcomes = new ArrayList<>();
            for (String token : forged) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        validator.validate(token);
                        return null;
                    } catch (Throwable e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            for (Future<Throwable> outcome : outcomes) {
                assertThat(outcome.get()).isInstanceOf(AuthenticationException.class).hasMessageContaining("unknown or removed key");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(provider.jwksFetches()).as("one refetch for the whole flood").isEqualTo(2);

        provider.scheduler.advance(Duration.ofSeconds(30));
        assertRejected(forged.get(0), "unknown or removed key");
        assertThat(provider.jwksFetches()).as("none within the interval").isEqualTo(2);
    }

    @Test
    void keyRotationNewKeysValidateWithoutRestartAndRemovedKeysFail() {
        String oldKeyToken = provider.token();
        assertThat(validator.validate(oldKeyToken).subject()).isEqualTo("user-42");

        RSAKey rotated = TestProvider.generateKey("key-2");
        provider.publish(rotated);
        provider.scheduler.advance(Duration.ofMinutes(1));
        String newKeyToken = TestProvider.sign(rotated, provider.claims().build(), h -> { });
        assertThat(validator.validate(newKeyToken).subject()).isEqualTo("user-42");

        RSAKey old = provider.key();
        provider.withdraw(old);
        provider.scheduler.advance(Duration.ofMinutes(10));
        String oldKeyTokenNow = TestProvider.sign(old, provider.claims().build(), h -> { });
        assertRejected(oldKeyTokenNow, "no RSA key with kid 'key-1'");
        assertThat(validator.validate(TestProvider.sign(rotated, provider.claims().build(), h -> { })).subject())
                .isEqualTo("user-42");
    }

    @Test
    void aTokenValidatedBeforeItsKeyWasWithdrawnIsForgotten() {
        JWTClaimsSet longLived = provider.claims().expirationTime(Date.from(provider.scheduler.now().plus(Duration.ofHours(2)))).build();
        String token = provider.token(longLived);
        validator.validate(token);
        provider.publish(TestProvider.generateKey("key-2"));
        provider.withdraw(provider.key());

        provider.scheduler.advance(Duration.ofMinutes(11));

        assertRejected(token, "no RSA key with kid 'key-1'");
    }

    @Test
    void aProviderOutageKeepsTheKnownKeysInUseAndRetriesOncePerInterval() {
        validator.validate(provider.token());
        provider.server.stubFor(get(urlPathEqualTo("/realms/gov/jwks")).willReturn(aResponse().withStatus(503)));
        provider.scheduler.advance(Duration.ofMinutes(10));

        assertThat(validator.validate(provider.token()).subject()).isEqualTo("user-42");
        assertThat(provider.jwksFetches()).isEqualTo(2);
        provider.scheduler.advance(Duration.ofSeconds(30));
        assertThat(validator.validate(provider.token()).subject()).isEqualTo("user-42");
        assertRejected(TestProvider.sign(TestProvider.generateKey("other"), provider.claims().build(), h -> { }), "unknown or removed key");
        assertThat(provider.jwksFetches()).as("no second attempt within the interval").isEqualTo(2);
        provider.scheduler.advance(Duration.ofSeconds(30));
        validator.validate(provider.token());
        assertThat(provider.jwksFetches()).isEqualTo(3);
    }

    @Test
    void aRepeatedTokenIsServedFromTheCacheUntilItExpires() {
        String token = provider.token();
        GovPrincipal first = validator.validate(token);
        provider.server.stop();

        assertThat(validator.validate(token)).isSameAs(first);
        provider.scheduler.advance(Duration.ofMinutes(5).plusSeconds(61));
        provider.server.start();
        assertRejected(token, "expired at");
    }

    @Test
    void configurationMistakesNameTheirKey() {
        assertThatThrownBy(() -> identity.tokenValidator().build()).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.key()).isEqualTo("golden.identity.validator.audience")).hasMessageContaining("anyAudience()");
        assertThatThrownBy(() -> identity.tokenValidator().algorithms("RS256", "HS256"))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.key()).isEqualTo("golden.identity.validator.algorithms"));
        assertThatThrownBy(() -> identity.tokenValidator().algorithms("none")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> identity.tokenValidator().clockSkew(Duration.ofMinutes(10)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("5 minutes");
        assertThatThrownBy(() -> IdentityClient.builder().issuer(URI.create(provider.issuer + "/")).scheduler(provider.scheduler).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo(IdentityClient.ISSUER_KEY))
                .hasMessageContaining("exact match");
        TokenValidator anyAudience = identity.tokenValidator().anyAudience().build();
        assertThat(anyAudience.validate(provider.token(provider.claims().audience("tax-api").build())).subject()).isEqualTo("user-42");
    }

    @Test
    void readsItsSettingsAndRejectsTypos() {
        Settings settings = Settings.of(Map.of(IdentityClient.ISSUER_KEY, provider.issuer,
                "golden.identity.jwks-refresh-interval", "2m", "golden.identity.validator.audience", "tax-api, customs-api",
                "golden.identity.validator.clock-skew", "10s"));
        try (IdentityClient configured = IdentityClient.builder().settings(settings).scheduler(provider.scheduler).build()) {
            TokenValidator fromSettings = configured.tokenValidator().settings(settings).build();
            assertThat(fromSettings.validate(provider.token()).subject()).isEqualTo("user-42");
            Instant now = provider.scheduler.now();
            assertThatThrownBy(() -> fromSettings.validate(provider.token(provider.claims()
                    .expirationTime(Date.from(now.minusSeconds(30))).build()))).hasMessageContaining("allowed skew 10 s");
        }
        Settings typo = Settings.of(Map.of(IdentityClient.ISSUER_KEY, provider.issuer, "golden.identity.validator.audiance", "x"));
        assertThatThrownBy(() -> IdentityClient.builder().settings(typo)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("golden.identity.validator.audience");
    }

    @Test
    void refusesGarbage() {
        assertRejected("", "no bearer token");
        assertRejected("eyJ.eyJ.x y", "visible ASCII");
        assertRejected("eyJhbGciOi.not-json.sig", "not a well-formed JWT");
        assertThat(new String(Base64URL.encode("x").decode(), StandardCharsets.UTF_8)).isEqualTo("x");
    }

    private void assertRejected(String token, String reason) {
        assertThatThrownBy(() -> validator.validate(token)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining(reason);
    }
}
