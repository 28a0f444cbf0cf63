package org.goldensdk.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.VirtualScheduler;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.TestUser;
import org.goldensdk.testkit.TestCredentials;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One sandbox per test JVM on a virtual clock (started at the real now, so standard JWT tools agree
 * with it), driven over plain HTTPS by {@code java.net.http} the way a browser and a back end would:
 * cookies kept, redirections returned to the test rather than followed into client URLs that do
 * not exist, the login form parsed and posted.
 */
final class IdentityFixture implements AutoCloseable {
    static final JsonCodec JSON = JsonCodec.of();
    private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final SecureRandom RANDOM = new SecureRandom();

    final VirtualScheduler clock = VirtualScheduler.startingAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final Sandbox sandbox;
    /** Trusts the development CA, as a client of the sandbox's identity provider must. */
    final TlsConfig trust = TlsConfig.builder().trustAnchors(TestCredentials.trustAnchors().certificates()).build();
    final SSLContext tls = trust.sslContext();

    /** A sandbox with the default settings. */
    IdentityFixture() {
        this.sandbox = Sandbox.builder().scheduler(clock).start();
    }

    /** A sandbox of its own whose rotated-out signing keys stay published for {@code keyGracePeriod}. */
    IdentityFixture(Duration keyGracePeriod) {
        this.sandbox = Sandbox.builder().scheduler(clock).identityKeyGracePeriod(keyGracePeriod).start();
    }

    /** Resolves {@link IdentityFixture} parameters with the JVM's one fixture. */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == IdentityFixture.class;
        }

        @Override
        public IdentityFixture resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.create(IdentityFixture.class))
                    .getOrComputeIfAbsent(IdentityFixture.class, type -> new IdentityFixture(), IdentityFixture.class);
        }
    }

    @Override
    public void close() {
        sandbox.close();
        clock.close();
    }

    /** A fresh user agent: its own cookies. */
    Browser browser() {
        return new Browser(HttpClient.newBuilder().sslContext(tls).cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /**
     * A fresh user agent that follows every redirection (also from the provider's https back to an
     * application on http), as a browser does.
     */
    Browser followingBrowser() {
        return new Browser(HttpClient.newBuilder().sslContext(tls).cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.ALWAYS).build());
    }

    /** A PKCE verifier and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The sandbox's metadata document. */
    JsonNode discovery() {
        return JSON.readTree(browser().get(URI.create(sandbox.issuer() + "/.well-known/openid-configuration")).body());
    }

    /** Verifies a token of the sandbox with Nimbus against the JWKS published now: RS256, a known kid, the expected typ. */
    JWTClaimsSet verify(String token, JOSEObjectType type) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(jwt.getHeader().getType()).isEqualTo(type);
            JWKSet keys = JWKSet.parse(browser().get(URI.create(discovery().get("jwks_uri").asText())).body());
            RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(key).as("the token's kid is published").isNotNull();
            assertThat(jwt.verify(new RSASSAVerifier(key))).as("signature").isTrue();
            assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(sandbox.issuer().toString());
            return jwt.getJWTClaimsSet();
        } catch (Exception e) {
            throw new AssertionError("not a valid token of the sandbox: " + e, e);
        }
    }

    /** Calls a back-channel endpoint with {@code client_secret_basic}. */
    HttpResponse<String> postAsClient(String endpoint, String clientId, String secret, Map<String, String> form) {
        String basic = Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
        return browser().post(URI.create(sandbox.issuer() + "/" + endpoint), form, "Basic " + basic);
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Optional<String> queryParameter(URI uri, String name) {
        if (uri.getRawQuery() == null) {
            return Optional.empty();
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** A user agent with its own cookie jar. */
    static final class Browser {
        private final HttpClient http;

        Browser(HttpClient http) {
            this.http = http;
        }

        HttpResponse<String> get(URI uri) {
            return send(HttpRequest.newBuilder(uri).GET().build());
        }

        HttpResponse<String> getWithBearer(URI uri, String token) {
            return send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build());
        }

        HttpResponse<String> post(URI uri, Map<String, String> form, String authorization) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                            .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                            .collect(Collectors.joining("&"))));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return send(request.build());
        }

        /**
         * Opens {@code start} (an authorization or CAS login URL), and if the provider shows its
         * login form, fills it in as {@code user} and posts it; returns where the provider then
         * redirects the browser (the client's redirection URI with a code or ticket).
         */
        URI logIn(URI start, TestUser user) {
            return logIn(start, user.username(), user.password());
        }

        URI logIn(URI start, String username, String password) {
            HttpResponse<String> page = get(start);
            if (page.statusCode() == 303) {
                return location(page);
            }
            assertThat(page.statusCode()).as("login page of %s: %s", start, page.body()).isEqualTo(200);
            HttpResponse<String> answer = submitLogin(page, username, password);
            assertThat(answer.statusCode()).as("answer to the login form: %s", answer.body()).isEqualTo(303);
            return location(answer);
        }

        /** Posts the login form of {@code page} filled in with these credentials. */
        HttpResponse<String> submitLogin(HttpResponse<String> page, String username, String password) {
            Matcher action = FORM_ACTION.matcher(page.body());
            assertThat(action.find()).as("a login form in %s", page.body()).isTrue();
            Map<String, String> form = new LinkedHashMap<>();
            Matcher hidden = HIDDEN.matcher(page.body());
            while (hidden.find()) {
                form.put(hidden.group(1), hidden.group(2));
            }
            form.put("username", username);
            form.put("password", password);
            return post(page.uri().resolve(action.group(1)), form, null);
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new AssertionError("request to " + request.uri() + " failed: " + e, e);
            }
        }
    }

    static URI location(HttpResponse<String> response) {
        return response.uri().resolve(response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location in " + response.statusCode() + " " + response.body())));
    }
}
