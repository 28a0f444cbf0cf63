package org.goldensdk.examples;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.identity.GovPrincipal;
import org.goldensdk.identity.IdentityClient;
import org.goldensdk.identity.SsoFilter;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.TestUser;
import org.goldensdk.sandbox.WebClient;

/**
 * A department's servlet web application protected by single sign-on (统一身份认证): customs'
 * declaration desk on an embedded Jetty, with {@link SsoFilter} in front of every page. A visitor
 * without a session is sent to the identity provider (OpenID Connect authorization code with PKCE),
 * logs in there, and comes back signed in; the servlet then reads the verified
 * {@link GovPrincipal}: who it is, what kind of principal, their ID (masked), and how strongly they
 * authenticated. {@link #visitAs} plays the browser: it follows the redirects and posts the
 * provider's login form (a real browser shows it to the user).
 *
 * <p>Run it alone: {@code java -cp examples/target/golden-demo.jar org.goldensdk.examples.SingleSignOnWebApp}.
 */
public final class SingleSignOnWebApp implements AutoCloseable {

    /** The application's page, under its context path. */
    public static final String PAGE = "/declarations";

    private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");
    private static final Pattern HIDDEN_FIELD = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private final Server server = new Server();
    private final IdentityClient identity;
    private final TlsConfig providerTls;
    private final URI uri;

    private SingleSignOnWebApp(Sandbox sandbox) {
        String clientId = "customs-declarations-" + UUID.randomUUID();   // one registration per run
        String clientSecret = UUID.randomUUID().toString();
        // The sandbox provider's HTTPS certificate comes from the development CA: trust its INTL root only.
        List<X509Certificate> intlRoots = sandbox.trustAnchors().certificates().stream()
                .filter(root -> CryptoSuite.of(root) == CryptoSuite.INTL).toList();
        this.providerTls = TlsConfig.builder().trustAnchors(intlRoots).build();
        this.identity = IdentityClient.builder()
                .issuer(sandbox.issuer())                                 // discovery: .well-known/openid-configuration
                .clientId(clientId)
                .clientSecret(clientSecret)
                .transport(http -> http.tls(providerTls))
                .build();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/customs", ServletContextHandler.SESSIONS);
        context.addFilter(new FilterHolder(SsoFilter.builder(identity).build()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new DeclarationDesk()), PAGE);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            identity.close();
            throw new IllegalStateException("the web application did not start", e);
        }
        this.uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/customs");
        // On a real platform: the client registration form of the identity service.
        sandbox.registerWebClient(WebClient.builder(clientId, clientSecret).redirectUri(URI.create(uri + "/sso/callback")).build());
    }

    /** Starts the application on a free local port, registered as a web client with the sandbox's identity provider. */
    public static SingleSignOnWebApp start(Sandbox sandbox) {
        return new SingleSignOnWebApp(sandbox);
    }

    /** Starts a sandbox and the application, signs the civil servant in and prints the page. */
    public static void main(String[] args) throws Exception {
        try (Sandbox sandbox = Sandbox.builder().defaultRights().start(); SingleSignOnWebApp app = start(sandbox)) {
            System.out.println(app.visitAs(TestUser.CIVIL_SERVANT).body());
        }
    }

    /** The application's base URI, {@code http://127.0.0.1:<port>/customs}. */
    public URI uri() {
        return uri;
    }

    /** The page a user saw, and where the browser ended. */
    public record Visit(int status, URI finalUri, String body) {
    }

    /**
     * A fresh browser (cookies kept, redirects followed) opens {@link #PAGE}, is sent to the
     * provider, posts its login form as {@code user}, and is sent back to the page signed in.
     */
    public Visit visitAs(TestUser user) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.ALWAYS)      // the provider (https) sends it back to the app (http)
                .sslContext(providerTls.sslContext())
                .build();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(uri + PAGE))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Matcher action = FORM_ACTION.matcher(login.body());
        if (!action.find()) {
            throw new IllegalStateException("expected the provider's login form at " + login.uri() + ", got " + login.statusCode());
        }
        StringBuilder fields = new StringBuilder();
        for (Matcher hidden = HIDDEN_FIELD.matcher(login.body()); hidden.find(); ) {   // state, PKCE challenge, … as given
            fields.append(encode(unescape(hidden.group(1)))).append('=').append(encode(unescape(hidden.group(2)))).append('&');
        }
        fields.append("username=").append(encode(user.username())).append("&password=").append(encode(user.password()));
        HttpResponse<String> back = browser.send(HttpRequest.newBuilder(login.uri().resolve(unescape(action.group(1))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields.toString())).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Visit(back.statusCode(), back.uri(), back.body());
    }

    /** The attribute values of the provider's HTML escape these five characters. */
    private static String unescape(String attribute) {
        return attribute.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Stops the application and its identity client. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the web application did not stop", e);
        } finally {
            identity.close();
        }
    }

    /** The protected page: what the application knows about the signed-in user. */
    static final class DeclarationDesk extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            GovPrincipal who = SsoFilter.principal(request).orElseThrow();   // the filter let only signed-in users through
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print(describe(who));
        }
    }

    /**
     * One line about a principal, safe to log: name, kind, the citizen ID masked (or the agency of a
     * civil servant), assurance level.
     */
    public static String describe(GovPrincipal who) {
        String id = who.citizenId().map(Object::toString)                       // CitizenId prints masked: 110105********002X
                .or(() -> who.agency().map(agency -> "agency " + agency))
                .or(() -> who.creditCode().map(code -> "credit code " + code))
                .orElse("-");
        return "signed in: " + who.displayName().orElse(who.subject()) + " (" + who.kind() + ", " + id + "), assurance "
                + who.assurance().map(Object::toString).orElse("unknown");
    }
}
