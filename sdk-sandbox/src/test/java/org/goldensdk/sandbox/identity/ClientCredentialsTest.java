package org.goldensdk.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Application tokens for departments' systems: by client secret or by a private_key_jwt with the INTL key. */
@ExtendWith(IdentityFixture.Extension.class)
class ClientCredentialsTest {
    private static final String TAX_CLIENT = "11420100MB00000196.invoice";

    @Test
    void aDepartmentGetsAnApplicationTokenWithItsClientSecret(IdentityFixture fixture) {
        assertThat(Sandbox.departmentClientId(TestDepartment.TAX.partyId())).isEqualTo(TAX_CLIENT);

        HttpResponse<String> answer = fixture.postAsClient("token", TAX_CLIENT, Sandbox.DEPARTMENT_CLIENT_SECRET,
                Map.of("grant_type", "client_credentials"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode tokens = IdentityFixture.JSON.readTree(answer.body());
        assertThat(tokens.has("refresh_token")).isFalse();
        assertThat(tokens.has("id_token")).isFalse();
        JWTClaimsSet claims = fixture.verify(tokens.get("access_token").asText(), new JOSEObjectType("at+jwt"));
        assertThat(claims.getSubject()).isEqualTo(TAX_CLIENT);
        assertThat(claims.getClaim("client_id")).isEqualTo(TAX_CLIENT);
        assertThat(claims.getClaim("gov_kind")).isEqualTo("application");
        assertThat(claims.getClaim("party")).isEqualTo("CN/420100/11420100MB00000196/invoice");
        assertThat(claims.getClaim("agency")).isEqualTo("11420100MB00000196");
        assertThat(claims.getClaim("name")).isEqualTo("国家税务总局武汉市税务局");
        assertThat(claims.getClaim("scope")).isEqualTo("exchange");
        assertThat(claims.getClaim("acr")).isEqualTo("urn:golden:acr:password");
        assertThat(claims.getAudience()).containsExactly("urn:golden:platform");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(fixture.clock.now().plusSeconds(600));
    }

    @Test
    void anApplicationTokenGetsNoUserinfo(IdentityFixture fixture) {
        String token = IdentityFixture.JSON.readTree(fixture.postAsClient("token", TAX_CLIENT, Sandbox.DEPARTMENT_CLIENT_SECRET,
                Map.of("grant_type", "client_credentials")).body()).get("access_token").asText();

        HttpResponse<String> answer = fixture.browser().getWithBearer(URI.create(fixture.sandbox.issuer() + "/userinfo"), token);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).contains("insufficient_scope"));
    }

    @Test
    void theResourceParameterBecomesTheAudience(IdentityFixture fixture) {
        HttpResponse<String> answer = fixture.postAsClient("token", TAX_CLIENT, Sandbox.DEPARTMENT_CLIENT_SECRET,
                Map.of("grant_type", "client_credentials", "resource", fixture.sandbox.hubUri().toString(), "scope", "exchange portal"));

        JWTClaimsSet claims = fixture.verify(IdentityFixture.JSON.readTree(answer.body()).get("access_token").asText(),
                new JOSEObjectType("at+jwt"));
        assertThat(claims.getAudience()).containsExactly(fixture.sandbox.hubUri().toString());
        assertThat(claims.getClaim("scope")).isEqualTo("exchange portal");
    }

    @Test
    void aWrongClientSecretIsRefused(IdentityFixture fixture) {
        HttpResponse<String> answer = fixture.postAsClient("token", TAX_CLIENT, "golden-dev-client-secreT",
                Map.of("grant_type", "client_credentials"));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"invalid_client\"");
    }

    @Test
    void aSecretInTheBodyIsRefused(IdentityFixture fixture) {
        HttpResponse<String> answer = fixture.browser().post(tokenEndpoint(fixture), Map.of("grant_type", "client_credentials",
                "client_id", TAX_CLIENT, "client_secret", Sandbox.DEPARTMENT_CLIENT_SECRET), null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("client_secret_post is not supported");
    }

    @Test
    void aDepartmentGetsATokenWithAPrivateKeyJwtSignedByItsIntlKey(IdentityFixture fixture) {
        HttpResponse<String> answer = withAssertion(fixture, assertion(fixture, TestDepartment.TAX, claims -> { }));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JWTClaimsSet claims = fixture.verify(IdentityFixture.JSON.readTree(answer.body()).get("access_token").asText(),
                new JOSEObjectType("at+jwt"));
        assertThat(claims.getClaim("party")).isEqualTo("CN/420100/11420100MB00000196/invoice");
        assertThat(claims.getClaim("acr")).isEqualTo("urn:golden:acr:certificate");
    }

    @Test
    void anAssertionForTheIntrospectionEndpointAuthenticatesThere(IdentityFixture fixture) {
        String token = IdentityFixture.JSON.readTree(withAssertion(fixture, assertion(fixture, TestDepartment.TAX, claims -> { }))
                .body()).get("access_token").asText();
        URI introspection = URI.create(fixture.sandbox.issuer() + "/introspect");
        String assertion = assertion(fixture, TestDepartment.TAX, claims -> claims.audience(introspection.toString()));

        HttpResponse<String> answer = fixture.browser().post(introspection, Map.of("token", token,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion), null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(IdentityFixture.JSON.readTree(answer.body()).get("active").asBoolean()).isTrue();
    }

    @Test
    void aReplayedAssertionIsRefused(IdentityFixture fixture) {
        String assertion = assertion(fixture, TestDepartment.TAX, claims -> { });
        assertThat(withAssertion(fixture, assertion).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = withAssertion(fixture, assertion);

        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("\"invalid_client\"", "jti was used before");
    }

    @Test
    void assertionsThatAreNotShortLivedForTheTokenEndpointAndSignedByTheClientAreRefused(IdentityFixture fixture) {
        Instant now = fixture.clock.now();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("the token endpoint", assertion(fixture, TestDepartment.TAX, claims -> claims.audience(fixture.sandbox.hubUri().toString())));
        refused.put("expired", assertion(fixture, TestDepartment.TAX, claims -> claims.expirationTime(Date.from(now.minusSeconds(1)))));
        refused.put("ahead", assertion(fixture, TestDepartment.TAX, claims -> claims.expirationTime(Date.from(now.plus(Duration.ofHours(1))))));
        refused.put("jti", assertion(fixture, TestDepartment.TAX, claims -> claims.jwtID(null)));
        refused.put("iss and sub", assertion(fixture, TestDepartment.TAX, claims -> claims.subject("11420100MB00000271.declaration")));
        // customs signs an assertion claiming to be tax
        refused.put("signature", sign(TestDepartment.CUSTOMS, base(fixture, TAX_CLIENT).build()));

        refused.forEach((why, assertion) -> {
            HttpResponse<String> answer = withAssertion(fixture, assertion);
            assertThat(answer.statusCode()).as(why).isEqualTo(401);
            assertThat(answer.body()).as(why).contains("\"invalid_client\"", why);
        });
    }

    @Test
    void aWebClientCannotUseClientCredentials(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);

        HttpResponse<String> answer = app.token(Map.of("grant_type", "client_credentials"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"unauthorized_client\"");
    }

    private static URI tokenEndpoint(IdentityFixture fixture) {
        return URI.create(fixture.sandbox.issuer() + "/token");
    }

    private static HttpResponse<String> withAssertion(IdentityFixture fixture, String assertion) {
        return fixture.browser().post(tokenEndpoint(fixture), Map.of("grant_type", "client_credentials",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion), null);
    }

    private static JWTClaimsSet.Builder base(IdentityFixture fixture, String clientId) {
        Instant now = fixture.clock.now();
        return new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(tokenEndpoint(fixture).toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String assertion(IdentityFixture fixture, TestDepartment department, Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder claims = base(fixture, Sandbox.departmentClientId(department.partyId()));
        change.accept(claims);
        return sign(department, claims.build());
    }

    private static String sign(TestDepartment department, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
            jwt.sign(new ECDSASigner((ECPrivateKey) department.credentials().intlPrivateKey()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
