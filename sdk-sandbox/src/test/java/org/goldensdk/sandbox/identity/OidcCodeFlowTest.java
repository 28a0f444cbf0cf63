package org.goldensdk.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.goldensdk.sandbox.TestUser;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(IdentityFixture.Extension.class)
class OidcCodeFlowTest {
    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    @Test
    void discoveryDescribesAStrictCodeFlowProvider(IdentityFixture fixture) {
        JsonNode metadata = fixture.discovery();
        String issuer = fixture.sandbox.issuer().toString();

        assertThat(issuer).startsWith("https://127.0.0.1:").endsWith("/oidc");
        assertThat(metadata.get("issuer").asText()).isEqualTo(issuer);
        assertThat(metadata.get("token_endpoint").asText()).isEqualTo(issuer + "/token");
        assertThat(metadata.get("response_types_supported").toString()).isEqualTo("[\"code\"]");
        assertThat(metadata.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(metadata.get("token_endpoint_auth_methods_supported").toString())
                .isEqualTo("[\"client_secret_basic\",\"private_key_jwt\"]");
        assertThat(metadata.get("backchannel_logout_supported").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestUser.class)
    void eachKindOfUserLogsInWithCodeAndPkceAndGetsTheGovernmentClaims(TestUser user, IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        IdentityFixture.Browser browser = fixture.browser();
        IdentityFixture.Pkce pkce = IdentityFixture.Pkce.create();

        HttpResponse<String> page = browser.get(app.authorizeUri(pkce, "state-ü 1", "nonce-42"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualToIgnoringCase("text/html;charset=UTF-8");
        assertThat(page.body()).contains("李秀英", "武汉光谷示例科技有限公司", "陈明", "<form method=\"post\"");
        URI back = IdentityFixture.location(browser.submitLogin(page, user.username(), user.password()));

        assertThat(back.toString()).startsWith(app.redirectUri + "?");
        assertThat(IdentityFixture.queryParameter(back, "state")).contains("state-ü 1");
        assertThat(IdentityFixture.queryParameter(back, "iss")).contains(fixture.sandbox.issuer().toString());
        HttpResponse<String> answer = app.redeem(IdentityFixture.queryParameter(back, "code").orElseThrow(), pkce.verifier(),
                app.redirectUri);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode tokens = IdentityFixture.JSON.readTree(answer.body());
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");

        JWTClaimsSet id = fixture.verify(tokens.get("id_token").asText(), JOSEObjectType.JWT);
        assertThat(id.getAudience()).containsExactly(app.clientId());
        assertThat(id.getSubject()).isEqualTo(user.subject());
        assertThat(id.getClaim("nonce")).isEqualTo("nonce-42");
        assertThat(id.getClaim("sid")).isNotNull();
        JWTClaimsSet access = fixture.verify(tokens.get("access_token").asText(), AT_JWT);
        for (JWTClaimsSet claims : List.of(id, access)) {
            assertThat(claims.getClaim("gov_kind")).isEqualTo(user.govKind());
            assertThat(claims.getClaim("name")).isEqualTo(user.displayName());
            assertThat(claims.getClaim("acr")).isEqualTo("urn:golden:acr:password");
            assertThat(claims.getClaim("auth_time")).isNotNull();
            assertThat(claims.getClaim("roles")).isEqualTo(user.roles());
        }
        assertThat(access.getClaim("client_id")).isEqualTo(app.clientId());
        assertThat(access.getClaim("scope")).isEqualTo("openid profile");
        assertThat(access.getAudience()).containsExactly("urn:golden:platform");
        switch (user) {
            case CITIZEN -> assertThat(access.getClaim("citizen_id")).isEqualTo("11010519491231002X");
            case LEGAL_PERSON -> assertThat(access.getClaim("credit_code")).isEqualTo("91420100MA4K00002Y");
            case CIVIL_SERVANT -> assertThat(access.getClaim("agency")).isEqualTo(TestDepartment.TAX.creditCode().value());
        }

        HttpResponse<String> userinfo = fixture.browser().getWithBearer(URI.create(fixture.sandbox.issuer() + "/userinfo"),
                tokens.get("access_token").asText());
        assertThat(userinfo.statusCode()).isEqualTo(200);
        assertThat(IdentityFixture.JSON.readTree(userinfo.body()).get("name").asText()).isEqualTo(user.displayName());
    }

    @Test
    void aSecondClientGetsItsCodeWithoutTheLoginFormInTheSameBrowser(IdentityFixture fixture) {
        IdentityFixture.Browser browser = fixture.browser();
        new WebApp(fixture, null).code(browser, TestUser.CITIZEN, IdentityFixture.Pkce.create());
        WebApp second = new WebApp(fixture, null);

        HttpResponse<String> answer = browser.get(second.authorizeUri(IdentityFixture.Pkce.create(), "s", "n"));

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(IdentityFixture.location(answer).toString()).startsWith(second.redirectUri + "?code=");
    }

    @Test
    void aWrongPasswordShowsTheFormAgainWithoutACode(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        IdentityFixture.Browser browser = fixture.browser();
        HttpResponse<String> page = browser.get(app.authorizeUri(IdentityFixture.Pkce.create(), "s", "n"));

        HttpResponse<String> answer = browser.submitLogin(page, TestUser.CITIZEN.username(), "not-the-password");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("用户名或密码错误", "<form method=\"post\"");
        assertThat(answer.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void refreshRotatesTheRefreshTokenAndTheSpentOneIsRefusedAndEndsTheFamily(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        JsonNode first = app.logIn(TestUser.CIVIL_SERVANT);
        String refresh = first.get("refresh_token").asText();

        HttpResponse<String> refreshed = app.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode second = IdentityFixture.JSON.readTree(refreshed.body());
        assertThat(second.get("refresh_token").asText()).isNotEqualTo(refresh);
        JWTClaimsSet access = fixture.verify(second.get("access_token").asText(), AT_JWT);
        assertThat(access.getSubject()).isEqualTo(TestUser.CIVIL_SERVANT.subject());
        assertThat(fixture.verify(second.get("id_token").asText(), JOSEObjectType.JWT).getClaim("nonce")).isNull();

        HttpResponse<String> replay = app.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("\"invalid_grant\"");
        assertThat(app.isActive(second.get("refresh_token").asText())).as("the replay ended the family").isFalse();
    }

    @Test
    void introspectionTellsActiveFromRevokedTokens(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        JsonNode tokens = app.logIn(TestUser.LEGAL_PERSON);
        String access = tokens.get("access_token").asText();

        HttpResponse<String> active = fixture.postAsClient("introspect", app.clientId(), WebApp.SECRET, Map.of("token", access));
        JsonNode claims = IdentityFixture.JSON.readTree(active.body());
        assertThat(claims.get("active").asBoolean()).isTrue();
        assertThat(claims.get("client_id").asText()).isEqualTo(app.clientId());
        assertThat(claims.get("credit_code").asText()).isEqualTo("91420100MA4K00002Y");
        assertThat(app.isActive(tokens.get("refresh_token").asText())).isTrue();

        HttpResponse<String> revoked = fixture.postAsClient("revoke", app.clientId(), WebApp.SECRET, Map.of("token", access));
        assertThat(revoked.statusCode()).isEqualTo(200);

        assertThat(IdentityFixture.JSON.readTree(fixture.postAsClient("introspect", app.clientId(), WebApp.SECRET,
                Map.of("token", access)).body()).toString()).isEqualTo("{\"active\":false}");
        assertThat(app.isActive("not-a-token")).isFalse();
        HttpResponse<String> userinfo = fixture.browser().getWithBearer(URI.create(fixture.sandbox.issuer() + "/userinfo"), access);
        assertThat(userinfo.statusCode()).isEqualTo(401);
    }

    @Test
    void introspectionNeedsAnAuthenticatedClient(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        String access = app.logIn(TestUser.CITIZEN).get("access_token").asText();

        HttpResponse<String> answer = fixture.postAsClient("introspect", app.clientId(), "wrong-secret-0123456789", Map.of("token", access));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"invalid_client\"");
    }

    @Test
    void codesLiveSixtySecondsOnTheSandboxClock(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        IdentityFixture.Pkce pkce = IdentityFixture.Pkce.create();
        String code = app.code(fixture.browser(), TestUser.CITIZEN, pkce);

        fixture.clock.advance(Duration.ofSeconds(61));

        HttpResponse<String> answer = app.redeem(code, pkce.verifier(), app.redirectUri);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"invalid_grant\"");
    }
}
