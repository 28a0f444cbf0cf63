package org.goldensdk.core.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.ConnectionSpec;
import okhttp3.Credentials;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.TlsVersion;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;
import org.goldensdk.core.BoundedInputStream;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.Problem;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link HttpTransport} on OkHttp; OkHttp's own retries and redirects are off so the policy here is the only one. */
public final class OkHttpTransport implements HttpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final ConnectionSpec TLS_1_2_AND_1_3 = new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)
            .tlsVersions(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2).build();

    private final TransportConfig config;
    private final ClientCertificateRequests certificateRequests;
    private final OkHttpClient client;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private volatile boolean closed;

    /** Builds the OkHttp client from a checked configuration. */
    public OkHttpTransport(TransportConfig config) {
        this.config = config;
        this.ownsScheduler = config.scheduler() == null;
        this.scheduler = ownsScheduler ? Scheduler.system() : config.scheduler();
        boolean cleartext = "http".equalsIgnoreCase(config.baseUri().getScheme());
        this.certificateRequests = new ClientCertificateRequests(config.tls().keyManager().orElse(null));
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.writeTimeout())
                .callTimeout(config.callTimeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectionSpecs(cleartext ? List.of(TLS_1_2_AND_1_3, ConnectionSpec.CLEARTEXT) : List.of(TLS_1_2_AND_1_3))
                .sslSocketFactory(sslContext(certificateRequests, config.tls().trustManager()).getSocketFactory(),
                        config.tls().trustManager())
                .eventListenerFactory(call -> {
                    SendTracker tracker = call.request().tag(SendTracker.class);
                    return tracker != null ? tracker : EventListener.NONE;
                });
        if (config.proxyHost() != null) {
            builder.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(config.proxyHost(), config.proxyPort())));
            if (config.proxyUsername() != null) {
                String credentials = Credentials.basic(config.proxyUsername(), config.proxyPassword());
                builder.proxyAuthenticator((route, response) ->
                        response.request().header("Proxy-Authorization") != null ? null
                                : response.request().newBuilder().header("Proxy-Authorization", credentials).build());
            }
        }
        this.client = builder.build();
    }

    @Override
    public HttpResponse execute(HttpRequest request) {
        return exchange(request, true);
    }

    @Override
    public HttpResponse open(HttpRequest request) {
        return exchange(request, false);
    }

    @Override
    public URI baseUri() {
        return config.baseUri();
    }

    @Override
    public void close() {
        closed = true;
        // OkHttp ignores Thread.interrupt: cancelling is the only way to end a call blocked on a silent peer.
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        if (ownsScheduler) {
            scheduler.close();
        }
    }

    private static SSLContext sslContext(ClientCertificateRequests keyManager, X509TrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, new TrustManager[] {trustManager}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("tls", "cannot create a TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * What one attempt did, set by OkHttp's event callbacks: whether any of the request was sent, and
     * whether it opened a connection whose server asked for a client certificate and got none.
     */
    private final class SendTracker extends EventListener {
        private final ClientCertificateRequests.Watch handshake = new ClientCertificateRequests.Watch();
        private volatile boolean sendStarted;
        private volatile boolean responseStarted;

        @Override
        public void secureConnectStart(Call call) {
            certificateRequests.watch(handshake);
        }

        @Override
        public void secureConnectEnd(Call call, Handshake result) {
            certificateRequests.unwatch();
        }

        @Override
        public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol, IOException e) {
            certificateRequests.unwatch();
        }

        @Override
        public void requestHeadersStart(Call call) {
            sendStarted = true;
        }

        @Override
        public void responseHeadersStart(Call call) {
            responseStarted = true;
        }

        /** A server that asked for a certificate, got none and hung up before answering refused us. */
        boolean refusedForMissingCertificate() {
            return handshake.askedAndNoneOffered() && !responseStarted;
        }
    }

    /** What one attempt produced: a response, or a failure and the server's Retry-After. */
    private record Outcome(HttpResponse response, GoldenException failure, boolean retry, int status,
            Optional<Duration> retryAfter) {
        static Outcome success(HttpResponse response) {
            return new Outcome(response, null, false, response.status(), Optional.empty());
        }
    }

    private HttpResponse exchange(HttpRequest request, boolean buffered) {
        String requestId = request.requestId().orElseGet(() -> UUID.randomUUID().toString());
        String loggedPath = config.pathRedaction().apply(request.path());
        RetryPolicy policy = config.retryPolicy();
        Instant start = scheduler.clock().instant();
        boolean tokenRefreshed = false;
        int attempt = 0;
        while (true) {
            attempt++;
            String token = config.tokenSource() == null ? null : config.tokenSource().token();
            Outcome outcome = attempt(request, requestId, token, buffered, attempt, loggedPath);
            if (outcome.response() != null) {
                return outcome.response();
            }
            if (outcome.status() == 401 && token != null && !tokenRefreshed) {
                LOG.info("{} {} was refused with 401; refreshing the token and retrying once (request id {})",
                        request.method(), loggedPath, requestId);
                config.tokenSource().invalidate(token);
                tokenRefreshed = true;
                attempt--;
                continue;
            }
            GoldenException failure = outcome.failure();
            if (!outcome.retry()) {
                throw failure;
            }
            Duration delay = policy.delayBefore(attempt, outcome.retryAfter(), ThreadLocalRandom.current());
            Duration elapsedAtRetry = Duration.between(start, scheduler.clock().instant()).plus(delay);
            if (!policy.permitsAnotherAttempt(attempt, elapsedAtRetry)) {
                if (attempt > 1) {
                    LOG.warn("{} {} failed after {} attempts, giving up (request id {}): {}",
                            request.method(), loggedPath, attempt, requestId, failure.code().wireCode());
                }
                throw failure;
            }
            LOG.info("{} {} failed with {} on attempt {}/{}; retrying in {} ms (request id {})", request.method(),
                    loggedPath, outcome.status() > 0 ? outcome.status() : failure.code().wireCode(), attempt,
                    policy.maxAttempts(), delay.toMillis(), requestId);
            try {
                scheduler.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while waiting to retry " + request.method() + " "
                        + loggedPath + " (request id " + requestId + ")", e, false);
            }
        }
    }

    private Outcome attempt(HttpRequest request, String requestId, String token, boolean buffered, int attempt,
            String loggedPath) {
        SendTracker tracker = new SendTracker();
        Request okRequest = toOkHttp(request, requestId, token, tracker);
        long started = System.nanoTime();
        Response response = null;
        try {
            response = client.newCall(okRequest).execute();
            int status = response.code();
            LOG.debug("{} {} -> {} in {} ms (request id {}, attempt {})", request.method(), loggedPath, status,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), requestId, attempt);
            if (status >= 400) {
                return errorOutcome(response, requestId, request.isRetrySafe());
            }
            ResponseBody body = response.body();
            if (body.contentLength() > config.maxResponseBytes()) {
                response.close();
                throw MalformedInputException.tooLarge("the response body of " + body.contentLength() + " bytes", config.maxResponseBytes());
            }
            Map<String, List<String>> headers = HttpResponses.headers(response.headers().toMultimap());
            if (!buffered) {
                Response open = response;
                response = null;
                return Outcome.success(HttpResponses.streaming(status, headers, requestId,
                        BoundedInputStream.of(open.body().byteStream(), config.maxResponseBytes(), "the response body"), open::close));
            }
            byte[] bytes = BoundedInputStream.readAll(body.byteStream(), config.maxResponseBytes(), "the response body");
            return Outcome.success(HttpResponses.buffered(status, headers, requestId, bytes));
        } catch (IOException e) {
            LOG.debug("{} {} failed after {} ms (request id {}, attempt {}): {}", request.method(), loggedPath,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), requestId, attempt, e.getClass().getSimpleName());
            TransportException failure = transportFailure(e, request, requestId, loggedPath, tracker);
            return new Outcome(null, failure, failure.isRetryable(), 0, Optional.empty());
        } finally {
            if (response != null) {
                response.close();
            }
        }
    }

    private Outcome errorOutcome(Response response, String requestId, boolean retrySafe) throws IOException {
        String answeredId = Optional.ofNullable(response.header(HttpRequest.REQUEST_ID_HEADER)).orElse(requestId);
        byte[] body;
        try (InputStream in = response.body().byteStream()) {
            body = in.readNBytes(ProblemJson.MAX_BODY_BYTES + 1);
        }
        int status = response.code();
        Problem problem = (Problem.isProblemMediaType(response.header("Content-Type"))
                ? ProblemJson.parse(body, status, answeredId) : Optional.<Problem>empty())
                .orElseGet(() -> Problem.forStatus(status, answeredId));
        boolean retryableStatus = status == 429 || status == 502 || status == 503 || status == 504;
        Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After"), scheduler.clock().instant());
        return new Outcome(null, problem.toException(), retryableStatus && retrySafe, status, retryAfter);
    }

    private TransportException transportFailure(IOException e, HttpRequest request, String requestId,
            String loggedPath, SendTracker tracker) {
        String what = request.method() + " " + loggedPath + " (request id " + requestId + ")";
        if (closed) {
            return new TransportException(what + " was cancelled because the transport was closed",
                    PathRedaction.redactMessages(e, config.pathRedaction()), false);
        }
        if (isTlsRejection(e)) {
            return new TransportException("TLS handshake for " + what + " failed: "
                    + config.pathRedaction().apply(String.valueOf(e.getMessage()))
                    + "; check the trust anchors, the server's host name and the client certificate",
                    PathRedaction.redactMessages(e, config.pathRedaction()), false);
        }
        if (tracker.refusedForMissingCertificate()) {
            return new TransportException(what + " was refused: the server asked for a client certificate, this client"
                    + " presented none (" + (config.tls().hasClientKey() ? "none issued by a CA the server accepts"
                    : "no client key is configured") + ") and the server closed the connection"
                    + "; configure the department's credentials for mutual TLS",
                    PathRedaction.redactMessages(e, config.pathRedaction()), false);
        }
        boolean sendStarted = tracker.sendStarted;
        boolean retrySafe = request.isRetrySafe() || !sendStarted;
        String reason = e instanceof InterruptedIOException ? "timed out" : "failed: " + e.getClass().getSimpleName();
        return new TransportException(what + " " + reason + (sendStarted ? " after the request was sent" : " before the request was sent")
                + (retrySafe ? "" : "; not retried because a POST may have been processed — retry with an Idempotency-Key"),
                PathRedaction.redactMessages(e, config.pathRedaction()), retrySafe);
    }

    private static boolean isTlsRejection(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException || cause instanceof SSLPeerUnverifiedException
                    || cause instanceof CertificateException) {
                return true;
            }
            // With TLS 1.3 a rejected client certificate can surface after the handshake, as an alert.
            if (cause instanceof SSLException && String.valueOf(cause.getMessage()).contains("certificate")) {
                return true;
            }
        }
        return false;
    }

    private Request toOkHttp(HttpRequest request, String requestId, String token, SendTracker tracker) {
        Request.Builder builder = new Request.Builder()
                .url(config.baseUri().resolve(request.path()).toString())
                .tag(SendTracker.class, tracker)
                .header("User-Agent", config.userAgent())
                .header(HttpRequest.REQUEST_ID_HEADER, requestId);
        request.headers().forEach((name, values) -> values.forEach(value -> builder.addHeader(name, value)));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        RequestBody body = request.body().map(OkHttpTransport::toOkHttp).orElse(null);
        if (body == null && ("POST".equals(request.method()) || "PUT".equals(request.method()) || "PATCH".equals(request.method()))) {
            body = RequestBody.create(new byte[0], null);
        }
        return builder.method(request.method(), body).build();
    }

    private static RequestBody toOkHttp(HttpBody body) {
        MediaType mediaType = MediaType.parse(body.contentType());
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return mediaType;
            }

            @Override
            public long contentLength() {
                return body.length();
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                try (Source source = Okio.source(body.open())) {
                    sink.writeAll(source);
                }
            }
        };
    }
}
