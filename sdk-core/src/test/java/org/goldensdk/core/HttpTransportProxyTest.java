package org.goldensdk.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WireMock plays the HTTP proxy: the hub's host name does not resolve, so only the proxy can answer. */
@Timeout(20)
class HttpTransportProxyTest {

    private static final URI UNREACHABLE_HUB = URI.create("http://hub.golden.invalid:8080/api/");
    private final WireMockServer proxy = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeEach
    void start() {
        proxy.start();
    }

    @AfterEach
    void stop() {
        proxy.stop();
    }

    @Test
    void sendsRequestsThroughTheConfiguredProxy() {
        proxy.stubFor(get(urlEqualTo("/api/status")).willReturn(aResponse().withStatus(200).withBody("via proxy")));
        try (HttpTransport transport = HttpTransport.builder().baseUri(UNREACHABLE_HUB)
                .proxy("localhost", proxy.port()).scheduler(VirtualScheduler.create()).build();
                HttpResponse response = transport.execute(HttpRequest.get("status"))) {
            assertThat(response.bodyBytes()).asString().isEqualTo("via proxy");
        }
        proxy.verify(getRequestedFor(urlEqualTo("/api/status")).withHeader("Host", equalTo("hub.golden.invalid:8080")));
    }

    @Test
    void answersTheProxysChallengeWithTheConfiguredCredentialsFromSettings() {
        String expected = "Basic " + Base64.getEncoder().encodeToString("dept:pa55".getBytes());
        proxy.stubFor(get(urlEqualTo("/api/status")).withHeader("Proxy-Authorization", absent())
                .willReturn(aResponse().withStatus(407).withHeader("Proxy-Authenticate", "Basic realm=\"gov\"")));
        proxy.stubFor(get(urlEqualTo("/api/status")).withHeader("Proxy-Authorization", equalTo(expected))
                .willReturn(aResponse().withStatus(200)));
        Settings settings = Settings.fromEnvironment(Map.of("GOLDEN_HTTP_BASE_URI", UNREACHABLE_HUB.toString(),
                "GOLDEN_HTTP_PROXY_HOST", "localhost", "GOLDEN_HTTP_PROXY_PORT", String.valueOf(proxy.port()),
                "GOLDEN_HTTP_PROXY_USERNAME", "dept", "GOLDEN_HTTP_PROXY_PASSWORD", "pa55"));

        try (HttpTransport transport = HttpTransport.builder().settings(settings).scheduler(VirtualScheduler.create()).build()) {
            assertThat(transport.execute(HttpRequest.get("status")).status()).isEqualTo(200);
        }
        proxy.verify(2, getRequestedFor(urlEqualTo("/api/status")));
    }
}
