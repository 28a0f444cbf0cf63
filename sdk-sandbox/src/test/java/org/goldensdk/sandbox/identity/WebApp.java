package org.goldensdk.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.goldensdk.sandbox.TestUser;
import org.goldensdk.sandbox.WebClient;

/** A web application registered with the fixture's provider, doing what an OIDC relying party does, by hand. */
final class WebApp {
    static final String SECRET = "web-app-secret-0123456789";
    final IdentityFixture fixture;
    final WebClient client;
    final URI redirectUri;

    WebApp(IdentityFixture fixture, URI backchannelLogoutUri) {
        this.fixture = fixture;
        String id = "web-" + UUID.randomUUID();
        this.redirectUri = URI.create("https://app.example.test/" + id + "/callback");
        WebClient.Builder builder = WebClient.builder(id, SECRET)
                .redirectUri(redirectUri)
                .postLogoutRedirectUri(URI.create("https://app.example.test/" + id + "/logged-out"));
        if (backchannelLogoutUri != null) {
            builder.backchannelLogoutUri(backchannelLogoutUri);
        }
        this.client = builder.build();
        fixture.sandbox.registerWebClient(client);
    }

    String clientId() {
        return client.clientId();
    }

    URI authorizeUri(IdentityFixture.Pkce pkce, String state, String nonce) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId());
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", "openid profile");
        query.put("state", state);
        query.put("nonce", nonce);
        if (pkce != null) {
            query.put("code_challenge", pkce.challenge());
            query.put("code_challenge_method", "S256");
        }
        return authorizeUri(query);
    }

    URI authorizeUri(Map<String, String> query) {
        StringBuilder uri = new StringBuilder(fixture.sandbox.issuer() + "/authorize?");
        query.forEach((name, value) -> uri.append(IdentityFixture.encode(name)).append('=')
                .append(IdentityFixture.encode(value)).append('&'));
        return URI.create(uri.substring(0, uri.length() - 1));
    }

    /** Logs {@code user} in with a fresh browser and returns the code delivered to the redirection URI. */
    String code(IdentityFixture.Browser browser, TestUser user, IdentityFixture.Pkce pkce) {
        URI back = browser.logIn(authorizeUri(pkce, "state-1", "nonce-1"), user);
        assertThat(back.toString()).startsWith(redirectUri + "?");
        return IdentityFixture.queryParameter(back, "code").orElseThrow(() -> new AssertionError("no code in " + back));
    }

    HttpResponse<String> redeem(String code, String verifier, URI redirect) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirect.toString());
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return token(form);
    }

    HttpResponse<String> token(Map<String, String> form) {
        return fixture.postAsClient("token", clientId(), SECRET, form);
    }

    /** The full flow for {@code user}: the token response. */
    JsonNode logIn(TestUser user) {
        IdentityFixture.Pkce pkce = IdentityFixture.Pkce.create();
        HttpResponse<String> answer = redeem(code(fixture.browser(), user, pkce), pkce.verifier(), redirectUri);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return IdentityFixture.JSON.readTree(answer.body());
    }

    boolean isActive(String token) {
        HttpResponse<String> answer = fixture.postAsClient("introspect", clientId(), SECRET, Map.of("token", token));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return IdentityFixture.JSON.readTree(answer.body()).get("active").asBoolean();
    }
}
