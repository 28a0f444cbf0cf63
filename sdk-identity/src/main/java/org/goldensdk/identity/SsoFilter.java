package org.goldensdk.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.GoldenException;
import org.goldensdk.identity.internal.ClientAuthentication;
import org.goldensdk.identity.internal.JwtVerifier;
import org.goldensdk.identity.internal.ProviderHttp;
import org.goldensdk.identity.internal.servlet.Servlets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jakarta Servlet filter that signs users in with OpenID Connect: authorization code with PKCE
 * (S256), {@code state} (single use, bound to the browser's session) and {@code nonce}; the ID
 * token is validated like an access token (signature from the JWKS, issuer, audience = this client,
 * expiry, nonce). The servlet session id is changed at login (no fixation), and only a session id is
 * kept in it — the session itself lives in a {@link SessionRegistry}, checked on every request, so
 * a back-channel logout (OpenID Connect Back-Channel Logout 1.0) that reaches any node ends it
 * everywhere the registry is shared. Access tokens are refreshed with the refresh token before they
 * expire; {@code /sso/logout} ends the session here and at the provider (RP-initiated logout).
 *
 * <p>Inside the filter chain {@link HttpServletRequest#getUserPrincipal()} is the
 * {@link GovPrincipal} ({@link #principal(HttpServletRequest)}), {@code isUserInRole} checks its
 * roles, and {@link #accessToken(HttpServletRequest)} gives the user's access token. Thread-safe.
 *
 * <pre>{@code
 * servletContext.addFilter("sso", SsoFilter.builder(identity).build()).addMappingForUrlPatterns(null, false, "/*");
 * }</pre>
 */
public final class SsoFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(SsoFilter.class);
    private static final String PENDING_ATTRIBUTE = "org.goldensdk.identity.sso.pending";
    private static final String ACCESS_TOKEN_ATTRIBUTE = "org.goldensdk.identity.accessToken";
    private static final String BACK_CHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final int MAX_PENDING_LOGINS = 8;
    private static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(10);

    private final IdentityClient identity;
    private final ClientAuthentication client;
    private final JwtVerifier verifier;
    private final SessionRegistry sessions;
    private final ClaimMapping mapping;
    private final Clock clock;
    private final URI applicationUri;
    private final String callbackPath;
    private final String logoutPath;
    private final String backChannelLogoutPath;
    private final URI postLogoutRedirectUri;
    private final String scope;
    private final Duration refreshAhead;
    private final Map<String, Instant> usedLogoutTokens = new ConcurrentHashMap<>();
    private final Map<String, Object> refreshLocks = new ConcurrentHashMap<>();

    /** A login in progress, kept in the servlet session under its state. */
    private record PendingLogin(String nonce, String verifier, String returnTo, Instant startedAt) implements Serializable {
    }

    private SsoFilter(Builder builder) {
        this.identity = builder.identity;
        this.client = identity.clientAuthentication().orElseThrow(() -> new ConfigurationException("golden.identity.client-id",
                "SsoFilter needs client credentials: clientId(...) and clientSecret(...) or privateKeyJwt(...)"));
        this.clock = identity.scheduler().clock();
        this.verifier = new JwtVerifier(identity.keys(), identity.metadata().issuer(), JwtVerifier.DEFAULT_ALGORITHMS, clock,
                Duration.ofSeconds(60));
        this.sessions = builder.sessions;
        this.mapping = builder.mapping;
        this.applicationUri = builder.applicationUri;
        this.callbackPath = builder.callbackPath;
        this.logoutPath = builder.logoutPath;
        this.backChannelLogoutPath = builder.backChannelLogoutPath;
        this.postLogoutRedirectUri = builder.postLogoutRedirectUri;
        this.scope = builder.scope;
        this.refreshAhead = builder.refreshAhead;
    }

    /** A builder for the provider {@code identity} (which must have client credentials). */
    public static Builder builder(IdentityClient identity) {
        return new Builder(identity);
    }

    /** The signed-in principal of a request that passed an {@link SsoFilter} or {@link CasFilter}. */
    public static Optional<GovPrincipal> principal(HttpServletRequest request) {
        return Optional.ofNullable((GovPrincipal) request.getAttribute(Servlets.PRINCIPAL_ATTRIBUTE));
    }

    /** The signed-in user's current access token, for calling APIs on their behalf. */
    public static Optional<String> accessToken(HttpServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(ACCESS_TOKEN_ATTRIBUTE));
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        String path = Servlets.path(request);
        if (path.equals(backChannelLogoutPath)) {
            backChannelLogout(request, response);
        } else if (path.equals(callbackPath)) {
            callback(request, response);
        } else if (path.equals(logoutPath)) {
            logout(request, response);
        } else {
            Optional<SsoSession> session = current(request);
            if (session.isPresent()) {
                SsoSession fresh = refreshIfDue(session.get());
                if (fresh != null) {
                    request.setAttribute(ACCESS_TOKEN_ATTRIBUTE, fresh.accessToken());
                    try {
                        chain.doFilter(Servlets.authenticated(request, fresh.principal(), "OIDC"), response);
                    } catch (StepUpRequiredException e) {
                        stepUp(request, response, e);
                    } catch (ServletException e) {
                        if (!(e.getRootCause() instanceof StepUpRequiredException stepUp)) {
                            throw e;
                        }
                        stepUp(request, response, stepUp);
                    }
                    return;
                }
            }
            startLogin(request, response, null);
        }
    }

    private Optional<SsoSession> current(HttpServletRequest request) {
        return Servlets.session(request, sessions);
    }

    /**
     * The application demanded a stronger assurance ({@link GovPrincipal#requireAssurance}): a browser
     * logs in again asking for it ({@code acr_values}, {@code prompt=login}); an API caller gets 401
     * with {@code insufficient_user_authentication} (RFC 9470).
     */
    private void stepUp(HttpServletRequest request, HttpServletResponse response, StepUpRequiredException e) throws IOException {
        if (response.isCommitted()) {
            throw e;
        }
        response.reset();
        String acr = mapping.acrFor(e.required());
        if (Servlets.isBrowserNavigation(request)) {
            LOG.info("Step-up to {} required; sending the browser to log in again", e.required());
            startLogin(request, response, acr);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\", acr_values=\"" + acr + "\"");
        Servlets.fail(response, 401, e.getMessage());
    }

    private void startLogin(HttpServletRequest request, HttpServletResponse response, String acr) throws IOException {
        if (!Servlets.isBrowserNavigation(request)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"" + identity.metadata().issuer() + "\"");
            Servlets.fail(response, 401, "Sign in first: this resource needs an authenticated session");
            return;
        }
        String state = Servlets.randomToken();
        String nonce = Servlets.randomToken();
        String codeVerifier = Servlets.randomToken();
        HttpSession session = request.getSession(true);
        Map<String, PendingLogin> pending = pending(session);
        pending.values().removeIf(login -> login.startedAt().plus(LOGIN_TIMEOUT).isBefore(clock.instant()));
        if (pending.size() >= MAX_PENDING_LOGINS) {
            pending.clear();
        }
        pending.put(state, new PendingLogin(nonce, codeVerifier, Servlets.pathAndQuery(request), clock.instant()));
        session.setAttribute(PENDING_ATTRIBUTE, pending);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client.clientId());
        query.put("redirect_uri", redirectUri(request));
        query.put("scope", scope);
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", s256(codeVerifier));
        query.put("code_challenge_method", "S256");
        if (acr != null) {
            query.put("acr_values", acr);
            query.put("prompt", "login");
        }
        Servlets.redirect(response, withQuery(identity.metadata().authorizationEndpoint(), query));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, PendingLogin> pending(HttpSession session) {
        Object value = session.getAttribute(PENDING_ATTRIBUTE);
        return value instanceof Map<?, ?> map ? (Map<String, PendingLogin>) map : new ConcurrentHashMap<>();
    }

    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String state = request.getParameter("state");
        HttpSession servletSession = request.getSession(false);
        PendingLogin login = state == null || servletSession == null ? null : pending(servletSession).remove(state);
        if (login == null || login.startedAt().plus(LOGIN_TIMEOUT).isBefore(clock.instant())) {
            LOG.info("Refused an SSO callback with an unknown, expired or already used state");
            Servlets.fail(response, 400, "Unknown, expired or already used state: start the login again");
            return;
        }
        servletSession.setAttribute(PENDING_ATTRIBUTE, pending(servletSession));
        if (request.getParameter("error") != null) {
            Servlets.fail(response, 401, "The identity provider refused the login: " + request.getParameter("error"));
            return;
        }
        String code = request.getParameter("code");
        if (code == null || code.isBlank()) {
            Servlets.fail(response, 400, "The callback carries no authorization code");
            return;
        }
        try {
            Map<String, String> grant = new LinkedHashMap<>();
            grant.put("grant_type", "authorization_code");
            grant.put("code", code);
            grant.put("redirect_uri", redirectUri(request));
            grant.put("code_verifier", login.verifier());
            SsoSession session = tokens(grant, login.nonce(), null);
            request.changeSessionId();
            request.getSession().setAttribute(Servlets.SESSION_ATTRIBUTE, session.id());
            sessions.put(session);
            LOG.info("Signed in {}", session.principal());
            Servlets.redirect(response, request.getContextPath() + login.returnTo());
        } catch (AuthenticationException e) {
            LOG.info("SSO login failed: {}", e.getMessage());
            Servlets.fail(response, 401, "Login failed: " + e.getMessage());
        }
    }

    /** Redeems a grant at the token endpoint and builds the session from the answer. */
    private SsoSession tokens(Map<String, String> grant, String expectedNonce, SsoSession previous) {
        Map<String, String> headers = new LinkedHashMap<>();
        URI endpoint = identity.metadata().tokenEndpoint();
        JsonNode answer;
        try {
            answer = identity.http().postForm(endpoint, client.form(endpoint, grant, headers), headers);
        } catch (GoldenException e) {
            throw ProviderHttp.refusal(e, "the token endpoint refused the " + grant.get("grant_type") + " grant");
        }
        String accessToken = answer.path("access_token").asText(null);
        String idToken = answer.path("id_token").asText(null);
        if (accessToken == null || !"bearer".equalsIgnoreCase(answer.path("token_type").asText())) {
            throw new AuthenticationException("the token endpoint answered without a Bearer access token");
        }
        GovPrincipal principal;
        String providerSession;
        if (idToken != null) {
            JWTClaimsSet claims = idTokenClaims(idToken, expectedNonce);
            principal = mapping.principal(claims.getClaims());
            providerSession = stringClaim(claims, "sid");
            if (previous != null && !previous.principal().subject().equals(principal.subject())) {
                throw new AuthenticationException("the refreshed ID token names another subject");
            }
        } else if (previous != null) {
            principal = previous.principal();
            providerSession = previous.providerSessionId();
            idToken = previous.idToken();
        } else {
            throw new AuthenticationException("the token endpoint answered without an ID token (is 'openid' in the scope?)");
        }
        long expiresIn = answer.path("expires_in").asLong(300);
        String refreshToken = answer.path("refresh_token").asText(previous == null ? null : previous.refreshToken());
        return new SsoSession(previous == null ? Servlets.randomToken() : previous.id(), providerSession, principal, idToken,
                accessToken, refreshToken, clock.instant().plusSeconds(expiresIn));
    }

    private JWTClaimsSet idTokenClaims(String idToken, String expectedNonce) {
        JwtVerifier.Verified verified = verifier.verifySignature(idToken);
        JWTClaimsSet claims = verified.claims();
        verifier.checkStandardClaims(claims);
        JwtVerifier.checkAudience(claims.getAudience(), java.util.Set.of(client.clientId()));
        if (claims.getAudience().size() > 1 && !client.clientId().equals(stringClaim(claims, "azp"))) {
            throw new AuthenticationException("ID token rejected: several audiences and azp is not this client");
        }
        String nonce = stringClaim(claims, "nonce");
        if (expectedNonce != null && !expectedNonce.equals(nonce)) {
            throw new AuthenticationException("ID token rejected: its nonce does not match the login's (replayed token?)");
        }
        return claims;
    }

    /**
     * The session with tokens fresh enough to use, refreshed first if due; null when it must sign in
     * again. Requests of one session refresh one at a time on this node (the others then use the
     * result), so a provider that rotates refresh tokens never sees the old one twice from here.
     */
    private SsoSession refreshIfDue(SsoSession session) {
        if (!refreshDue(session)) {
            return session;
        }
        Object lock = refreshLocks.computeIfAbsent(session.id(), id -> new Object());
        synchronized (lock) {
            try {
                SsoSession latest = sessions.get(session.id()).orElse(null);
                if (latest == null || !refreshDue(latest)) {
                    return latest;
                }
                if (latest.refreshToken() == null) {
                    sessions.remove(latest.id());
                    return null;
                }
                Map<String, String> grant = new LinkedHashMap<>();
                grant.put("grant_type", "refresh_token");
                grant.put("refresh_token", latest.refreshToken());
                SsoSession refreshed = tokens(grant, null, latest);
                sessions.put(refreshed);
                LOG.debug("Refreshed the tokens of {}", refreshed.principal());
                return refreshed;
            } catch (AuthenticationException e) {
                LOG.info("Could not refresh the session of {}; signing in again: {}", session.principal(), e.getMessage());
                sessions.remove(session.id());
                return null;
            } finally {
                refreshLocks.remove(session.id(), lock);
            }
        }
    }

    private boolean refreshDue(SsoSession session) {
        return session.accessTokenExpiresAt() != null && !clock.instant().isBefore(session.accessTokenExpiresAt().minus(refreshAhead));
    }

    private void logout(HttpServletRequest request, HttpServletResponse response) {
        Optional<SsoSession> session = current(request);
        HttpSession servletSession = request.getSession(false);
        if (servletSession != null) {
            servletSession.invalidate();
        }
        session.ifPresent(ended -> sessions.remove(ended.id()));
        Optional<URI> endSession = identity.metadata().endSessionEndpoint();
        if (endSession.isEmpty()) {
            Servlets.redirect(response, postLogoutRedirectUri != null ? postLogoutRedirectUri.toString() : request.getContextPath() + "/");
            return;
        }
        Map<String, String> query = new LinkedHashMap<>();
        session.ifPresent(ended -> query.put("id_token_hint", ended.idToken()));
        query.put("client_id", client.clientId());
        if (postLogoutRedirectUri != null) {
            query.put("post_logout_redirect_uri", postLogoutRedirectUri.toString());
        }
        Servlets.redirect(response, withQuery(endSession.get(), query));
    }

    private void backChannelLogout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            Servlets.fail(response, 405, "Back-channel logout takes a POST with a logout_token");
            return;
        }
        try {
            JWTClaimsSet claims = logoutTokenClaims(request.getParameter("logout_token"));
            String sid = stringClaim(claims, "sid");
            int ended = sessions.removeByProvider(sid, sid == null ? claims.getSubject() : null);
            LOG.info("Back-channel logout ended {} session(s)", ended);
            response.setHeader("Cache-Control", "no-store");
            response.setStatus(200);
        } catch (AuthenticationException e) {
            LOG.info("Refused a back-channel logout: {}", e.getMessage());
            response.setHeader("Cache-Control", "no-store");
            response.setStatus(400);
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":\"invalid_request\",\"error_description\":"
                    + com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getMessage()) + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Checks a logout token per OpenID Connect Back-Channel Logout 1.0 §2.6. */
    private JWTClaimsSet logoutTokenClaims(String logoutToken) {
        if (logoutToken == null || logoutToken.isBlank()) {
            throw new AuthenticationException("logout token rejected: the request has no logout_token");
        }
        JwtVerifier.Verified verified = verifier.verifySignature(logoutToken);
        JOSEObjectType type = verified.header().getType();
        if (type != null && !JwtVerifier.typeMatches(type.getType(), java.util.Set.of("logout+jwt", "JWT"))) {
            throw new AuthenticationException("logout token rejected: its type (typ) is '" + type + "', expected logout+jwt");
        }
        JWTClaimsSet claims = verified.claims();
        if (!identity.metadata().issuer().equals(claims.getIssuer())) {
            throw new AuthenticationException("logout token rejected: issuer (iss) is '" + claims.getIssuer() + "'");
        }
        JwtVerifier.checkAudience(claims.getAudience(), java.util.Set.of(client.clientId()));
        if (claims.getIssueTime() == null) {
            throw new AuthenticationException("logout token rejected: it has no issue time (iat)");
        }
        verifier.checkTimes(claims.getExpirationTime(), null, claims.getIssueTime(), false);
        Object events = claims.getClaim("events");
        if (!(events instanceof Map<?, ?> map) || !(map.get(BACK_CHANNEL_EVENT) instanceof Map)) {
            throw new AuthenticationException("logout token rejected: its events claim does not hold " + BACK_CHANNEL_EVENT);
        }
        if (claims.getClaim("nonce") != null) {
            throw new AuthenticationException("logout token rejected: it carries a nonce, which logout tokens must not");
        }
        if (stringClaim(claims, "sid") == null && claims.getSubject() == null) {
            throw new AuthenticationException("logout token rejected: it names neither a session (sid) nor a subject (sub)");
        }
        String jti = claims.getJWTID();
        if (jti == null) {
            throw new AuthenticationException("logout token rejected: it has no jti");
        }
        Instant now = clock.instant();
        usedLogoutTokens.values().removeIf(until -> until.isBefore(now));
        Instant keepUntil = claims.getExpirationTime() != null ? claims.getExpirationTime().toInstant().plusSeconds(60)
                : now.plus(LOGIN_TIMEOUT);
        if (usedLogoutTokens.putIfAbsent(jti, keepUntil) != null) {
            throw new AuthenticationException("logout token rejected: it was already used (jti replayed)");
        }
        return claims;
    }

    private String redirectUri(HttpServletRequest request) {
        if (applicationUri != null) {
            String base = applicationUri.toString();
            return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + callbackPath;
        }
        StringBuilder uri = new StringBuilder(request.getScheme()).append("://").append(request.getServerName());
        int port = request.getServerPort();
        if (!("http".equals(request.getScheme()) && port == 80 || "https".equals(request.getScheme()) && port == 443)) {
            uri.append(':').append(port);
        }
        return uri.append(request.getContextPath()).append(callbackPath).toString();
    }

    private static String withQuery(URI endpoint, Map<String, String> query) {
        String base = endpoint.toString();
        return base + (endpoint.getRawQuery() == null ? "?" : "&") + ProviderHttp.formEncode(query);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new AuthenticationException("token rejected: claim " + name + " is not a string");
        }
    }

    /** Builds an {@link SsoFilter}. Not thread-safe. */
    public static final class Builder {
        private final IdentityClient identity;
        private SessionRegistry sessions = SessionRegistry.inMemory();
        private ClaimMapping mapping = ClaimMapping.defaults();
        private URI applicationUri;
        private String callbackPath = "/sso/callback";
        private String logoutPath = "/sso/logout";
        private String backChannelLogoutPath = "/sso/backchannel-logout";
        private URI postLogoutRedirectUri;
        private String scope = "openid profile";
        private Duration refreshAhead = Duration.ofSeconds(30);

        private Builder(IdentityClient identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
        }

        /** Where sessions live; default {@link SessionRegistry#inMemory()} (one node). */
        public Builder sessionRegistry(SessionRegistry sessions) {
            this.sessions = Objects.requireNonNull(sessions, "sessions");
            return this;
        }

        /** How ID-token claims become a principal; default {@link ClaimMapping#defaults()}. */
        public Builder claimMapping(ClaimMapping mapping) {
            this.mapping = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        /**
         * The application's public base URL (with its context path), from which the redirect URI
         * is built; default: taken from each request (set it behind a reverse proxy).
         */
        public Builder applicationUri(URI applicationUri) {
            this.applicationUri = Objects.requireNonNull(applicationUri, "applicationUri");
            return this;
        }

        /** The callback path inside the application, registered at the provider; default {@code /sso/callback}. */
        public Builder callbackPath(String path) {
            this.callbackPath = path(path, "callbackPath");
            return this;
        }

        /** The path that logs out here and at the provider; default {@code /sso/logout}. */
        public Builder logoutPath(String path) {
            this.logoutPath = path(path, "logoutPath");
            return this;
        }

        /** The back-channel logout path registered at the provider; default {@code /sso/backchannel-logout}. */
        public Builder backChannelLogoutPath(String path) {
            this.backChannelLogoutPath = path(path, "backChannelLogoutPath");
            return this;
        }

        /** Where the provider sends the browser after logout (registered there). */
        public Builder postLogoutRedirectUri(URI uri) {
            this.postLogoutRedirectUri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /** The scope asked for at login; default {@code openid profile}. Must contain {@code openid}. */
        public Builder scope(String scope) {
            if (scope == null || !java.util.Arrays.asList(scope.trim().split("\\s+")).contains("openid")) {
                throw new ConfigurationException("scope", "must contain openid, got '" + scope + "'");
            }
            this.scope = scope.trim();
            return this;
        }

        /** How long before the access token expires it is refreshed; default 30 s. */
        public Builder refreshAhead(Duration ahead) {
            if (ahead == null || ahead.isNegative()) {
                throw new ConfigurationException("refreshAhead", "must be zero or positive");
            }
            this.refreshAhead = ahead;
            return this;
        }

        private static String path(String path, String key) {
            if (path == null || !path.startsWith("/") || path.contains("?")) {
                throw new ConfigurationException(key, "must be a path inside the application starting with /, got '" + path + "'");
            }
            return path;
        }

        /**
         * The filter.
         *
         * @throws ConfigurationException if the identity client has no client credentials
         */
        public SsoFilter build() {
            return new SsoFilter(this);
        }
    }
}
