package org.goldensdk.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the transport logs, captured from slf4j-simple (which writes to the current System.err, at
 * DEBUG for org.goldensdk per src/test/resources/simplelogger.properties).
 */
@Timeout(20)
class HttpTransportLoggingTest {

    private static final String CITIZEN_ID = "11010519491231002X";
    private static final String TOKEN = "eyJ-secret-bearer-token";

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void start() {
        server.start();
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setErr(originalErr);
        server.stop();
    }

    @Test
    void logsEachExchangeWithoutTokensCitizenIdsOrQueries() {
        server.stubFor(any(urlPathMatching("/persons/.*")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("ok").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));
        server.stubFor(any(urlPathMatching("/persons/.*")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        try (HttpTransport transport = HttpTransport.builder().baseUri(URI.create(server.baseUrl()))
                .scheduler(VirtualScheduler.create()).tokenSource(() -> TOKEN).build()) {
            transport.execute(HttpRequest.builder("GET", "persons/" + CITIZEN_ID + "?name=Zhang").requestId("rid-1").build());
            server.stubFor(any(urlPathMatching("/persons/.*")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            Throwable failure = catchThrowable(() -> transport.execute(
                    HttpRequest.builder("POST", "persons/" + CITIZEN_ID).requestId("rid-2").build()));
            assertThat(failure).isInstanceOf(TransportException.class);
            assertThat(failure.getMessage()).doesNotContain(CITIZEN_ID).contains("rid-2");
            server.stubFor(any(urlPathMatching("/persons/.*")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
            Throwable emptyReply = catchThrowable(() -> transport.execute(
                    HttpRequest.builder("POST", "persons/" + CITIZEN_ID + "/phone/13812345678").build()));
            java.io.StringWriter trace = new java.io.StringWriter();
            emptyReply.printStackTrace(new java.io.PrintWriter(trace));
            assertThat(trace.toString()).contains("TransportException").doesNotContain(CITIZEN_ID).doesNotContain("13812345678");
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("GET persons/110105********002X?… -> 503").contains("-> 200")
                .contains("rid-1").contains("retrying in 1000 ms").contains("POST persons/110105********002X").contains("phone/138****5678");
        assertThat(log).doesNotContain(CITIZEN_ID).doesNotContain(TOKEN).doesNotContain("Zhang")
                .doesNotContainIgnoringCase("authorization");
    }
}
