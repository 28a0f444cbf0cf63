package org.goldensdk.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A servlet application behind SsoFilter, a WireMock provider and a cookie-keeping HTTP client as the browser. */
@Timeout(60)
class SsoFilterTest {

    private static final String TOKEN_PATH = "/realms/gov/token";

    private TestProvider provider;
    private IdentityClient identity;
    private SessionRegistry registry;
    private WebApp app;

    @BeforeEach
    void start() {
        provider = new TestProvider();
        identity = provider.client().clientId(TestProvider.CLIENT_ID).clientSecret(TestProvider.CLIENT_SECRET).build();
        registry = SessionRegistry.inMemory();
        app = new WebApp(SsoFilter.builder(identity).sessionRegistry(registry)
                .postLogoutRedirectUri(URI.create("https://portal.example.gov/")).build());
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        identity.close();
        provider.close();
    }

    @Test
    void logsInWithCodePkceStateAndNonceThenRefreshesAndLogsOut() throws Exception {
        HttpResponse<String> first = app.get("/declarations?year=2026");
        assertThat(first.statusCode()).isEqualTo(302);
        Map<String, String> authorize = query(first.headers().firstValue("Location").orElseThrow());
        assertThat(first.headers().firstValue("Location").orElseThrow()).startsWith(provider.issuer + "/authorize?");
        assertThat(authorize).containsEntry("response_type", "code").containsEntry("client_id", TestProvider.CLIENT_ID)
                .containsEntry("code_challenge_method", "S256").containsEntry("redirect_uri", app.uri("/sso/callback").toString())
                .containsKeys("state", "nonce", "code_challenge");

        HttpResponse<String> callback = login(authorize, "sid-1", "access-1", 300);
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(callback.headers().firstValue("Location")).contains("/app/declarations?year=2026");
        LoggedRequest exchange = provider.server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).get(0);
        Map<String, String> form = AppTokensTest.form(exchange);
        assertThat(form).containsEntry("grant_type", "authorization_code").containsEntry("code", "code-1")
                .containsEntry("redirect_uri", app.uri("/sso/callback").toString());
        assertThat(s256(form.get("code_verifier"))).as("the verifier matches the challenge").isEqualTo(authorize.get("code_challenge"));

        HttpResponse<String> page = app.get("/declarations?year=2026");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("user=user-42 kind=NATURAL_PERSON declarant=true token=access-1");

        provider.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(TestProvider.json("{\"access_token\":\"access-2\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                        + "\"refresh_token\":\"refresh-2\"}")));
        provider.scheduler.advance(Duration.ofSeconds(271));
        assertThat(app.get("/declarations").body()).endsWith("token=access-2");
        assertThat(AppTokensTest.form(provider.server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).get(1)))
                .containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "refresh-1");

        HttpResponse<String> logout = app.get("/sso/logout");
        Map<String, String> endSession = query(logout.headers().firstValue("Location").orElseThrow());
        assertThat(logout.headers().firstValue("Location").orElseThrow()).startsWith(provider.issuer + "/logout?");
        assertThat(endSession).containsKey("id_token_hint").containsEntry("post_logout_redirect_uri", "https://portal.example.gov/");
        assertThat(app.get("/declarations").statusCode()).as("signed out").isEqualTo(302);
    }

    @Test
    void aStepUpDemandedByTheApplicationSendsTheBrowserToLogInAgainAtThatLevel() {
        Map<String, String> authorize = query(app.get("/").headers().firstValue("Location").orElseThrow());
        login(authorize, "sid-1", "access-1", 300);
        assertThat(app.get("/declarations").statusCode()).isEqualTo(200);

        HttpResponse<String> stepUp = app.get("/tax-filing");
        assertThat(stepUp.statusCode()).isEqualTo(302);
        Map<String, String> again = query(stepUp.headers().firstValue("Location").orElseThrow());
        assertThat(again).containsEntry("acr_values", "urn:golden:acr:certificate").containsEntry("prompt", "login");
        HttpResponse<String> api = app.send(java.net.http.HttpRequest.newBuilder(app.uri("/tax-filing"))
                .header("Accept", "application/json").build());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("insufficient_user_authentication");

        provider.scheduler.advance(Duration.ofSeconds(1));
        loginWith(again, provider.claims().audience(TestProvider.CLIENT_ID).claim("nonce", again.get("nonce")).claim("sid", "sid-2")
                .claim("acr", "urn:golden:acr:certificate").build(), "access-2");
        assertThat(app.get("/tax-filing").statusCode()).isEqualTo(200);
    }

    @Test
    void aReplayedStateIsRefused() {
        Map<String, String> authorize = query(app.get("/").headers().firstValue("Location").orElseThrow());
        assertThat(login(authorize, "sid-1", "access-1", 300).statusCode()).isEqualTo(302);

        HttpResponse<String> replay = app.get("/sso/callback?code=code-1&state=" + authorize.get("state"));
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("already used state");
        assertThat(app.get("/sso/callback?code=x&state=never-issued").statusCode()).isEqualTo(400);
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        Map<String, String> authorize = query(app.get("/").headers().firstValue("Location").orElseThrow());
        authorize.put("nonce", "someone-elses-nonce");
        HttpResponse<String> callback = login(authorize, "sid-1", "access-1", 300);
        assertThat(callback.statusCode()).isEqualTo(401);
        assertThat(callback.body()).contains("nonce does not match");
    }

    @Test
    void aBackChannelLogoutEndsTheSessionOnEveryNodeSharingTheRegistry() throws Exception {
        Map<String, String> authorize = query(app.get("/").headers().firstValue("Location").orElseThrow());
        login(authorize, "sid-7", "access-1", 300);
        assertThat(app.get("/").statusCode()).isEqualTo(200);

        try (WebApp otherNode = new WebApp(SsoFilter.builder(identity).sessionRegistry(registry).build())) {
            HttpResponse<String> answer = otherNode.postForm("/sso/backchannel-logout", "logout_token=" + logoutToken(
                    logoutClaims("sid-7").build()));
            assertThat(answer.statusCode()).isEqualTo(200);
        }
        assertThat(app.get("/").statusCode()).as("the session is gone here too").isEqualTo(302);
    }

    @Test
    void logoutTokensWithoutEventsWithANonceOrReplayedAreRefused() {
        Map<String, String> authorize = query(app.get("/").headers().firstValue("Location").orElseThrow());
        login(authorize, "sid-9", "access-1", 300);

        assertRefused(logoutClaims("sid-9").claim("events", null).build(), "events claim does not hold");
        assertRefused(logoutClaims("sid-9").claim("events", Map.of("urn:other", Map.of())).build(), "events claim does not hold");
        assertRefused(logoutClaims("sid-9").claim("nonce", "n").build(), "carries a nonce");
        assertRefused(logoutClaims("sid-9").audience("another-client").build(), "holds none of [customs-declaration]");
        assertRefused(logoutClaims(null).subject(null).build(), "neither a session (sid) nor a subject (sub)");
        assertThat(app.get("/").statusCode()).as("still signed in").isEqualTo(200);

        JWTClaimsSet once = logoutClaims("sid-9").build();
        assertThat(app.postForm("/sso/backchannel-logout", "logout_token=" + logoutToken(once)).statusCode()).isEqualTo(200);
        assertRefused(once, "already used");
        assertThat(app.get("/").statusCode()).isEqualTo(302);
    }

    private void assertRefused(JWTClaimsSet claims, String reason) {
        HttpResponse<String> answer = app.postForm("/sso/backchannel-logout", "logout_token=" + logoutToken(claims));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains(reason);
    }

    private JWTClaimsSet.Builder logoutClaims(String sid) {
        Date now = Date.from(provider.scheduler.now());
        return new JWTClaimsSet.Builder().issuer(provider.issuer).audience(TestProvider.CLIENT_ID).subject("user-42")
                .issueTime(now).expirationTime(Date.from(provider.scheduler.now().plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString()).claim("sid", sid)
                .claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
    }

    private String logoutToken(JWTClaimsSet claims) {
        return TestProvider.sign(provider.key(), claims, header -> header.type(new JOSEObjectType("logout+jwt")));
    }

    /** The provider's side of a login: the browser comes back with a code, the token endpoint answers with an ID token. */
    private HttpResponse<String> login(Map<String, String> authorize, String sid, String accessToken, int expiresIn) {
        JWTClaimsSet idClaims = provider.claims().audience(TestProvider.CLIENT_ID).claim("nonce", authorize.get("nonce"))
                .claim("sid", sid).build();
        return loginWith(authorize, idClaims, accessToken, expiresIn);
    }

    private HttpResponse<String> loginWith(Map<String, String> authorize, JWTClaimsSet idClaims, String accessToken) {
        return loginWith(authorize, idClaims, accessToken, 300);
    }

    private HttpResponse<String> loginWith(Map<String, String> authorize, JWTClaimsSet idClaims, String accessToken, int expiresIn) {
        String idToken = TestProvider.sign(provider.key(), idClaims, header -> header.type(JOSEObjectType.JWT));
        provider.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(TestProvider.json("{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                        + expiresIn + ",\"refresh_token\":\"refresh-1\",\"id_token\":\"" + idToken + "\"}")));
        return app.get("/sso/callback?code=code-1&state=" + authorize.get("state"));
    }

    static Map<String, String> query(String location) {
        String query = URI.create(location).getRawQuery();
        return Arrays.stream(query.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8), pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
