package org.goldensdk.sandbox.identity;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.goldensdk.identity.GovPrincipal;
import org.goldensdk.identity.SsoFilter;

/**
 * A department's servlet application on a real embedded Jetty (plain HTTP on 127.0.0.1, servlet
 * sessions on) behind one identity filter on {@code /*}. Its only servlet answers with what the
 * application sees of the signed-in user. Each app has its own context path, so the session cookies
 * of two apps in one browser (same host, other port) do not overwrite each other.
 */
final class FilteredApp implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final String contextPath;

    FilteredApp(String contextPath, Filter filter) {
        this.contextPath = contextPath;
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(contextPath, ServletContextHandler.SESSIONS);
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new WhoAmI()), "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not start", e);
        }
    }

    /** The application's view of the user: one {@code name=value} per line. */
    static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            GovPrincipal principal = SsoFilter.principal(request).orElseThrow();
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print("user=" + request.getUserPrincipal().getName() + "\nkind=" + principal.kind()
                    + "\ncitizenId=" + principal.citizenId().map(Object::toString).orElse("-")
                    + "\nagency=" + principal.agency().map(Object::toString).orElse("-")
                    + "\nassurance=" + principal.assurance().map(Object::toString).orElse("-")
                    + "\nroles=" + principal.roles()
                    + "\nprincipal=" + principal
                    + "\ntoken=" + SsoFilter.accessToken(request).orElse("-"));
        }
    }

    /** {@code http://127.0.0.1:<port><context><path>}. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath + path);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
