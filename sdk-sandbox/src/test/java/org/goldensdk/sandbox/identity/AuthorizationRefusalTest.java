package org.goldensdk.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.goldensdk.sandbox.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The provider is as strict as a real one about PKCE, redirection URIs and codes. */
@ExtendWith(IdentityFixture.Extension.class)
class AuthorizationRefusalTest {

    @Test
    void aCodeRedeemedWithoutTheVerifierIsRefused(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        IdentityFixture.Pkce pkce = IdentityFixture.Pkce.create();

        HttpResponse<String> answer = app.redeem(app.code(fixture.browser(), TestUser.CITIZEN, pkce), null, app.redirectUri);

        assertInvalidGrant(answer, "code_verifier is missing");
    }

    @Test
    void aCodeRedeemedWithAnotherVerifierIsRefused(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        IdentityFixture.Pkce pkce = IdentityFixture.Pkce.create();
        String code = app.code(fixture.browser(), TestUser.CITIZEN, pkce);

        HttpResponse<String> answer = app.redeem(code, IdentityFixture.Pkce.create().verifier(), app.redirectUri);

        assertInvalidGrant(answer, "code_verifier does not match");
        assertInvalidGrant(app.redeem(code, pkce.verifier(), app.redirectUri), "already used");
    }

    @Test
    void anAuthorizationRequestWithoutPkceS256GetsAnErrorAndNoLoginForm(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("response_type", "code");
        plain.put("client_id", app.clientId());
        plain.put("redirect_uri", app.redirectUri.toString());
        plain.put("scope", "openid");
        plain.put("state", "xyz");
        plain.put("code_challenge", IdentityFixture.Pkce.create().verifier());
        plain.put("code_challenge_method", "plain");

        for (URI request : new URI[] {app.authorizeUri(null, "xyz", "n"), app.authorizeUri(plain)}) {
            HttpResponse<String> answer = fixture.browser().get(request);
            assertThat(answer.statusCode()).isEqualTo(303);
            URI back = IdentityFixture.location(answer);
            assertThat(back.toString()).startsWith(app.redirectUri + "?");
            assertThat(IdentityFixture.queryParameter(back, "error")).contains("invalid_request");
            assertThat(IdentityFixture.queryParameter(back, "state")).contains("xyz");
            assertThat(IdentityFixture.queryParameter(back, "code")).isEmpty();
        }
    }

    @Test
    void anUnregisteredRedirectUriIsNeverRedirectedTo(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        for (String almost : new String[] {app.redirectUri + "/", app.redirectUri + "?x=1", "https://evil.example.test/callback",
                app.redirectUri.toString().toUpperCase()}) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("response_type", "code");
            query.put("client_id", app.clientId());
            query.put("redirect_uri", almost);
            query.put("scope", "openid");
            query.put("code_challenge", IdentityFixture.Pkce.create().challenge());
            query.put("code_challenge_method", "S256");

            HttpResponse<String> answer = fixture.browser().get(app.authorizeUri(query));

            assertThat(answer.statusCode()).as(almost).isEqualTo(400);
            assertThat(answer.headers().firstValue("Location")).isEmpty();
            assertThat(answer.body()).contains("redirect_uri");
        }
    }

    @Test
    void promptNoneWithoutASessionAnswersLoginRequired(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);

        HttpResponse<String> answer = fixture.browser().get(URI.create(app.authorizeUri(IdentityFixture.Pkce.create(), "s", "n")
                + "&prompt=none"));

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(IdentityFixture.queryParameter(IdentityFixture.location(answer), "error")).contains("login_required");
    }

    @Test
    void aRepeatedParameterIsRefused(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        URI twice = URI.create(app.authorizeUri(IdentityFixture.Pkce.create(), "s", "n") + "&client_id=" + app.clientId());

        HttpResponse<String> answer = fixture.browser().get(twice);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("client_id is repeated");
    }

    @Test
    void aCodeRedeemedWithAnotherRedirectUriIsRefused(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        IdentityFixture.Pkce pkce = IdentityFixture.Pkce.create();
        String code = app.code(fixture.browser(), TestUser.CITIZEN, pkce);

        HttpResponse<String> answer = app.redeem(code, pkce.verifier(), URI.create(app.redirectUri + "/other"));

        assertInvalidGrant(answer, "redirect_uri differs");
    }

    @Test
    void aReusedCodeIsRefusedAndTheTokensItGaveAreRevoked(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        IdentityFixture.Pkce pkce = IdentityFixture.Pkce.create();
        String code = app.code(fixture.browser(), TestUser.LEGAL_PERSON, pkce);
        HttpResponse<String> first = app.redeem(code, pkce.verifier(), app.redirectUri);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode tokens = IdentityFixture.JSON.readTree(first.body());
        assertThat(app.isActive(tokens.get("access_token").asText())).isTrue();

        HttpResponse<String> second = app.redeem(code, pkce.verifier(), app.redirectUri);

        assertInvalidGrant(second, "already used");
        assertThat(app.isActive(tokens.get("access_token").asText())).isFalse();
        assertThat(app.isActive(tokens.get("refresh_token").asText())).isFalse();
    }

    @Test
    void aCodeIsRedeemedOnlyByTheClientItWasIssuedTo(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        WebApp other = new WebApp(fixture, null);
        IdentityFixture.Pkce pkce = IdentityFixture.Pkce.create();
        String code = app.code(fixture.browser(), TestUser.CITIZEN, pkce);

        assertInvalidGrant(other.redeem(code, pkce.verifier(), app.redirectUri), "another client");
    }

    @Test
    void aWebClientWithAWrongSecretIsRefused(IdentityFixture fixture) {
        WebApp app = new WebApp(fixture, null);
        IdentityFixture.Pkce pkce = IdentityFixture.Pkce.create();
        String code = app.code(fixture.browser(), TestUser.CITIZEN, pkce);

        HttpResponse<String> answer = fixture.postAsClient("token", app.clientId(), "wrong-secret-0123456789", Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", app.redirectUri.toString(),
                "code_verifier", pkce.verifier()));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"invalid_client\"");
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
    }

    private static void assertInvalidGrant(HttpResponse<String> answer, String why) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode error = IdentityFixture.JSON.readTree(answer.body());
        assertThat(error.get("error").asText()).isEqualTo("invalid_grant");
        assertThat(error.get("error_description").asText()).contains(why);
    }
}
