package org.goldensdk.identity.internal.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.goldensdk.identity.GovPrincipal;
import org.goldensdk.identity.SessionRegistry;
import org.goldensdk.identity.SsoSession;

/** What the SSO and CAS filters share about servlet requests and answers. */
public final class Servlets {

    /** The request attribute holding the {@link GovPrincipal}. */
    public static final String PRINCIPAL_ATTRIBUTE = GovPrincipal.class.getName();
    /** The servlet-session attribute holding the registry's session id. */
    public static final String SESSION_ATTRIBUTE = "org.goldensdk.identity.session";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Servlets() {
    }

    /** The request's path inside the application (without context path and query). */
    public static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /**
     * The path and query inside the application, to come back to after login. Leading slashes and
     * backslashes collapse to one slash, so {@code //evil.example} cannot become a redirect off-site.
     */
    public static String pathAndQuery(HttpServletRequest request) {
        String path = path(request).replaceFirst("^[/\\\\]+", "/");
        return (path.startsWith("/") ? path : "/" + path) + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }

    /** 256 random bits, base64url: state, nonce, PKCE verifier, session ids. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The signed-in session the servlet session points at, if the registry still holds it (a
     * back-channel or single logout may have ended it on another node: then the pointer is dropped).
     */
    public static Optional<SsoSession> session(HttpServletRequest request, SessionRegistry sessions) {
        HttpSession servletSession = request.getSession(false);
        Object id = servletSession == null ? null : servletSession.getAttribute(SESSION_ATTRIBUTE);
        if (!(id instanceof String sessionId)) {
            return Optional.empty();
        }
        Optional<SsoSession> session = sessions.get(sessionId);
        if (session.isEmpty()) {
            servletSession.removeAttribute(SESSION_ATTRIBUTE);
        }
        return session;
    }

    /** Whether a browser navigation (that can follow a redirect to the login page) asked. */
    public static boolean isBrowserNavigation(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                && !"XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"))
                && (accept == null || accept.contains("text/html") || accept.contains("*/*"));
    }

    /** Answers {@code status} with a short plain-text reason and no caching. */
    public static void fail(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write((reason + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Redirects with 302 and no caching. */
    public static void redirect(HttpServletResponse response, String location) {
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(302);
        response.setHeader("Location", location);
    }

    /** The request as the application sees it: {@code getUserPrincipal()} is the principal, roles are its roles. */
    public static HttpServletRequest authenticated(HttpServletRequest request, GovPrincipal principal, String authType) {
        request.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
        return new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public String getRemoteUser() {
                return principal.subject();
            }

            @Override
            public boolean isUserInRole(String role) {
                return principal.hasRole(role);
            }

            @Override
            public String getAuthType() {
                return authType;
            }
        };
    }
}
