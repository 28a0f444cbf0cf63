package org.goldensdk.cxf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.MalformedInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The same API mounted as a servlet in a department's own (here: bare embedded Jetty) container. */
@Timeout(30)
class ServletMountTest {

    private static Server container;
    private static HttpTransport transport;

    @BeforeAll
    static void mount() throws Exception {
        container = new Server();
        ServerConnector connector = new ServerConnector(container);
        connector.setHost("127.0.0.1");
        container.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/department");
        context.addServlet(new ServletHolder(RestApi.of(new ThingResource()).withMaxRequestBytes(64).servlet()), "/exchange/*");
        container.setHandler(context);
        container.start();
        transport = TestPki.transport(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/department/exchange/"), null);
    }

    @AfterAll
    static void unmount() throws Exception {
        transport.close();
        container.stop();
    }

    @Test
    void servesTheResourcesWithJson() {
        HttpRequest request = HttpRequest.builder("POST", "things/echo")
                .body(HttpBody.of("{\"name\":\"a\",\"size\":1}".getBytes(StandardCharsets.UTF_8), "application/json")).build();
        try (HttpResponse response = transport.execute(request)) {
            assertThat(new String(response.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"a\",\"size\":2}");
            assertThat(response.header("X-Request-Id")).isPresent();
        }
    }

    @Test
    void mapsErrorsAndLimitsBodiesAsOnAGoldenServer() {
        ConflictException conflict = catchThrowableOfType(ConflictException.class,
                () -> transport.execute(HttpRequest.get("things/fail/CONFLICT")));
        assertThat(conflict.remote().orElseThrow().status()).isEqualTo(409);

        HttpRequest large = HttpRequest.builder("POST", "things/echo")
                .body(HttpBody.of(new byte[100], "application/json")).build();
        assertThat(catchThrowableOfType(MalformedInputException.class, () -> transport.execute(large)).code())
                .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    }
}
