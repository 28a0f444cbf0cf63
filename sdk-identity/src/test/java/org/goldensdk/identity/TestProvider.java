package org.goldensdk.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.goldensdk.core.VirtualScheduler;

/**
 * A real HTTP peer playing an OpenID Connect provider (WireMock): discovery, a JWKS of RSA keys this
 * test generated, and stubs for the token and introspection endpoints; tokens are signed by Nimbus.
 * Time is the {@link VirtualScheduler}'s.
 */
final class TestProvider implements AutoCloseable {

    static final String AUDIENCE = "customs-api";
    static final String CLIENT_ID = "customs-declaration";
    static final String CLIENT_SECRET = "s3cret:with/odd&chars";
    static final String CITIZEN_ID = "11010519491231002X";

    final WireMockServer server;
    final VirtualScheduler scheduler = VirtualScheduler.create();
    final String issuer;
    private final List<RSAKey> published = new ArrayList<>();

    TestProvider() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        issuer = "http://127.0.0.1:" + server.port() + "/realms/gov";
        server.stubFor(get(urlPathEqualTo("/realms/gov/.well-known/openid-configuration")).willReturn(json("""
                {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                 "jwks_uri":"%1$s/jwks","introspection_endpoint":"%1$s/introspect","end_session_endpoint":"%1$s/logout",
                 "token_endpoint_auth_methods_supported":["client_secret_basic","private_key_jwt"],
                 "id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer))));
        RSAKey first = generateKey("key-1");
        publish(first);
    }

    static RSAKey generateKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds {@code key} to the published JWKS. */
    void publish(RSAKey key) {
        published.add(key);
        serveKeys();
    }

    /** Removes {@code key} from the published JWKS. */
    void withdraw(RSAKey key) {
        published.remove(key);
        serveKeys();
    }

    RSAKey key() {
        return published.get(0);
    }

    private void serveKeys() {
        List<JWK> publicKeys = published.stream().map(key -> (JWK) key.toPublicJWK()).toList();
        server.stubFor(get(urlPathEqualTo("/realms/gov/jwks")).willReturn(json(new JWKSet(publicKeys).toString())));
    }

    int jwksFetches() {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/realms/gov/jwks")).build()).getCount();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    void stubToken(String body) {
        server.stubFor(post(urlPathEqualTo("/realms/gov/token")).willReturn(json(body)));
    }

    IdentityClient.Builder client() {
        return IdentityClient.builder().issuer(URI.create(issuer)).scheduler(scheduler)
                .transport(transport -> transport.retryPolicy(org.goldensdk.core.RetryPolicy.none()));
    }

    /** Claims of a valid access token for a natural person, now on the virtual clock. */
    JWTClaimsSet.Builder claims() {
        Instant now = scheduler.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject("user-42").audience(AUDIENCE)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("gov_kind", "natural_person").claim("name", "张三").claim("citizen_id", CITIZEN_ID)
                .claim("roles", List.of("declarant")).claim("scope", "openid customs.declare")
                .claim("acr", "urn:golden:acr:sms").claim("auth_time", now.getEpochSecond()).claim("client_id", CLIENT_ID);
    }

    /** An RS256 access token ({@code typ: at+jwt}) signed with the first published key. */
    String token(JWTClaimsSet claims) {
        return sign(key(), claims, header -> { });
    }

    String token() {
        return token(claims().build());
    }

    static String sign(RSAKey key, JWTClaimsSet claims, Consumer<JWSHeader.Builder> header) {
        JWSHeader.Builder builder = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(new JOSEObjectType("at+jwt"));
        header.accept(builder);
        SignedJWT jwt = new SignedJWT(builder.build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static Map<String, Object> map(Object... pairs) {
        java.util.LinkedHashMap<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Override
    public void close() {
        server.stop();
        scheduler.close();
    }
}
