package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.VirtualScheduler;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint's servlet in a department's own container: a bare embedded Jetty terminating mutual TLS itself. */
@Timeout(60)
class ExchangeEndpointServletTest {

    @Test
    void theServletServesDeliveriesInABareJettyWithMutualTls(@TempDir Path directory) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (ExchangeEndpoint endpoint = ExchangeEndpoint.builder()
                .party(TestDepartment.CUSTOMS.partyId())
                .credentials(TestDepartment.CUSTOMS.credentials())
                .trustAnchors(TestCredentials.trustAnchors())
                .hubParty(TestDepartment.EXCHANGE_PLATFORM.partyId())
                .clock(VirtualScheduler.startingAt(ExchangeEndpointTest.ENDPOINT_NOW).clock())
                .storeDirectory(directory)
                .handle(EnvelopeFixtures.SERVICE, (message, context) -> {
                    calls.incrementAndGet();
                    return Outcome.processed();
                })
                .build()) {
            Server container = new Server();
            try {
                ServerConnector connector = mutualTlsConnector(container);
                container.addConnector(connector);
                ServletContextHandler context = new ServletContextHandler("/customs");
                context.addServlet(new ServletHolder(endpoint.servlet()), "/exchange/v1/*");
                container.setHandler(context);
                container.start();
                URI base = URI.create("https://127.0.0.1:" + connector.getLocalPort() + "/customs/exchange/v1/");

                try (HubCaller hub = HubCaller.hub(base); HubCaller tax = HubCaller.as(TestDepartment.TAX, base);
                        SealedMessage sealed = EnvelopeFixtures.sealer(CryptoSuite.GM).seal(EnvelopeFixtures.message().build())) {
                    List<Receipt> receipts = hub.deliver(sealed);
                    ExchangeEndpointTest.assertReceipts(receipts, sealed.envelope(), ReceiptState.DELIVERED, ReceiptState.PROCESSED);
                    assertThat(hub.deliver(sealed)).isEqualTo(receipts);
                    assertThat(catchThrowableOfType(AccessDeniedException.class, () -> tax.deliver(sealed))).isNotNull();
                }
                assertThat(calls).hasValue(1);
            } finally {
                container.stop();
            }
        }
    }

    /** HTTPS with customs' INTL key, requiring client certificates from the platform's INTL root. */
    private static ServerConnector mutualTlsConnector(Server container) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(TestDepartment.CUSTOMS.credentials().tlsKeyManagers(), TestCredentials.trustAnchors().tlsTrustManagers(), null);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(ssl);
        tls.setNeedClientAuth(true);
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new SecureRequestCustomizer());
        HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
        ServerConnector connector = new ServerConnector(container, new SslConnectionFactory(tls, httpFactory.getProtocol()), httpFactory);
        connector.setHost("127.0.0.1");
        return connector;
    }
}
