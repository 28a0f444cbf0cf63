package org.goldensdk.cxf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.goldensdk.core.ComplianceException;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.Problem;
import org.goldensdk.core.RemoteException;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.ValidationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every failure reaches the client as problem+json and back as the same typed exception. */
@Timeout(30)
class ErrorMappingTest {

    private static final ThingResource RESOURCE = new ThingResource();
    private static final TlsConfig CLIENT_TLS = TestPki.clientTls(TestPki.DEPARTMENT);
    private static GoldenServer server;
    private static HttpTransport transport;
    private static OkHttpClient raw;

    @BeforeAll
    static void start() {
        server = GoldenServer.builder().tls(TestPki.serverTls()).api("/api", RestApi.of(RESOURCE)).start();
        transport = TestPki.transport(server.uri().resolve("api/"), CLIENT_TLS);
        raw = new OkHttpClient.Builder().sslSocketFactory(CLIENT_TLS.sslContext().getSocketFactory(), CLIENT_TLS.trustManager()).build();
    }

    @AfterAll
    static void stop() {
        transport.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"VALIDATION", "COMPLIANCE", "CONFLICT", "NOT_FOUND", "ACCESS_DENIED",
        "AUTHENTICATION", "BACKPRESSURE", "SIGNATURE", "MALFORMED_INPUT"})
    void aGoldenExceptionComesBackAsTheSameTypeWithItsStatusAndDetail(ErrorCode code) {
        GoldenException thrown = ThingResource.failure(code);

        GoldenException received = catchThrowableOfType(GoldenException.class,
                () -> transport.execute(HttpRequest.get("things/fail/" + code.name())));

        assertThat(received).isExactlyInstanceOf(thrown.getClass());
        assertThat(received.code()).isEqualTo(code);
        assertThat(received.remote().orElseThrow().status()).isEqualTo(code.httpStatus());
        assertThat(received.remote().orElseThrow().wireCode()).isEqualTo(code.wireCode());
        if (received instanceof ValidationException validation) {
            assertThat(validation.findings()).isEqualTo(((ValidationException) thrown).findings());
        } else if (received instanceof ComplianceException compliance) {
            assertThat(compliance.findings()).isEqualTo(((ComplianceException) thrown).findings());
        } else {
            assertThat(received.remote().orElseThrow().detail()).isEqualTo(thrown.getMessage());
        }
    }

    @Test
    void malformedJsonIsMalformedInput() {
        HttpRequest request = HttpRequest.builder("POST", "things/echo")
                .body(HttpBody.of("{\"name\": \"a\", ".getBytes(StandardCharsets.UTF_8), "application/json")).build();

        MalformedInputException received = catchThrowableOfType(MalformedInputException.class, () -> transport.execute(request));

        assertThat(received.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
        assertThat(received.remote().orElseThrow().status()).isEqualTo(400);
        assertThat(received.remote().orElseThrow().detail()).contains("not valid JSON");
    }

    @Test
    void unknownPropertiesAndExcessiveNestingAreMalformedInput() {
        String unknown = "{\"name\":\"a\",\"size\":1,\"@class\":\"java.lang.ProcessBuilder\"}";
        String deep = "{\"name\":" + "[".repeat(100) + "]".repeat(100) + "}";
        for (String body : new String[] {unknown, deep}) {
            HttpRequest request = HttpRequest.builder("POST", "things/echo")
                    .body(HttpBody.of(body.getBytes(StandardCharsets.UTF_8), "application/json")).build();
            assertThat(catchThrowableOfType(MalformedInputException.class, () -> transport.execute(request)).code())
                    .isEqualTo(ErrorCode.MALFORMED_INPUT);
        }
    }

    @Test
    void anUnsupportedMediaTypeIs415MalformedInput() {
        HttpRequest request = HttpRequest.builder("POST", "things/echo")
                .body(HttpBody.of("<thing/>".getBytes(StandardCharsets.UTF_8), "application/xml")).build();

        MalformedInputException refused = catchThrowableOfType(MalformedInputException.class, () -> transport.execute(request));

        assertThat(refused.remote().orElseThrow().status()).isEqualTo(415);
        assertThat(refused.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    }

    @Test
    void wellFormedJsonIsServed() {
        HttpRequest request = HttpRequest.builder("POST", "things/echo")
                .body(HttpBody.of("{\"name\":\"a\",\"size\":41}".getBytes(StandardCharsets.UTF_8), "application/json")).build();
        try (HttpResponse response = transport.execute(request)) {
            assertThat(new String(response.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"a\",\"size\":42}");
        }
    }

    @Test
    void unknownPathsAreNotFoundInsideAndOutsideAnApi() {
        assertThat(catchThrowableOfType(NotFoundException.class, () -> transport.execute(HttpRequest.get("nothing/here")))
                .remote().orElseThrow().wireCode()).isEqualTo("E_NOT_FOUND");
        try (HttpTransport root = TestPki.transport(server.uri(), CLIENT_TLS)) {
            NotFoundException outside = catchThrowableOfType(NotFoundException.class, () -> root.execute(HttpRequest.get("elsewhere")));
            assertThat(outside.remote().orElseThrow().wireCode()).isEqualTo("E_NOT_FOUND");
            assertThat(outside.remote().orElseThrow().requestId()).isNotBlank();
        }
    }

    @Test
    void aWrongMethodIs405WithAProblemBody() throws IOException {
        try (Response response = raw.newCall(new Request.Builder().url(server.uri().resolve("api/things/echo").toString())
                .delete().build()).execute()) {
            assertThat(response.code()).isEqualTo(405);
            assertThat(Problem.isProblemMediaType(response.header("Content-Type"))).isTrue();
            assertThat(response.body().string()).contains("\"code\":\"E_NOT_FOUND\"");
        }
    }

    @Test
    void anUnexpectedFailureIs500WithoutItsMessageOrStackButLoggedRedactedWithTheRequestId() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        String body;
        int status;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (Response response = raw.newCall(new Request.Builder().url(server.uri().resolve("api/things/boom").toString())
                .header("X-Request-Id", "req-boom-1").build()).execute()) {
            status = response.code();
            body = response.body().string();
        } finally {
            System.setErr(originalErr);
        }

        assertThat(status).isEqualTo(500);
        assertThat(body).contains("\"code\":\"E_INTERNAL\"", "req-boom-1")
                .doesNotContain("hunter2", "IllegalStateException", "11010519491231002X", "at org.");
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("req-boom-1", "IllegalStateException", "hunter2").doesNotContain("11010519491231002X");

        RemoteException viaTransport = catchThrowableOfType(RemoteException.class, () -> transport.execute(HttpRequest.get("things/boom")));
        assertThat(viaTransport.code()).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void theRequestIdIsTakenFromTheRequestAndEchoed() {
        HttpRequest request = HttpRequest.builder("POST", "things/echo").requestId("dept-a.42")
                .body(HttpBody.of("{\"name\":\"a\",\"size\":1}".getBytes(StandardCharsets.UTF_8), "application/json")).build();
        try (HttpResponse response = transport.execute(request)) {
            assertThat(response.header("X-Request-Id")).contains("dept-a.42");
        }
    }

    @Test
    void aMissingOrHostileRequestIdIsReplacedByAGeneratedOne() throws IOException {
        try (Response response = raw.newCall(new Request.Builder().url(server.uri().resolve("api/things/fail/CONFLICT").toString())
                .header("X-Request-Id", "evil id <script>").build()).execute()) {
            String echoed = response.header("X-Request-Id");
            assertThat(echoed).isNotBlank().doesNotContain("evil");
            assertThat(response.body().string()).contains("\"requestId\":\"" + echoed + "\"");
        }
        try (Response response = raw.newCall(new Request.Builder().url(server.uri().resolve("api/things/caller").toString())
                .build()).execute()) {
            assertThat(response.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void aBodyOverTheLimitByContentLengthIsRefusedBeforeTheResourceRuns() {
        int callsBefore = RESOURCE.uploadCalls.get();
        HttpRequest request = HttpRequest.builder("POST", "things/upload")
                .body(HttpBody.of(new byte[4096], "application/octet-stream")).build();

        MalformedInputException refused = catchThrowableOfType(MalformedInputException.class, () -> transport.execute(request));

        assertThat(refused.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(refused.remote().orElseThrow().status()).isEqualTo(413);
        assertThat(RESOURCE.uploadCalls).hasValue(callsBefore);
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffJustPastTheLimit() {
        AtomicLong sent = new AtomicLong();
        HttpRequest request = HttpRequest.builder("POST", "things/upload")
                .body(HttpBody.stream(() -> new Zeros(16 * 1024, sent), "application/octet-stream", -1)).build();

        MalformedInputException refused = catchThrowableOfType(MalformedInputException.class, () -> transport.execute(request));

        assertThat(refused.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(RESOURCE.uploadBytesRead.get()).isBetween(1L, 1024L);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsReadWhole() {
        HttpRequest request = HttpRequest.builder("POST", "things/upload")
                .body(HttpBody.stream(() -> new Zeros(1000, new AtomicLong()), "application/octet-stream", -1)).build();
        try (HttpResponse response = transport.execute(request)) {
            assertThat(new String(response.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo("1000");
        }
    }

    @Test
    void theApiWideLimitAppliesToJsonBodies() {
        try (GoldenServer small = GoldenServer.builder().api("/api", RestApi.of(new ThingResource()).withMaxRequestBytes(32)).start();
                HttpTransport plain = TestPki.transport(small.uri().resolve("api/"), null)) {
            assertThat(small.uri().getScheme()).isEqualTo("http");
            HttpRequest request = HttpRequest.builder("POST", "things/echo").body(HttpBody.of(
                    "{\"name\":\"a much longer name than thirty-two bytes\",\"size\":1}".getBytes(StandardCharsets.UTF_8),
                    "application/json")).build();
            assertThat(catchThrowableOfType(MalformedInputException.class, () -> plain.execute(request)).code())
                    .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        }
    }

    @Test
    void aLimitOfLongMaxValueLetsABodyThroughInsteadOfHangingTheRequest() {
        try (GoldenServer unlimited = GoldenServer.builder().api("/api", RestApi.of(new ThingResource()).withMaxRequestBytes(Long.MAX_VALUE)).start();
                HttpTransport plain = TestPki.transport(unlimited.uri().resolve("api/"), null)) {
            HttpRequest request = HttpRequest.builder("POST", "things/echo").body(HttpBody.of(
                    "{\"name\":\"a\",\"size\":1}".getBytes(StandardCharsets.UTF_8), "application/json")).build();
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
                try (HttpResponse response = plain.execute(request)) {
                    assertThat(response.status()).isEqualTo(200);
                }
            });
        }
    }

    /** {@code size} zero bytes, counting how many were handed out. */
    private static final class Zeros extends InputStream {
        private final long size;
        private final AtomicLong sent;

        Zeros(long size, AtomicLong sent) {
            this.size = size;
            this.sent = sent;
        }

        @Override
        public int read() {
            if (sent.get() >= size) {
                return -1;
            }
            sent.incrementAndGet();
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            long left = size - sent.get();
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
            sent.addAndGet(n);
            return n;
        }
    }

}
