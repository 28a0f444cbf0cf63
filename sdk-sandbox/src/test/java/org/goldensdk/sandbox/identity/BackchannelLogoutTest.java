package org.goldensdk.sandbox.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.goldensdk.sandbox.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** RP-initiated logout ends the session at the provider, which tells every client of it over the back channel. */
@ExtendWith(IdentityFixture.Extension.class)
class BackchannelLogoutTest {
    private final WireMockServer relyingParty = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        relyingParty.start();
        relyingParty.stubFor(post(urlEqualTo("/backchannel-logout")).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        relyingParty.stop();
    }

    @Test
    void logoutSendsAValidLogoutTokenToTheRegisteredClientAndRedirectsBack(IdentityFixture fixture) throws Exception {
        WebApp app = new WebApp(fixture, URI.create("http://127.0.0.1:" + relyingParty.port() + "/backchannel-logout"));
        IdentityFixture.Browser browser = fixture.browser();
        IdentityFixture.Pkce pkce = IdentityFixture.Pkce.create();
        JsonNode tokens = IdentityFixture.JSON.readTree(app.redeem(app.code(browser, TestUser.CITIZEN, pkce), pkce.verifier(),
                app.redirectUri).body());
        String idToken = tokens.get("id_token").asText();
        Object sid = fixture.verify(idToken, JOSEObjectType.JWT).getClaim("sid");
        URI loggedOut = app.client.postLogoutRedirectUris().get(0);

        HttpResponse<String> answer = browser.get(URI.create(fixture.sandbox.issuer() + "/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + IdentityFixture.encode(loggedOut.toString()) + "&state=bye"));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(IdentityFixture.location(answer)).isEqualTo(URI.create(loggedOut + "?state=bye"));
        List<LoggedRequest> deliveries = relyingParty.findAll(postRequestedFor(urlEqualTo("/backchannel-logout")));
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        JWTClaimsSet logout = fixture.verify(deliveries.get(0).formParameters().get("logout_token").firstValue(),
                new JOSEObjectType("logout+jwt"));
        assertThat(logout.getAudience()).containsExactly(app.clientId());
        assertThat(logout.getSubject()).isEqualTo(TestUser.CITIZEN.subject());
        assertThat(logout.getClaim("sid")).isEqualTo(sid);
        assertThat(logout.getJSONObjectClaim("events")).containsOnlyKeys("http://schemas.openid.net/event/backchannel-logout");
        assertThat(logout.getClaims()).doesNotContainKey("nonce").containsKeys("iat", "exp", "jti");

        assertThat(app.isActive(tokens.get("access_token").asText())).isFalse();
        assertThat(app.isActive(tokens.get("refresh_token").asText())).isFalse();
        HttpResponse<String> again = browser.get(app.authorizeUri(IdentityFixture.Pkce.create(), "s", "n"));
        assertThat(again.statusCode()).as("the session is over: the login form again").isEqualTo(200);
    }

    @Test
    void oneSessionServesOidcAndCasAndACasLogoutEndsItForTheOidcClientToo(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, URI.create("http://127.0.0.1:" + relyingParty.port() + "/backchannel-logout"));
        String casService = "http://127.0.0.1:" + relyingParty.port() + "/cas-app/";
        fixture.sandbox.registerCasService(URI.create(casService));
        relyingParty.stubFor(post(urlEqualTo("/cas-app/")).willReturn(aResponse().withStatus(200)));
        IdentityFixture.Browser browser = fixture.browser();
        app.code(browser, TestUser.CIVIL_SERVANT, IdentityFixture.Pkce.create());

        HttpResponse<String> cas = browser.get(CasServerTest.casLogin(fixture, casService));
        assertThat(cas.statusCode()).as("CAS login rides on the OIDC login").isEqualTo(303);
        assertThat(IdentityFixture.location(cas).toString()).startsWith(casService + "?ticket=ST-");

        assertThat(browser.get(URI.create(fixture.sandbox.casUri() + "logout")).statusCode()).isEqualTo(200);

        assertThat(relyingParty.findAll(postRequestedFor(urlEqualTo("/backchannel-logout")))).hasSize(1);
        assertThat(relyingParty.findAll(postRequestedFor(urlEqualTo("/cas-app/")))).hasSize(1);
    }

    @Test
    void anUnregisteredPostLogoutRedirectIsRefusedAndTheSessionLives(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, URI.create("http://127.0.0.1:" + relyingParty.port() + "/backchannel-logout"));
        IdentityFixture.Browser browser = fixture.browser();
        String idToken = app.logIn(TestUser.LEGAL_PERSON).get("id_token").asText();
        app.code(browser, TestUser.LEGAL_PERSON, IdentityFixture.Pkce.create());

        HttpResponse<String> answer = browser.get(URI.create(fixture.sandbox.issuer() + "/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + IdentityFixture.encode("https://evil.example.test/")));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
        assertThat(relyingParty.findAll(postRequestedFor(urlEqualTo("/backchannel-logout")))).isEmpty();
        assertThat(browser.get(app.authorizeUri(IdentityFixture.Pkce.create(), "s", "n")).statusCode())
                .as("still logged in: straight back with a code").isEqualTo(303);
    }

    @Test
    void aForgedIdTokenHintIsRefused(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        String idToken = app.logIn(TestUser.CITIZEN).get("id_token").asText();
        String forged = idToken.substring(0, idToken.lastIndexOf('.') + 1) + "AAAA";

        HttpResponse<String> answer = fixture.browser().get(URI.create(fixture.sandbox.issuer() + "/logout?id_token_hint=" + forged));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("id_token_hint");
    }
}
