package org.goldensdk.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.goldensdk.core.AuthenticationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Opaque tokens through RFC 7662 introspection, cached no longer than their expiry. */
@Timeout(60)
class IntrospectionTest {

    private static final String PATH = "/realms/gov/introspect";

    private TestProvider provider;
    private IdentityClient identity;
    private TokenValidator validator;

    @BeforeEach
    void start() {
        provider = new TestProvider();
        identity = provider.client().clientId(TestProvider.CLIENT_ID).clientSecret(TestProvider.CLIENT_SECRET).build();
        validator = identity.tokenValidator().audience(TestProvider.AUDIENCE).introspectionCacheTime(Duration.ofMinutes(5)).build();
    }

    @AfterEach
    void stop() {
        identity.close();
        provider.close();
    }

    @Test
    void anActiveOpaqueTokenIsCachedUntilItsExpiryAndNoLonger() {
        long exp = provider.scheduler.now().plusSeconds(90).getEpochSecond();
        stubIntrospection("""
                {"active":true,"iss":"%s","sub":"11420100MB00000196-app","client_id":"tax-invoice","aud":"customs-api",
                 "exp":%d,"gov_kind":"application","agency":"11420100MB00000196","party":"CN/420100/11420100MB00000196/invoice",
                 "scope":"exchange.send"}""".formatted(provider.issuer, exp));

        GovPrincipal principal = validator.validate("opaque-abc");
        assertThat(principal.kind()).isEqualTo(PrincipalKind.APPLICATION);
        assertThat(principal.party().orElseThrow().toString()).isEqualTo("CN/420100/11420100MB00000196/invoice");
        assertThat(principal.agency().orElseThrow().value()).isEqualTo("11420100MB00000196");
        assertThat(principal.clientId()).contains("tax-invoice");
        assertThat(AppTokensTest.form(provider.server.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0)))
                .containsEntry("token", "opaque-abc").containsEntry("token_type_hint", "access_token");

        provider.scheduler.advance(Duration.ofSeconds(89));
        validator.validate("opaque-abc");
        assertThat(introspections()).isEqualTo(1);
        provider.scheduler.advance(Duration.ofSeconds(1));
        validator.validate("opaque-abc");
        assertThat(introspections()).as("asked again once the cached answer reached exp").isEqualTo(2);
        provider.scheduler.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> validator.validate("opaque-abc")).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void anInactiveOrForeignOpaqueTokenIsRefused() {
        stubIntrospection("{\"active\":false}");
        assertThatThrownBy(() -> validator.validate("revoked")).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("not active");

        stubIntrospection("{\"active\":true,\"sub\":\"x\",\"aud\":\"tax-api\"}");
        assertThatThrownBy(() -> validator.validate("for-tax")).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("holds none of [customs-api]");
    }

    private void stubIntrospection(String body) {
        provider.server.stubFor(post(urlPathEqualTo(PATH)).willReturn(TestProvider.json(body)));
    }

    private int introspections() {
        return provider.server.countRequestsMatching(postRequestedFor(urlPathEqualTo(PATH)).build()).getCount();
    }
}
