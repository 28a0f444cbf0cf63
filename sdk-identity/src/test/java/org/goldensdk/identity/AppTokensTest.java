package org.goldensdk.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.TokenSource;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AppTokensTest {

    private static final String TOKEN_PATH = "/realms/gov/token";

    private TestProvider provider;

    @BeforeEach
    void start() {
        provider = new TestProvider();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void clientSecretBasicTokensAreCachedAndRefreshedAheadOfExpiry() {
        provider.stubToken("{\"access_token\":\"first\",\"token_type\":\"Bearer\",\"expires_in\":600}");
        try (IdentityClient identity = provider.client().clientId(TestProvider.CLIENT_ID).clientSecret(TestProvider.CLIENT_SECRET)
                .scope("exchange.send").build()) {
            TokenSource tokens = identity.appTokens();

            assertThat(tokens.token()).isEqualTo("first");
            assertThat(tokens.token()).isEqualTo("first");
            assertThat(tokenRequests()).hasSize(1);
            LoggedRequest request = tokenRequests().get(0);
            String basic = new String(Base64.getDecoder().decode(request.getHeader("Authorization").substring(6)), StandardCharsets.UTF_8);
            assertThat(basic).isEqualTo("customs-declaration:s3cret%3Awith%2Fodd%26chars");
            assertThat(form(request)).containsEntry("grant_type", "client_credentials").containsEntry("scope", "exchange.send");

            provider.stubToken("{\"access_token\":\"second\",\"token_type\":\"bearer\",\"expires_in\":600}");
            provider.scheduler.advance(Duration.ofSeconds(539));
            assertThat(tokens.token()).isEqualTo("first");
            provider.scheduler.advance(Duration.ofSeconds(1));
            assertThat(tokens.token()).as("60 s before expiry").isEqualTo("second");

            tokens.invalidate("second");
            provider.stubToken("{\"access_token\":\"third\",\"token_type\":\"Bearer\",\"expires_in\":600}");
            assertThat(tokens.token()).isEqualTo("third");
            assertThat(tokenRequests()).hasSize(3);
        }
    }

    @Test
    void eachScopeHasItsOwnCachedToken() {
        provider.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                .containing("scope=hub")).willReturn(TestProvider.json("{\"access_token\":\"for-hub\",\"token_type\":\"Bearer\",\"expires_in\":600}")));
        provider.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                .containing("scope=portal")).willReturn(TestProvider.json("{\"access_token\":\"for-portal\",\"token_type\":\"Bearer\",\"expires_in\":600}")));
        try (IdentityClient identity = provider.client().clientId(TestProvider.CLIENT_ID).clientSecret("x").scope("hub").build()) {
            assertThat(identity.appTokens().token()).isEqualTo("for-hub");
            assertThat(identity.appTokens("portal").token()).isEqualTo("for-portal");
            assertThat(identity.appTokens(null)).isSameAs(identity.appTokens());
            assertThat(identity.appTokens("hub").token()).isEqualTo("for-hub");
            assertThat(tokenRequests()).hasSize(2);
        }
    }

    @Test
    void concurrentCallersShareOneRequestToTheProvider() throws Exception {
        provider.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"shared\",\"token_type\":\"Bearer\",\"expires_in\":600}")));
        try (IdentityClient identity = provider.client().clientId(TestProvider.CLIENT_ID).clientSecret("x").build()) {
            TokenSource tokens = identity.appTokens();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return tokens.token();
                    }));
                }
                start.countDown();
                for (Future<String> result : results) {
                    assertThat(result.get()).isEqualTo("shared");
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(tokenRequests()).hasSize(1);
        }
    }

    @Test
    void privateKeyJwtSignsAnRfc7523AssertionWithTheDepartmentsIntlKey() throws Exception {
        provider.stubToken("{\"access_token\":\"signed-for\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        DepartmentCredentials customs = TestDepartment.CUSTOMS.credentials();
        try (IdentityClient identity = provider.client().clientId(TestProvider.CLIENT_ID).privateKeyJwt(customs).build()) {
            assertThat(identity.appTokens().token()).isEqualTo("signed-for");
        }
        Map<String, String> form = form(tokenRequests().get(0));
        assertThat(tokenRequests().get(0).getHeader("Authorization")).isNull();
        assertThat(form).containsEntry("client_id", TestProvider.CLIENT_ID)
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(assertion.verify(new ECDSAVerifier((ECPublicKey) customs.intlCertificateChain().get(0).getPublicKey()))).isTrue();
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo(TestProvider.CLIENT_ID);
        assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo(TestProvider.CLIENT_ID);
        assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(provider.issuer + "/token");
        assertThat(assertion.getJWTClaimsSet().getJWTID()).isNotBlank();
        assertThat(assertion.getJWTClaimsSet().getExpirationTime().toInstant())
                .isEqualTo(provider.scheduler.now().plusSeconds(60));
    }

    @Test
    void aRefusalByTheTokenEndpointIsAnAuthenticationError() {
        provider.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));
        try (IdentityClient identity = provider.client().clientId(TestProvider.CLIENT_ID).clientSecret("wrong").build()) {
            assertThatThrownBy(() -> identity.appTokens().token()).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("the token endpoint refused client 'customs-declaration' (client_secret_basic)");
        }
        provider.stubToken("{\"access_token\":\"mac\",\"token_type\":\"N_A\",\"expires_in\":300}");
        try (IdentityClient identity = provider.client().clientId(TestProvider.CLIENT_ID).clientSecret("x").build()) {
            assertThatThrownBy(() -> identity.appTokens().token()).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("not Bearer");
        }
    }

    private List<LoggedRequest> tokenRequests() {
        return provider.server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    static Map<String, String> form(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }
}
