package org.goldensdk.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.goldensdk.core.internal.http.ProblemJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class HttpTransportTest {

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    private final VirtualScheduler scheduler = VirtualScheduler.create();
    private HttpTransport transport;

    @BeforeEach
    void start() {
        server.start();
        transport = transport(RetryPolicy.builder().maxAttempts(3).build(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        transport.close();
        server.stop();
    }

    private HttpTransport transport(RetryPolicy policy, Duration readTimeout) {
        return HttpTransport.builder().baseUri(URI.create(server.baseUrl() + "/api")).scheduler(scheduler)
                .retryPolicy(policy).readTimeout(readTimeout).build();
    }

    private void stubSequence(String method, String url, List<com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder> answers) {
        String state = Scenario.STARTED;
        for (int i = 0; i < answers.size(); i++) {
            String next = i == answers.size() - 1 ? state : "step-" + (i + 1);
            server.stubFor(any(urlEqualTo(url)).withName(method + i).inScenario(url).whenScenarioStateIs(state)
                    .willSetStateTo(next).willReturn(answers.get(i)));
            state = next;
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withBody("done");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder fault(Fault fault) {
        return aResponse().withFault(fault);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
            "RANDOM_DATA_THEN_CLOSE"})
    void aGetIsRetriedAfterAConnectionFaultAndThenSucceeds(Fault kind) {
        stubSequence("GET", "/api/items/1", List.of(fault(kind), ok()));

        try (HttpResponse response = transport.execute(HttpRequest.get("items/1"))) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(new String(response.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo("done");
        }
        server.verify(2, getRequestedFor(urlEqualTo("/api/items/1")));
        assertThat(scheduler.sleeps()).hasSize(1);
    }

    @Test
    void aPostIsNotRetriedAfterAResetOnceItWasSent() {
        stubSequence("POST", "/api/items", List.of(fault(Fault.CONNECTION_RESET_BY_PEER), ok()));

        TransportException failure = catchThrowableOfType(TransportException.class, () -> transport.execute(
                HttpRequest.builder("POST", "items").body(HttpBody.of("{}".getBytes(), "application/json")).build()));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure).hasMessageContaining("after the request was sent").hasMessageContaining("Idempotency-Key");
        server.verify(1, postRequestedFor(urlEqualTo("/api/items")));
        assertThat(scheduler.sleeps()).isEmpty();
    }

    @Test
    void aPostWithAnIdempotencyKeyIsRetriedAfterAReset() {
        stubSequence("POST", "/api/items", List.of(fault(Fault.CONNECTION_RESET_BY_PEER), ok()));

        HttpResponse response = transport.execute(HttpRequest.builder("POST", "items")
                .header(HttpRequest.IDEMPOTENCY_KEY_HEADER, "k-1")
                .body(HttpBody.of("{}".getBytes(), "application/json")).build());

        assertThat(response.status()).isEqualTo(200);
        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlEqualTo("/api/items")));
        assertThat(sent).hasSize(2).allSatisfy(request -> assertThat(request.getBodyAsString()).isEqualTo("{}"));
    }

    @Test
    void aPostIsRetriedWhenTheConnectionWasRefusedBeforeSending() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (HttpTransport refused = HttpTransport.builder().baseUri(URI.create("http://127.0.0.1:" + closedPort))
                .scheduler(scheduler).retryPolicy(RetryPolicy.builder().maxAttempts(3).build()).build()) {
            TransportException failure = catchThrowableOfType(TransportException.class,
                    () -> refused.execute(HttpRequest.builder("POST", "items").build()));

            assertThat(failure).hasMessageContaining("before the request was sent");
            assertThat(failure.isRetryable()).isTrue();
        }
        assertThat(scheduler.sleeps()).hasSize(2);
    }

    @Test
    void honoursRetryAfterInSecondsAndAsAnHttpDate() {
        String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(scheduler.now().plusSeconds(90).atOffset(ZoneOffset.UTC));
        stubSequence("GET", "/api/busy", List.of(
                aResponse().withStatus(503).withHeader("Retry-After", "7"),
                aResponse().withStatus(503).withHeader("Retry-After", inNinetySeconds),
                ok()));
        HttpTransport patient = transport(RetryPolicy.builder().maxAttempts(3).maxRetryAfter(Duration.ofMinutes(5)).build(), Duration.ofSeconds(5));

        assertThat(patient.execute(HttpRequest.get("busy")).status()).isEqualTo(200);

        assertThat(scheduler.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(90 - 7));
        patient.close();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"slow-headers", "slow-body"})
    void anAnswerSlowerThanTheReadTimeoutIsARetryableTransportFailure(String path) {
        server.stubFor(get(urlEqualTo("/api/slow-headers")).willReturn(ok().withFixedDelay(3_000)));
        server.stubFor(get(urlEqualTo("/api/slow-body")).willReturn(aResponse().withStatus(200)
                .withBody("a body that trickles in").withChunkedDribbleDelay(2, 3_000)));
        HttpTransport impatient = transport(RetryPolicy.builder().maxAttempts(3).build(), Duration.ofMillis(200));

        TransportException failure = catchThrowableOfType(TransportException.class,
                () -> impatient.execute(HttpRequest.get(path)));
        impatient.close();

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure).hasMessageContaining("timed out");
        server.verify(3, getRequestedFor(urlEqualTo("/api/" + path)));
    }

    @Test
    void closeCutsShortACallInFlightWithANonRetryableTransportFailure() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HttpTransport longPoll = HttpTransport.builder().baseUri(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                    .scheduler(scheduler).retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
                    .readTimeout(Duration.ofMinutes(5)).build();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                CompletableFuture<HttpResponse> call = CompletableFuture.supplyAsync(() -> longPoll.execute(HttpRequest.get("poll")));
                try (Socket peer = silent.accept()) {
                    assertThat(peer.getInputStream().read()).as("the request has been sent").isPositive();
                    longPoll.close();
                    ExecutionException thrown = catchThrowableOfType(ExecutionException.class, call::get);
                    assertThat(thrown.getCause()).isInstanceOfSatisfying(TransportException.class, failure -> {
                        assertThat(failure.isRetryable()).isFalse();
                        assertThat(failure).hasMessageContaining("GET poll").hasMessageContaining("transport was closed");
                    });
                }
            });
        }
    }

    @Test
    void whenTheBudgetIsExhaustedTheLastErrorSurfaces() {
        stubSequence("GET", "/api/down", List.of(aResponse().withStatus(503), aResponse().withStatus(502),
                aResponse().withStatus(504).withHeader("Content-Type", Problem.MEDIA_TYPE)
                        .withBody("{\"code\":\"E_UNAVAILABLE\",\"detail\":\"last one\"}")));

        RemoteException failure = catchThrowableOfType(RemoteException.class, () -> transport.execute(HttpRequest.get("down")));

        assertThat(failure.status()).isEqualTo(504);
        assertThat(failure).hasMessageContaining("last one");
        assertThat(scheduler.sleeps()).hasSize(2).allSatisfy(wait ->
                assertThat(wait).isLessThan(RetryPolicy.defaults().backoffCeiling(2)));
    }

    @Test
    void theOverallBudgetStopsRetriesBeforeMaxAttempts() {
        server.stubFor(get(urlEqualTo("/api/busy")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "40")));
        HttpTransport budgeted = transport(RetryPolicy.builder().maxAttempts(10).budget(Duration.ofSeconds(100)).build(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> budgeted.execute(HttpRequest.get("busy"))).isInstanceOf(RemoteException.class);

        assertThat(scheduler.sleeps()).containsExactly(Duration.ofSeconds(40), Duration.ofSeconds(40));
        budgeted.close();
    }

    @Test
    void theRequestIdStaysTheSameAcrossRetriesAndIsInTheException() {
        server.stubFor(get(urlEqualTo("/api/down")).willReturn(aResponse().withStatus(503)));

        RemoteException failure = catchThrowableOfType(RemoteException.class,
                () -> transport.execute(HttpRequest.builder("GET", "down").requestId("req-42").build()));

        List<LoggedRequest> sent = server.findAll(getRequestedFor(urlEqualTo("/api/down")));
        assertThat(sent).hasSize(3).allSatisfy(request -> assertThat(request.getHeader("X-Request-Id")).isEqualTo("req-42"));
        assertThat(failure.requestId()).isEqualTo("req-42");
    }

    @Test
    void aGeneratedRequestIdIsReusedOnEveryAttempt() {
        stubSequence("GET", "/api/x", List.of(aResponse().withStatus(503), ok()));

        HttpResponse response = transport.execute(HttpRequest.get("x"));

        List<LoggedRequest> sent = server.findAll(getRequestedFor(urlEqualTo("/api/x")));
        assertThat(sent).extracting(request -> request.getHeader("X-Request-Id")).containsOnly(response.requestId());
        assertThat(response.requestId()).isNotBlank();
    }

    @Test
    void a401InvalidatesTheTokenAndRetriesOnceWithTheFreshOne() {
        stubSequence("POST", "/api/secure", List.of(aResponse().withStatus(401), ok()));
        List<String> invalidated = new ArrayList<>();
        AtomicInteger issued = new AtomicInteger();
        TokenSource tokens = new TokenSource() {
            @Override
            public String token() {
                return "token-" + issued.incrementAndGet();
            }

            @Override
            public void invalidate(String rejectedToken) {
                invalidated.add(rejectedToken);
            }
        };
        try (HttpTransport authed = HttpTransport.builder().baseUri(URI.create(server.baseUrl() + "/api"))
                .scheduler(scheduler).tokenSource(tokens).build()) {
            assertThat(authed.execute(HttpRequest.builder("POST", "secure").build()).status()).isEqualTo(200);
        }

        assertThat(invalidated).containsExactly("token-1");
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/api/secure"))))
                .extracting(request -> request.getHeader("Authorization")).containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(scheduler.sleeps()).isEmpty();
    }

    @Test
    void aSecond401IsAnAuthenticationException() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)));
        try (HttpTransport authed = HttpTransport.builder().baseUri(URI.create(server.baseUrl()))
                .scheduler(scheduler).tokenSource(() -> "t").build()) {
            assertThatThrownBy(() -> authed.execute(HttpRequest.get("x"))).isInstanceOf(AuthenticationException.class);
        }
        server.verify(2, getRequestedFor(urlEqualTo("/x")));
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"VALIDATION", "CONFLICT", "ACCESS_DENIED", "AUTHENTICATION",
            "NOT_FOUND", "SIGNATURE", "COMPLIANCE", "MALFORMED_INPUT", "PAYLOAD_TOO_LARGE", "INTERNAL"})
    void aProblemAnswerBecomesItsTypedExceptionWithTheRequestId(ErrorCode code) {
        Problem problem = new Problem("urn:goldensdk:problem:" + code.wireCode(), "t", code.httpStatus(), "detail",
                null, code.wireCode(), "server-7", List.of(new Finding("f", "r", "m")));
        server.stubFor(post(urlEqualTo("/api/op")).willReturn(aResponse().withStatus(code.httpStatus())
                .withHeader("Content-Type", "application/problem+json; charset=utf-8").withBody(ProblemJson.write(problem))));

        GoldenException failure = catchThrowableOfType(GoldenException.class,
                () -> transport.execute(HttpRequest.builder("POST", "op").build()));

        assertThat(failure).isExactlyInstanceOf(problem.toException().getClass());
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.remote()).hasValueSatisfying(remote -> {
            assertThat(remote.requestId()).isEqualTo("server-7");
            assertThat(remote.wireCode()).isEqualTo(code.wireCode());
            assertThat(remote.status()).isEqualTo(code.httpStatus());
        });
    }

    @Test
    void backpressureOnAGetIsRetriedAndOnAPostSurfacesAsBackpressure() {
        server.stubFor(any(urlEqualTo("/api/q")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));

        assertThatThrownBy(() -> transport.execute(HttpRequest.builder("POST", "q").build()))
                .isInstanceOf(BackpressureException.class);
        assertThat(scheduler.sleeps()).isEmpty();
        assertThatThrownBy(() -> transport.execute(HttpRequest.get("q"))).isInstanceOf(BackpressureException.class);
        assertThat(scheduler.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Test
    void aNonProblemErrorMapsByStatusAndCarriesTheServersRequestId() {
        server.stubFor(get(urlEqualTo("/api/gone")).willReturn(aResponse().withStatus(404)
                .withHeader("X-Request-Id", "srv-1").withHeader("Content-Type", "text/html").withBody("<h1>nope</h1>")));

        NotFoundException failure = catchThrowableOfType(NotFoundException.class, () -> transport.execute(HttpRequest.get("gone")));

        assertThat(failure.remote()).hasValueSatisfying(remote -> {
            assertThat(remote.requestId()).isEqualTo("srv-1");
            assertThat(remote.wireCode()).isNull();
        });
    }

    @Test
    void anOversizedResponseIsPayloadTooLarge() {
        server.stubFor(get(urlEqualTo("/api/big")).willReturn(aResponse().withStatus(200).withBody(new byte[2048])));
        server.stubFor(get(urlEqualTo("/api/chunked")).willReturn(aResponse().withStatus(200)
                .withBody(new byte[2048]).withChunkedDribbleDelay(4, 10)));
        try (HttpTransport small = HttpTransport.builder().baseUri(URI.create(server.baseUrl() + "/api"))
                .scheduler(scheduler).maxResponseBytes(1024).build()) {
            for (String path : List.of("big", "chunked")) {
                MalformedInputException failure = catchThrowableOfType(MalformedInputException.class,
                        () -> small.execute(HttpRequest.get(path)));
                assertThat(failure.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
            }
            try (HttpResponse streamed = small.open(HttpRequest.get("chunked"))) {
                assertThatThrownBy(() -> streamed.body().readAllBytes())
                        .isInstanceOf(MalformedInputException.class);
            }
        }
        assertThat(scheduler.sleeps()).isEmpty();
    }

    @Test
    void aStreamedResponseDeliversTheBodyAfterTheHeaders() throws Exception {
        server.stubFor(get(urlEqualTo("/api/file")).willReturn(ok().withHeader("X-Version", "v1")));
        try (HttpResponse response = transport.open(HttpRequest.get("file"))) {
            assertThat(response.header("x-version")).contains("v1");
            assertThat(response.body().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("done");
        }
    }

    @Test
    void aStreamingBodyIsReopenedForEveryAttempt() {
        stubSequence("PUT", "/api/doc", List.of(aResponse().withStatus(503), ok()));
        AtomicInteger opened = new AtomicInteger();
        HttpBody body = HttpBody.stream(() -> {
            opened.incrementAndGet();
            return new java.io.ByteArrayInputStream("payload".getBytes(StandardCharsets.UTF_8));
        }, "text/plain", -1);

        transport.execute(HttpRequest.builder("PUT", "doc").body(body).build());

        assertThat(opened).hasValue(2);
        assertThat(server.getAllServeEvents()).allSatisfy(event ->
                assertThat(event.getRequest().getBodyAsString()).isEqualTo("payload"));
    }

    @Test
    void isConfiguredFromSettingsAndRejectsAMisspeltKey() {
        Settings settings = Settings.of(java.util.Map.of("golden.http.base-uri", server.baseUrl() + "/api/",
                "golden.http.retry.max-attempts", "2"));
        server.stubFor(get(urlEqualTo("/api/down")).willReturn(aResponse().withStatus(503)));
        try (HttpTransport configured = HttpTransport.builder().settings(settings).scheduler(scheduler).build()) {
            assertThatThrownBy(() -> configured.execute(HttpRequest.get("down"))).isInstanceOf(RemoteException.class);
        }
        server.verify(2, getRequestedFor(urlEqualTo("/api/down")));

        assertThatThrownBy(() -> HttpTransport.builder().settings(Settings.fromEnvironment(
                java.util.Map.of("GOLDEN_HTTP_READ_TIMEOUTS", "1s"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("GOLDEN_HTTP_READ_TIMEOUT?");
        assertThatThrownBy(() -> HttpTransport.builder().settings(Settings.of(java.util.Map.of("golden.http.proxy.host", "p"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("golden.http.proxy.port");
        assertThatThrownBy(() -> HttpTransport.builder().build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("base-uri");
    }
}
