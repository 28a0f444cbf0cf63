package org.goldensdk.cxf.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.configuration.jsse.SSLContextServerParameters;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.cxf.ClientAuth;
import org.goldensdk.cxf.RestApi;

/**
 * One running Jetty 12 port with CXF endpoints on it. We build and bind the connector ourselves
 * (so port 0 works, the port is held from the start, and TLS comes from the caller's SSL context
 * restricted to TLS 1.2/1.3) and hand it to CXF's Jetty engine, which then serves every CXF
 * endpoint published on this bus at this port.
 */
public final class ServerRuntime implements AutoCloseable {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * CXF keeps Jetty engines in one JVM-wide map by port, and a bus shutting down shuts down every
     * engine in it that has no endpoint yet, whichever bus it belongs to. Starting (engine created,
     * endpoints not yet published) and shutting down therefore never overlap.
     */
    private static final Object ENGINES = new Object();

    private final Bus bus;
    private final URI uri;
    private final int port;
    private final List<Server> endpoints = new ArrayList<>();

    private ServerRuntime(Bus bus, URI uri, int port) {
        this.bus = bus;
        this.uri = uri;
        this.port = port;
    }

    /**
     * Binds {@code host:port} (0 = any free port), serves each API under its base path and starts.
     *
     * @param sslContext the TLS material, or null for plain HTTP
     * @throws ConfigurationException if the port cannot be bound or an API cannot be published
     */
    public static ServerRuntime start(String host, int port, SSLContext sslContext, ClientAuth clientAuth,
            Map<String, RestApi> apis, Map<String, SoapEndpointConfig> soapApis) {
        Bus bus = BusFactory.newInstance().createBus();
        ServerRuntime runtime = null;
        ServerConnector connector = null;
        try {
            org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server(threadPool());
            connector = connector(jetty, host, port, sslContext, clientAuth);
            if (sslContext != null && clientAuth == ClientAuth.REQUIRED) {
                jetty.setHandler(new ClientCertificateGuard());
            }
            connector.open();
            int boundPort = connector.getLocalPort();
            String scheme = sslContext == null ? "http" : "https";
            runtime = new ServerRuntime(bus, new URI(scheme, null, host, boundPort, "/", null, null), boundPort);
            synchronized (ENGINES) {
                engine(bus, host, boundPort, sslContext).setConnector(connector);
                // Behind the client-certificate guard CXF chains the endpoint contexts in publication
                // order, and a context takes every path below its own: deeper paths go first, so
                // /exchange/soap/v1 is not swallowed by the context of /exchange/v1.
                List<String> paths = new ArrayList<>(apis.keySet());
                paths.addAll(soapApis.keySet());
                paths.sort(Comparator.comparingInt((String path) -> path.split("/").length).reversed());
                for (String path : paths) {
                    if (apis.containsKey(path)) {
                        runtime.publish(path, apis.get(path));
                    } else {
                        runtime.endpoints.add(SoapEndpoints.publish(bus, runtime.uri.resolve(path.substring(1)).toString(),
                                soapApis.get(path)));
                    }
                }
            }
            // CXF installs its own error handler when it creates the Jetty server; ours answers problem+json.
            jetty.setErrorHandler(new ProblemErrorHandler());

            return runtime;
        } catch (IOException | GeneralSecurityException | URISyntaxException | RuntimeException e) {
            if (connector != null) {
                connector.close();
            }
            if (runtime != null) {
                runtime.close();
            } else {
                bus.shutdown(true);
            }
            throw new ConfigurationException("server", "cannot start a server on " + host + ":" + port + ": " + e.getMessage()
                    + "; choose a free port (0 picks one) and check the TLS material", e);
        }
    }

    /** The base URI, e.g. {@code https://127.0.0.1:8443/}. */
    public URI uri() {
        return uri;
    }

    /** Stops the endpoints and Jetty and releases the port; idempotent. */
    @Override
    public synchronized void close() {
        endpoints.forEach(Server::destroy);
        endpoints.clear();
        synchronized (ENGINES) {
            JettyHTTPServerEngineFactory.destroyForPort(port);
            bus.shutdown(true);
        }
    }

    private void publish(String basePath, RestApi api) {
        JAXRSServerFactoryBean bean = new JAXRSServerFactoryBean();
        bean.setBus(bus);
        bean.setAddress(uri.resolve(basePath.substring(1)).toString());
        bean.setServiceBeans(new ArrayList<>(api.resources()));
        bean.setProviders(GoldenProviders.create(api.maxRequestBytes(), api.providers()));
        endpoints.add(bean.create());
    }

    private static JettyHTTPServerEngine engine(Bus bus, String host, int port, SSLContext sslContext)
            throws GeneralSecurityException, IOException {
        JettyHTTPServerEngineFactory factory = bus.getExtension(JettyHTTPServerEngineFactory.class);
        if (sslContext == null) {
            return factory.createJettyHTTPServerEngine(host, port, "http");
        }
        // Only marks the engine as HTTPS: our connector already carries the SSL context.
        factory.setTLSServerParametersForPort(host, port, new SSLContextServerParameters(sslContext));
        return factory.retrieveJettyHTTPServerEngine(port);
    }

    private static ServerConnector connector(org.eclipse.jetty.server.Server jetty, String host, int port,
            SSLContext sslContext, ClientAuth clientAuth) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector;
        if (sslContext == null) {
            connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        } else {
            http.addCustomizer(new SecureRequestCustomizer());
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setSslContext(sslContext);
            tls.setIncludeProtocols(PROTOCOLS);
            // REQUIRED is enforced by ClientCertificateGuard: see there why not in the handshake.
            tls.setWantClientAuth(clientAuth != ClientAuth.NONE);
            HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
            connector = new ServerConnector(jetty, new SslConnectionFactory(tls, httpFactory.getProtocol()), httpFactory);
        }
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("golden-server");
        return pool;
    }
}
