package org.goldensdk.identity;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.Scheduler;
import org.goldensdk.identity.internal.CasResponses;
import org.goldensdk.identity.internal.ProviderHttp;
import org.goldensdk.identity.internal.servlet.Servlets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jakarta Servlet filter that signs users in with a CAS 3.0 server, as many government SSO
 * systems are: unauthenticated browsers go to {@code /login?service=…}, the returned service ticket
 * is validated at {@code /p3/serviceValidate} (XML through core's hardened parser, or JSON) and the
 * released attributes become a {@link GovPrincipal} through a {@link ClaimMapping} (the user is the
 * subject). Sessions live in a {@link SessionRegistry} keyed by their ticket; the server's single-logout
 * POST ({@code logoutRequest}) is accepted only when it names a ticket of a session known here —
 * anything else is answered 400 and ends nothing. {@code /cas/logout} ends the session here and at
 * the server. Thread-safe; close the filter (servlet {@code destroy}) to release its connections.
 */
public final class CasFilter implements Filter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CasFilter.class);

    private final URI server;
    private final URI serviceBase;
    private final boolean json;
    private final SessionRegistry sessions;
    private final ClaimMapping mapping;
    private final String logoutPath;
    private final ProviderHttp http;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;

    private CasFilter(Builder builder) {
        String base = builder.server.toString();
        this.server = URI.create(base.endsWith("/") ? base : base + "/");
        this.serviceBase = builder.serviceBase;
        this.json = builder.json;
        this.sessions = builder.sessions;
        this.mapping = builder.mapping;
        this.logoutPath = builder.logoutPath;
        this.ownsScheduler = builder.scheduler == null;
        this.scheduler = ownsScheduler ? Scheduler.system() : builder.scheduler;
        this.http = new ProviderHttp(scheduler, builder.transport);
    }

    /** A builder for the CAS server whose base URL is {@code server} (e.g. {@code https://cas.example.gov/cas/}). */
    public static Builder builder(URI server) {
        return new Builder(server);
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if ("POST".equals(request.getMethod()) && request.getParameter("logoutRequest") != null) {
            singleLogout(request.getParameter("logoutRequest"), response);
            return;
        }
        if (Servlets.path(request).equals(logoutPath)) {
            logout(request, response);
            return;
        }
        Optional<SsoSession> session = current(request);
        if (session.isPresent()) {
            chain.doFilter(Servlets.authenticated(request, session.get().principal(), "CAS"), response);
            return;
        }
        String ticket = request.getParameter("ticket");
        if (ticket != null && "GET".equals(request.getMethod())) {
            validate(request, response, ticket);
        } else if (Servlets.isBrowserNavigation(request)) {
            Servlets.redirect(response, server.resolve("login") + "?service=" + encode(service(request)));
        } else {
            Servlets.fail(response, 401, "Sign in first: this resource needs an authenticated session");
        }
    }

    private Optional<SsoSession> current(HttpServletRequest request) {
        return Servlets.session(request, sessions);
    }

    private void validate(HttpServletRequest request, HttpServletResponse response, String ticket) throws IOException {
        String service = service(request);
        URI validation = URI.create(server.resolve("p3/serviceValidate") + "?service=" + encode(service) + "&ticket="
                + encode(ticket) + (json ? "&format=JSON" : ""));
        try {
            CasResponses.Validation result;
            try {
                byte[] answer = http.get(validation, json ? "application/json" : "application/xml, text/xml");
                result = json ? CasResponses.fromJson(answer) : CasResponses.fromXml(answer);
            } catch (AuthenticationException e) {
                throw e;
            } catch (GoldenException e) {
                throw ProviderHttp.refusal(e, "the CAS server refused the validation");
            }
            GovPrincipal principal = mapping.principal(result.claims());
            if (request.getSession(false) != null) {
                request.changeSessionId();
            }
            SsoSession session = new SsoSession(Servlets.randomToken(), ticket, principal, null, null, null, null);
            sessions.put(session);
            request.getSession().setAttribute(Servlets.SESSION_ATTRIBUTE, session.id());
            LOG.info("Signed in {} through CAS", principal);
            Servlets.redirect(response, service);
        } catch (AuthenticationException e) {
            LOG.info("CAS login failed: {}", e.getMessage());
            Servlets.fail(response, 401, "Login failed: " + e.getMessage());
        }
    }

    private void singleLogout(String logoutRequest, HttpServletResponse response) throws IOException {
        Optional<String> ticket;
        try {
            ticket = CasResponses.logoutTicket(logoutRequest);
        } catch (AuthenticationException e) {
            ticket = Optional.empty();
        }
        int ended = ticket.map(value -> sessions.removeByProvider(value, null)).orElse(0);
        if (ended == 0) {
            LOG.info("Refused a CAS single-logout request that names no session known here");
            Servlets.fail(response, 400, "The logout request names no session known here");
            return;
        }
        LOG.info("CAS single logout ended {} session(s)", ended);
        response.setStatus(200);
    }

    private void logout(HttpServletRequest request, HttpServletResponse response) {
        current(request).ifPresent(session -> sessions.remove(session.id()));
        HttpSession servletSession = request.getSession(false);
        if (servletSession != null) {
            servletSession.invalidate();
        }
        Servlets.redirect(response, server.resolve("logout").toString());
    }

    /** The URL the CAS server sends the browser back to: this request's, without the ticket. */
    private String service(HttpServletRequest request) {
        String base;
        if (serviceBase != null) {
            String configured = serviceBase.toString();
            base = (configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured) + Servlets.path(request);
        } else {
            base = request.getRequestURL().toString();
        }
        String query = request.getQueryString();
        if (query == null) {
            return base;
        }
        String kept = java.util.Arrays.stream(query.split("&"))
                .filter(pair -> !URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8).equals("ticket"))
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? base : base + "?" + kept;
    }

    private static String encode(String value) {
        Map<String, String> single = new LinkedHashMap<>();
        single.put("v", value);
        return ProviderHttp.formEncode(single).substring(2);
    }

    @Override
    public void destroy() {
        close();
    }

    /** Releases connections (and the scheduler the filter created). */
    @Override
    public void close() {
        http.close();
        if (ownsScheduler) {
            scheduler.close();
        }
    }

    /** Builds a {@link CasFilter}. Not thread-safe. */
    public static final class Builder {
        private final URI server;
        private URI serviceBase;
        private boolean json;
        private SessionRegistry sessions = SessionRegistry.inMemory();
        private ClaimMapping mapping = ClaimMapping.defaults();
        private String logoutPath = "/cas/logout";
        private Scheduler scheduler;
        private Consumer<HttpTransport.Builder> transport = builder -> { };

        private Builder(URI server) {
            Objects.requireNonNull(server, "server");
            if (server.getHost() == null || !("https".equalsIgnoreCase(server.getScheme()) || "http".equalsIgnoreCase(server.getScheme()))) {
                throw new ConfigurationException("golden.identity.cas.server", "'" + server + "' is not an absolute http(s) URL");
            }
            this.server = server;
        }

        /**
         * The application's public base URL (with context path) the service URL is built from;
         * default: each request's own URL (set it behind a reverse proxy).
         */
        public Builder serviceBase(URI serviceBase) {
            this.serviceBase = Objects.requireNonNull(serviceBase, "serviceBase");
            return this;
        }

        /** Asks for JSON answers ({@code format=JSON}) instead of XML; default XML. */
        public Builder json(boolean json) {
            this.json = json;
            return this;
        }

        /** Where sessions live; default {@link SessionRegistry#inMemory()} (one node). */
        public Builder sessionRegistry(SessionRegistry sessions) {
            this.sessions = Objects.requireNonNull(sessions, "sessions");
            return this;
        }

        /** How attributes become a principal; default {@link ClaimMapping#defaults()}. */
        public Builder claimMapping(ClaimMapping mapping) {
            this.mapping = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        /** The path that logs out here and at the server; default {@code /cas/logout}. */
        public Builder logoutPath(String path) {
            if (path == null || !path.startsWith("/")) {
                throw new ConfigurationException("logoutPath", "must start with /, got '" + path + "'");
            }
            this.logoutPath = path;
            return this;
        }

        /** The scheduler for the transport's retries; default a real-time one owned by the filter. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Adjusts the HTTP transport to the CAS server (trust anchors, proxy, timeouts). */
        public Builder transport(Consumer<HttpTransport.Builder> customizer) {
            this.transport = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /** The filter. */
        public CasFilter build() {
            return new CasFilter(this);
        }
    }
}
