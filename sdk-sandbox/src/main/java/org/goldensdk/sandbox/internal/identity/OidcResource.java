package org.goldensdk.sandbox.internal.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.goldensdk.core.JsonCodec;

/**
 * The OpenID Connect provider under the issuer's path: discovery, JWKS, authorization (code flow
 * with PKCE S256 only, exact {@code redirect_uri} match, login form), token (authorization code,
 * refresh token with rotation, client credentials), introspection (RFC 7662), revocation
 * (RFC 7009), userinfo and RP-initiated logout.
 */
@Path("/")
public final class OidcResource {
    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    static final Duration LOGIN_PAGE_LIFETIME = Duration.ofMinutes(10);
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");
    private static final JsonCodec JSON = JsonCodec.of();

    /** A validated authorization request waiting for the user, or carried by its code. */
    private record AuthorizationRequest(RegisteredClient client, String redirectUri, String state, String nonce, String scope,
            String codeChallenge, String audience) {
    }

    private record IssuedCode(AuthorizationRequest request, SsoSession session) {
    }

    /** What a spent code produced: revoked if the code is presented again (RFC 6749 §4.1.2). */
    private record SpentCode(String accessTokenId, String refreshToken) {
    }

    private final IdentityProvider provider;
    private final Clock clock;
    private final ExpiringMap<AuthorizationRequest> pendingLogins;
    private final ExpiringMap<IssuedCode> codes;
    private final ExpiringMap<SpentCode> spentCodes;

    OidcResource(IdentityProvider provider) {
        this.provider = provider;
        this.clock = provider.clock();
        this.pendingLogins = new ExpiringMap<>(clock);
        this.codes = new ExpiringMap<>(clock);
        this.spentCodes = new ExpiringMap<>(clock);
    }

    /** OpenID Provider metadata (OpenID Connect Discovery 1.0). */
    @GET
    @Path(".well-known/openid-configuration")
    public Response discovery() {
        String issuer = provider.issuer();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("authorization_endpoint", issuer + "/authorize");
        metadata.put("token_endpoint", provider.tokenEndpoint());
        metadata.put("jwks_uri", issuer + "/jwks");
        metadata.put("userinfo_endpoint", issuer + "/userinfo");
        metadata.put("introspection_endpoint", issuer + "/introspect");
        metadata.put("revocation_endpoint", issuer + "/revoke");
        metadata.put("end_session_endpoint", issuer + "/logout");
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("response_modes_supported", List.of("query"));
        metadata.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "private_key_jwt"));
        metadata.put("token_endpoint_auth_signing_alg_values_supported", List.of("ES256"));
        metadata.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "private_key_jwt"));
        metadata.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "private_key_jwt"));
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        metadata.put("scopes_supported", List.of("openid", "profile", IdentityProvider.DEFAULT_APPLICATION_SCOPE));
        metadata.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "sid", "nonce", "gov_kind",
                "name", "citizen_id", "credit_code", "agency", "roles", "party", "client_id", "scope"));
        metadata.put("acr_values_supported", List.of(GovClaims.ACR_PASSWORD, GovClaims.ACR_CERTIFICATE));
        metadata.put("backchannel_logout_supported", true);
        metadata.put("backchannel_logout_session_supported", true);
        metadata.put("frontchannel_logout_supported", false);
        metadata.put("authorization_response_iss_parameter_supported", true);
        return json(200, metadata);
    }

    /** The published signing keys. */
    @GET
    @Path("jwks")
    public Response jwks() {
        return Response.ok(provider.keys().publicKeys().toString(true), "application/jwk-set+json")
                .header("Cache-Control", "max-age=60").build();
    }

    /** The authorization endpoint: checks the request, then logs the user in (or reuses the session) and redirects with a code. */
    @GET
    @Path("authorize")
    public Response authorize(@Context UriInfo uri, @CookieParam(Sessions.COOKIE) String cookie) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        Optional<RegisteredClient> client;
        Optional<String> redirectUri;
        try {
            client = Forms.optional(query, "client_id").flatMap(provider.clients()::find).filter(found -> !found.isApplication());
            redirectUri = Forms.optional(query, "redirect_uri");
        } catch (OAuthError e) {
            return Pages.message(400, "请求无效", e.getMessage());
        }
        if (client.isEmpty()) {
            return Pages.message(400, "请求无效", "unknown client_id: register the web client with the sandbox first");
        }
        if (redirectUri.isEmpty() || !client.get().redirectUris().stream().map(URI::toString).toList().contains(redirectUri.get())) {
            return Pages.message(400, "请求无效", "redirect_uri is missing or not registered for this client (it must match exactly)");
        }
        String redirect = redirectUri.get();
        String state = null;
        try {
            state = Forms.optional(query, "state").orElse(null);
            if (!"code".equals(Forms.optional(query, "response_type").orElse(null))) {
                return errorRedirect(redirect, state, "unsupported_response_type", "only response_type=code is supported");
            }
            String scope = Forms.optional(query, "scope").orElse("");
            if (!SCOPE.matcher(scope).matches() || !Set.of(scope.split(" ")).contains("openid")) {
                return errorRedirect(redirect, state, "invalid_scope", "the scope must include openid");
            }
            if (!"S256".equals(Forms.optional(query, "code_challenge_method").orElse(null))) {
                return errorRedirect(redirect, state, "invalid_request", "PKCE is required with code_challenge_method=S256");
            }
            String challenge = Forms.optional(query, "code_challenge").orElse("");
            if (!CODE_CHALLENGE.matcher(challenge).matches()) {
                return errorRedirect(redirect, state, "invalid_request", "code_challenge must be the 43-character base64url "
                        + "SHA-256 of the code verifier");
            }
            String audience = audience(Forms.optional(query, "resource"));
            AuthorizationRequest request = new AuthorizationRequest(client.get(), redirect, state,
                    Forms.optional(query, "nonce").orElse(null), scope, challenge, audience);
            Optional<String> prompt = Forms.optional(query, "prompt");
            Optional<SsoSession> session = provider.sessions().byCookie(cookie);
            if (session.isPresent() && !prompt.filter(value -> value.contains("login")).isPresent()) {
                return codeRedirect(request, session.get(), null);
            }
            if (prompt.filter("none"::equals).isPresent()) {
                return errorRedirect(redirect, state, "login_required", "the user is not logged in");
            }
            String loginId = Randoms.token();
            pendingLogins.put(loginId, request, clock.instant().plus(LOGIN_PAGE_LIFETIME));
            return Pages.login(provider.issuerPath() + "/login", Map.of("login", loginId), client.get().name(), null);
        } catch (OAuthError e) {
            return errorRedirect(redirect, state, e.error, e.getMessage());
        }
    }

    /** The login form's target: checks the password, opens the session and redirects to the client with a code. */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(MultivaluedMap<String, String> form) {
        String loginId = form.getFirst("login");
        Optional<AuthorizationRequest> request = loginId == null ? Optional.empty() : pendingLogins.get(loginId);
        if (request.isEmpty()) {
            return Pages.message(400, "登录页已过期", "this login page has expired or was already used; start again from the application");
        }
        Optional<SsoSession> session = provider.sessions().login(form.getFirst("username"), form.getFirst("password"));
        if (session.isEmpty()) {
            return Pages.login(provider.issuerPath() + "/login", Map.of("login", loginId), request.get().client().name(),
                    "用户名或密码错误 (wrong user name or password)");
        }
        pendingLogins.remove(loginId);
        return codeRedirect(request.get(), session.get(), Sessions.cookie(session.get()));
    }

    /** The token endpoint. */
    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form) {
        try {
            Clients.Authenticated caller = provider.clients().authenticate(provider.tokenEndpoint(), authorization, form);
            String grantType = Forms.single(form, "grant_type");
            return switch (grantType) {
                case "authorization_code" -> authorizationCode(caller.client(), form);
                case "refresh_token" -> refresh(caller.client(), form);
                case "client_credentials" -> clientCredentials(caller, form);
                default -> throw new OAuthError(400, "unsupported_grant_type", "grant_type " + grantType + " is not supported");
            };
        } catch (OAuthError e) {
            return e.toResponse();
        }
    }

    /** Token introspection (RFC 7662), for authenticated clients. */
    @POST
    @Path("introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response introspect(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form) {
        try {
            provider.clients().authenticate(provider.issuer() + "/introspect", authorization, form);
            String token = Forms.single(form, "token");
            Optional<JWTClaimsSet> access = provider.tokens().activeAccessToken(token);
            if (access.isPresent()) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("active", true);
                answer.put("token_type", "Bearer");
                access.get().toJSONObject().forEach(answer::put);
                return json(200, answer);
            }
            Optional<Tokens.RefreshGrant> refresh = provider.tokens().refreshGrant(token)
                    .filter(grant -> provider.sessions().isActive(grant.session()));
            if (refresh.isPresent()) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("active", true);
                answer.put("token_type", "refresh_token");
                answer.put("client_id", refresh.get().clientId());
                answer.put("sub", refresh.get().session().user.subject());
                answer.put("scope", refresh.get().scope());
                answer.put("iss", provider.issuer());
                return json(200, answer);
            }
            return json(200, Map.of("active", false));
        } catch (OAuthError e) {
            return e.toResponse();
        }
    }

    /** Token revocation (RFC 7009): a client revokes its own access or refresh token; always 200. */
    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form) {
        try {
            RegisteredClient client = provider.clients().authenticate(provider.issuer() + "/revoke", authorization, form).client();
            String token = Forms.single(form, "token");
            if (!provider.tokens().revokeAccessToken(token, client.clientId())) {
                provider.tokens().refreshGrant(token).filter(grant -> grant.clientId().equals(client.clientId()))
                        .ifPresent(grant -> provider.tokens().revokeFamily(grant.family()));
            }
            return Response.ok().header("Cache-Control", "no-store").build();
        } catch (OAuthError e) {
            return e.toResponse();
        }
    }

    /** The user's claims for an active user access token with scope {@code openid}. */
    @GET
    @Path("userinfo")
    public Response userinfo(@HeaderParam("Authorization") String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : "";
        Optional<JWTClaimsSet> claims = provider.tokens().activeAccessToken(token);
        if (claims.isEmpty()) {
            return Response.status(401).header("WWW-Authenticate", "Bearer error=\"invalid_token\"").build();
        }
        Object scope = claims.get().getClaim("scope");
        if ("application".equals(claims.get().getClaim("gov_kind")) || !(scope instanceof String scopes)
                || !Set.of(scopes.split(" ")).contains("openid")) {
            return Response.status(403).header("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"openid\"").build();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sub", claims.get().getSubject());
        for (String name : List.of("gov_kind", "name", "citizen_id", "credit_code", "agency", "roles", "acr", "auth_time")) {
            Object value = claims.get().getClaim(name);
            if (value != null) {
                answer.put(name, value);
            }
        }
        return json(200, answer);
    }

    /** The same as {@link #userinfo(String)}, by POST (OpenID Connect Core §5.3.1). */
    @POST
    @Path("userinfo")
    public Response userinfoByPost(@HeaderParam("Authorization") String authorization) {
        return userinfo(authorization);
    }

    /** RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), by GET. */
    @GET
    @Path("logout")
    public Response logout(@Context UriInfo uri, @CookieParam(Sessions.COOKIE) String cookie) {
        return endSession(uri.getQueryParameters(), cookie);
    }

    /** RP-initiated logout, by a form POST. */
    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logoutByPost(MultivaluedMap<String, String> form, @CookieParam(Sessions.COOKIE) String cookie) {
        return endSession(form, cookie);
    }

    private Response endSession(MultivaluedMap<String, String> parameters, String cookie) {
        Optional<String> postLogoutRedirect;
        Optional<JWTClaimsSet> hint;
        Optional<String> state;
        Optional<RegisteredClient> client;
        try {
            postLogoutRedirect = Forms.optional(parameters, "post_logout_redirect_uri");
            state = Forms.optional(parameters, "state");
            Optional<String> hintToken = Forms.optional(parameters, "id_token_hint");
            hint = hintToken.flatMap(provider.tokens()::idTokenHint);
            if (hintToken.isPresent() && hint.isEmpty()) {
                return Pages.message(400, "退出请求无效", "id_token_hint is not an ID token issued by this provider");
            }
            Optional<String> clientId = Forms.optional(parameters, "client_id");
            Optional<String> hintAudience = hint.map(claims -> claims.getAudience().isEmpty() ? null : claims.getAudience().get(0));
            if (clientId.isPresent() && hintAudience.isPresent() && !clientId.equals(hintAudience)) {
                return Pages.message(400, "退出请求无效", "client_id does not match the audience of id_token_hint");
            }
            client = clientId.or(() -> hintAudience).flatMap(provider.clients()::find);
        } catch (OAuthError e) {
            return Pages.message(400, "退出请求无效", e.getMessage());
        }
        if (postLogoutRedirect.isPresent() && (client.isEmpty() || !client.get().postLogoutRedirectUris().stream()
                .map(URI::toString).toList().contains(postLogoutRedirect.get()))) {
            return Pages.message(400, "退出请求无效", "post_logout_redirect_uri is not registered for the client named by "
                    + "client_id or id_token_hint (it must match exactly)");
        }
        Optional<SsoSession> session = provider.sessions().byCookie(cookie)
                .or(() -> hint.map(claims -> (String) claims.getClaim("sid")).flatMap(provider.sessions()::bySid));
        session.ifPresent(provider.sessions()::end);
        Response.ResponseBuilder answer = postLogoutRedirect.isPresent()
                ? Response.status(302).location(Forms.withQuery(postLogoutRedirect.get(), single("state", state.orElse(null))))
                : Response.fromResponse(Pages.message(200, "已退出", "您已安全退出 (you are logged out)."));
        return answer.header("Set-Cookie", Sessions.expiredCookie()).build();
    }

    private Response authorizationCode(RegisteredClient client, MultivaluedMap<String, String> form) {
        String code = Forms.single(form, "code");
        Optional<IssuedCode> issued = codes.take(code);
        if (issued.isEmpty()) {
            spentCodes.take(code).ifPresent(spent -> {
                provider.tokens().revokeAccessTokenId(spent.accessTokenId());
                provider.tokens().refreshGrant(spent.refreshToken())
                        .ifPresent(grant -> provider.tokens().revokeFamily(grant.family()));
            });
            throw OAuthError.invalidGrant("the code is unknown, expired or already used");
        }
        AuthorizationRequest request = issued.get().request();
        if (!request.client().clientId().equals(client.clientId())) {
            throw OAuthError.invalidGrant("the code was issued to another client");
        }
        if (!request.redirectUri().equals(form.getFirst("redirect_uri"))) {
            throw OAuthError.invalidGrant("redirect_uri differs from the one of the authorization request");
        }
        String verifier = Forms.optional(form, "code_verifier")
                .orElseThrow(() -> OAuthError.invalidGrant("code_verifier is missing: PKCE is required"));
        if (!CODE_VERIFIER.matcher(verifier).matches() || !MessageDigest.isEqual(
                s256(verifier).getBytes(StandardCharsets.US_ASCII), request.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            throw OAuthError.invalidGrant("code_verifier does not match the code_challenge");
        }
        SsoSession session = issued.get().session();
        if (!provider.sessions().isActive(session)) {
            throw OAuthError.invalidGrant("the user's session has ended");
        }
        String accessToken = provider.tokens().userAccessToken(session, client.clientId(), request.scope(), request.audience());
        String refreshToken = provider.tokens().newRefreshToken(session, client.clientId(), request.scope(), request.audience());
        spentCodes.put(code, new SpentCode(Tokens.jti(accessToken), refreshToken), clock.instant().plus(Tokens.REFRESH_TOKEN_LIFETIME));
        return tokenResponse(accessToken, request.scope(), refreshToken,
                provider.tokens().idToken(session, client.clientId(), request.nonce(), accessToken));
    }

    private Response refresh(RegisteredClient client, MultivaluedMap<String, String> form) {
        String token = Forms.single(form, "refresh_token");
        Optional<Tokens.RefreshGrant> owned = provider.tokens().refreshGrant(token);
        if (owned.isPresent() && !owned.get().clientId().equals(client.clientId())) {
            throw OAuthError.invalidGrant("the refresh token was issued to another client");
        }
        Map.Entry<Tokens.RefreshGrant, String> rotated = provider.tokens().rotate(token)
                .orElseThrow(() -> OAuthError.invalidGrant("the refresh token is unknown, expired, revoked or already used"));
        Tokens.RefreshGrant grant = rotated.getKey();
        if (!provider.sessions().isActive(grant.session())) {
            provider.tokens().revokeFamily(grant.family());
            throw OAuthError.invalidGrant("the user's session has ended");
        }
        String scope = grant.scope();
        Optional<String> narrower = Forms.optional(form, "scope");
        if (narrower.isPresent()) {
            if (!Set.of(grant.scope().split(" ")).containsAll(Arrays.asList(narrower.get().split(" ")))) {
                throw new OAuthError(400, "invalid_scope", "a refresh may narrow the scope, not widen it");
            }
            scope = narrower.get();
        }
        String accessToken = provider.tokens().userAccessToken(grant.session(), client.clientId(), scope, grant.audience());
        String idToken = Set.of(scope.split(" ")).contains("openid")
                ? provider.tokens().idToken(grant.session(), client.clientId(), null, accessToken) : null;
        return tokenResponse(accessToken, scope, rotated.getValue(), idToken);
    }

    private Response clientCredentials(Clients.Authenticated caller, MultivaluedMap<String, String> form) {
        if (!caller.client().isApplication()) {
            throw new OAuthError(400, "unauthorized_client", "only applications (departments' systems) may use client_credentials");
        }
        String scope = Forms.optional(form, "scope").orElse(IdentityProvider.DEFAULT_APPLICATION_SCOPE);
        if (!SCOPE.matcher(scope).matches() || Set.of(scope.split(" ")).contains("openid")) {
            throw new OAuthError(400, "invalid_scope", "the scope is malformed, or asks for openid (which needs a user)");
        }
        String audience = audience(Forms.optional(form, "resource"));
        return tokenResponse(provider.tokens().applicationAccessToken(caller.client(), scope, audience, caller.acr()), scope, null, null);
    }

    private Response codeRedirect(AuthorizationRequest request, SsoSession session, String setCookie) {
        String code = Randoms.token();
        codes.put(code, new IssuedCode(request, session), clock.instant().plus(CODE_LIFETIME));
        session.oidcClients.add(request.client().clientId());
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", code);
        parameters.put("state", request.state());
        parameters.put("iss", provider.issuer());
        Response.ResponseBuilder answer = Response.status(303).location(Forms.withQuery(request.redirectUri(), parameters))
                .header("Cache-Control", "no-store");
        if (setCookie != null) {
            answer.header("Set-Cookie", setCookie);
        }
        return answer.build();
    }

    private Response errorRedirect(String redirectUri, String state, String error, String description) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error);
        parameters.put("error_description", description);
        parameters.put("state", state);
        parameters.put("iss", provider.issuer());
        return Response.status(303).location(Forms.withQuery(redirectUri, parameters)).build();
    }

    private Response tokenResponse(String accessToken, String scope, String refreshToken, String idToken) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", accessToken);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", Tokens.ACCESS_TOKEN_LIFETIME.toSeconds());
        answer.put("scope", scope);
        if (refreshToken != null) {
            answer.put("refresh_token", refreshToken);
        }
        if (idToken != null) {
            answer.put("id_token", idToken);
        }
        return Response.ok(JSON.write(answer), "application/json").header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .build();
    }

    private static String audience(Optional<String> resource) {
        if (resource.isEmpty()) {
            return IdentityProvider.DEFAULT_AUDIENCE;
        }
        try {
            URI uri = new URI(resource.get());
            if (!uri.isAbsolute() || uri.getFragment() != null) {
                throw new OAuthError(400, "invalid_target", "resource must be an absolute URI without a fragment (RFC 8707)");
            }
            return resource.get();
        } catch (URISyntaxException e) {
            throw new OAuthError(400, "invalid_target", "resource is not a URI");
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static Map<String, String> single(String name, String value) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(name, value);
        return map;
    }

    private static Response json(int status, Map<String, Object> body) {
        return Response.status(status).type("application/json").entity(JSON.write(body)).header("Cache-Control", "no-store").build();
    }
}
