package org.goldensdk.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.cxf.ClientAuth;
import org.goldensdk.cxf.GoldenServer;
import org.goldensdk.cxf.RestApi;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;

/**
 * The three baselines: the pipeline's work per message done by hand, without the SDK, on the same
 * cores and with the same concurrency. (a) the HTTP exchanges only — bare OkHttp posting the same
 * bytes over mutual TLS to {@link BareResource} on sdk-cxf's GoldenServer; (b) the cryptography only
 * — the same signatures, verifications and payload digests with raw BouncyCastle, the "server" share
 * called directly; (c) both in one loop. No persistence anywhere.
 */
final class Baselines implements AutoCloseable {
    private static final MediaType OCTETS = MediaType.get("application/octet-stream");

    private final LoadOptions options;
    private final Workload workload;
    private final RawCrypto crypto;
    private final BareResource plain;
    private final BareResource signed;
    private final GoldenServer server;
    private final OkHttpClient http;

    Baselines(LoadOptions options, Workload workload) {
        this.options = options;
        this.workload = workload;
        this.crypto = new RawCrypto(options.suite());
        this.plain = new BareResource(null, workload);
        this.signed = new BareResource(crypto, workload);
        long limit = 4L * workload.deliveryBytes() + 1024 * 1024;
        this.server = GoldenServer.builder()
                .tls(TlsConfig.of(TestDepartment.CUSTOMS.credentials(), TestCredentials.trustAnchors()))
                .clientAuth(ClientAuth.REQUIRED)
                .api("/plain", RestApi.of(plain).withMaxRequestBytes(limit))
                .api("/signed", RestApi.of(signed).withMaxRequestBytes(limit))
                .start();
        TlsConfig tls = TlsConfig.of(TestDepartment.TAX.credentials(), TestCredentials.trustAnchors());
        this.http = new OkHttpClient.Builder().sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager())
                .connectionPool(new ConnectionPool(options.concurrency() * 2, 5, TimeUnit.MINUTES))
                .readTimeout(60, TimeUnit.SECONDS).build();
    }

    /** (a): two POSTs with the pipeline's bytes per message, and the feed's GET once per page. */
    Measurement.Result http() {
        return run("baseline (a) HTTP only", workload.reproduced(true, false), (index, body) -> {
            post("plain/messages", body);
            post("plain/deliveries", body);
            feedIfDue(index, "plain/receipts");
        });
    }

    /** (b): the pipeline's signatures, verifications and digests, without HTTP. */
    Measurement.Result crypto() {
        return run("baseline (b) crypto only", workload.reproduced(false, true), (index, body) -> {
            seal(body);
            BareResource.verifyReceipts(crypto, workload, signed.submit(body));
            byte[] pushed = signed.push(body);
            BareResource.verifyReceipts(crypto, workload, pushed);
            feedVerifications(pushed);
        });
    }

    /** (c): sign, post, verify exactly as often as the pipeline does; no persistence. */
    Measurement.Result both() {
        return run("baseline (c) HTTP + crypto", workload.reproduced(true, true), (index, body) -> {
            seal(body);
            BareResource.verifyReceipts(crypto, workload, post("signed/messages", body));
            byte[] pushed = post("signed/deliveries", body);
            BareResource.verifyReceipts(crypto, workload, pushed);
            feedIfDue(index, "signed/receipts");
            feedVerifications(pushed);
        });
    }

    /** The sender's verifications of ACCEPTED, DELIVERED and PROCESSED from the feed. */
    private void feedVerifications(byte[] pushed) {
        BareResource.verifyReceipts(crypto, workload, pushed);
        BareResource.verifyReceipts(crypto, workload, pushed, 1);
    }

    /** The sender's share of sealing: digest the payload, sign the header; the signature goes in the body's first frame. */
    private void seal(byte[] body) {
        int headerStart = 2 + 72;
        crypto.digest(workload.payload(), 0, workload.payload().length);
        byte[] signature = crypto.sign(body, headerStart, workload.headerBytes());
        // the frame's signature slot is sized for the longest DER signature; shift the header if shorter
        ByteBuffer frame = ByteBuffer.wrap(body);
        byte[] header = java.util.Arrays.copyOfRange(body, headerStart, headerStart + workload.headerBytes());
        BareResource.frame(frame, signature, header, header.length);
        System.arraycopy(workload.payload(), 0, body, frame.position(), workload.payload().length);
    }

    private void feedIfDue(int index, String path) {
        if (index % (Workload.FEED_PAGE / Workload.RECEIPTS) == 0) {
            get(path);
        }
    }

    private byte[] post(String path, byte[] body) {
        Request request = new Request.Builder().url(server.uri().resolve(path).toString())
                .post(RequestBody.create(body, OCTETS)).build();
        return call(request);
    }

    private byte[] get(String path) {
        return call(new Request.Builder().url(server.uri().resolve(path).toString()).build());
    }

    private byte[] call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException(request.url() + " answered " + response.code());
            }
            return response.body().bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface MessageWork {
        void run(int index, byte[] body) throws Exception;
    }

    private Measurement.Result run(String name, Map<String, Double> perMessage, MessageWork work) {
        measure(options.warmup(), work);
        Measurement.AllocationMeter allocation = new Measurement.AllocationMeter();
        allocation.start();
        long cpu = Measurement.processCpuNanos();
        long started = System.nanoTime();
        long[] latencies = measure(options.messages(), work);
        double seconds = (System.nanoTime() - started) / 1e9;
        long allocated = allocation.stop();
        cpu = Measurement.processCpuNanos() - cpu;
        return new Measurement.Result(name, options.messages(), seconds, Measurement.sorted(latencies), allocated, cpu,
                perMessage);
    }

    private long[] measure(int messages, MessageWork work) {
        long[] latencies = new long[messages];
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(options.concurrency());
        try {
            Future<?>[] running = new Future<?>[options.concurrency()];
            for (int t = 0; t < running.length; t++) {
                running[t] = workers.submit(() -> {
                    for (int index = next.getAndIncrement(); index < messages; index = next.getAndIncrement()) {
                        long start = System.nanoTime();
                        byte[] body = body(index);
                        work.run(index, body);
                        latencies[index] = System.nanoTime() - start;
                    }
                    return null;
                });
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("a baseline failed: " + e.getMessage(), e);
        } finally {
            workers.shutdownNow();
        }
        return latencies;
    }

    /** A fresh body as long as the pipeline's Delivery: header frame (with a per-message header) then the payload. */
    private byte[] body(int index) {
        byte[] body = new byte[Math.max(workload.deliveryBytes(), 2 + 72 + workload.headerBytes() + workload.payload().length)];
        ByteBuffer.wrap(body, 2 + 72, 8).putLong(index);
        return body;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        server.close();
    }
}
