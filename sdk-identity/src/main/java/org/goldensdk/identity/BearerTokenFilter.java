package org.goldensdk.identity;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Objects;
import java.util.LinkedHashMap;
import java.util.Map;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.Problem;

/**
 * A JAX-RS {@link ContainerRequestFilter} that admits only requests with a valid bearer token
 * ({@code Authorization: Bearer …}, checked by a {@link TokenValidator}). The request's
 * {@link SecurityContext} then holds the {@link GovPrincipal} ({@code isUserInRole} checks its
 * roles); anything else is answered 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}
 * and an {@code application/problem+json} body saying what was wrong. Register it as a provider
 * (with sdk-cxf: {@code RestApi.of(resource).withProviders(BearerTokenFilter.of(validator))}).
 * Thread-safe.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter implements ContainerRequestFilter {

    /** The request property holding the {@link GovPrincipal}. */
    public static final String PRINCIPAL_PROPERTY = GovPrincipal.class.getName();

    private static final JsonCodec JSON = JsonCodec.of();

    private final TokenValidator validator;

    private BearerTokenFilter(TokenValidator validator) {
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** A filter validating with {@code validator}. */
    public static BearerTokenFilter of(TokenValidator validator) {
        return new BearerTokenFilter(validator);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        GovPrincipal principal;
        try {
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new AuthenticationException("no bearer token was presented (Authorization: Bearer …)");
            }
            principal = validator.validate(authorization);
        } catch (AuthenticationException e) {
            String error = authorization == null ? "" : ", error=\"invalid_token\"";
            request.abortWith(Response.status(401)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"golden\"" + error)
                    .type(Problem.MEDIA_TYPE)
                    .entity(problemJson(e))
                    .build());
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setProperty(PRINCIPAL_PROPERTY, principal);
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return principal.hasRole(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    private static byte[] problemJson(AuthenticationException e) {
        Problem problem = Problem.from(e, null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("code", problem.code());
        return JSON.write(body);
    }
}
