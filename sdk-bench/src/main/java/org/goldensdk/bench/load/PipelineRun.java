package org.goldensdk.bench.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Scheduler;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.internal.store.ExchangeDatabase;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;

/**
 * The SDK's pipeline under load: {@code concurrency} threads call {@link ExchangeClient#send} (seal +
 * durable outbox commit); the client's dispatcher posts to an in-process {@link Sandbox} hub, which
 * pushes to an {@link ExchangeEndpoint} whose handler answers PROCESSED; the client follows the
 * receipt feed. A message's latency runs from the call to {@code send} to the PROCESSED receipt
 * reaching the listener; throughput is the measured messages over the time from the first send to
 * the last PROCESSED receipt. The client polls with the settings the sandbox's throughput probe uses
 * (dispatch interval 5 ms, receipt poll 20 ms); everything else is the SDK's default.
 */
final class PipelineRun implements AutoCloseable {
    static final Duration DISPATCH_INTERVAL = Duration.ofMillis(5);
    static final Duration RECEIPT_POLL_INTERVAL = Duration.ofMillis(20);
    private static final long TIMEOUT_MINUTES = 30;

    private final LoadOptions options;
    private final Workload workload;
    private final Path directory;
    private EmbeddedPostgres postgres;
    private final Map<MessageId, Long> sentAt = new ConcurrentHashMap<>();
    private final AtomicReference<Phase> phase = new AtomicReference<>();

    private record Phase(CountDownLatch done, long[] latencies, Map<MessageId, Integer> index) {
    }

    PipelineRun(LoadOptions options, Workload workload, Path directory) {
        this.options = options;
        this.workload = workload;
        this.directory = directory;
    }

    Measurement.Result run() {
        try (Sandbox sandbox = Sandbox.builder().databaseDirectory(directory.resolve("hub"))
                .allow(new AccessRight(TestDepartment.TAX.partyId(), TestDepartment.CUSTOMS.partyId(), Workload.SERVICE))
                .start();
                HikariDataSource inboxStore = open("customs");
                HikariDataSource outboxStore = open("tax")) {
            CountingDataSource inbox = new CountingDataSource(inboxStore);
            CountingDataSource outbox = new CountingDataSource(outboxStore);
            try (ExchangeEndpoint customs = ExchangeEndpoint.builder().party(TestDepartment.CUSTOMS.partyId())
                    .credentials(TestDepartment.CUSTOMS.credentials()).trustAnchors(sandbox.trustAnchors())
                    .hubParty(sandbox.hubParty()).store(inbox.dataSource())
                    .handle(Workload.SERVICE, (message, context) -> Outcome.processed())
                    .listen("127.0.0.1", 0).build().start()) {
                sandbox.registerEndpoint(TestDepartment.CUSTOMS.partyId(), customs.uri());
                Scheduler scheduler = options.schedulerThreads() > 1 ? new PooledScheduler(options.schedulerThreads())
                        : Scheduler.system();
                try (scheduler; ExchangeClient tax = ExchangeClient.builder().scheduler(scheduler)
                        .hub(sandbox.hubUri()).hubParty(sandbox.hubParty())
                        .party(TestDepartment.TAX.partyId()).credentials(TestDepartment.TAX.credentials())
                        .trustAnchors(sandbox.trustAnchors()).store(outbox.dataSource()).suite(options.suite())
                        .dispatchInterval(DISPATCH_INTERVAL).receiptPollInterval(RECEIPT_POLL_INTERVAL)
                        .dispatchConcurrency(options.dispatchConcurrency())
                        .retryPolicy(RetryPolicy.builder().maxAttempts(5).initialBackoff(Duration.ofMillis(20)).build())
                        .maxOutboxMessages(Math.max(10_000, 2L * options.messages()))
                        .receiptListener(this::onReceipt).build()) {
                    send(tax, options.warmup());
                    outbox.reset();
                    inbox.reset();
                    Measurement.AllocationMeter allocation = new Measurement.AllocationMeter();
                    allocation.start();
                    Recording recording = startRecording();
                    long cpu = Measurement.processCpuNanos();
                    long started = System.nanoTime();
                    long[] latencies = send(tax, options.messages());
                    double seconds = (System.nanoTime() - started) / 1e9;
                    long allocated = allocation.stop();
                    cpu = Measurement.processCpuNanos() - cpu;
                    stopRecording(recording);
                    Map<String, Double> perMessage = new LinkedHashMap<>();
                    perMessage.put("signatures", (double) Workload.SIGNATURES);
                    perMessage.put("verifications", (double) Workload.VERIFICATIONS);
                    perMessage.put("certificatePathValidationCalls", (double) Workload.VERIFICATIONS);
                    perMessage.put("payloadDigests", (double) Workload.DIGESTS);
                    perMessage.put("httpExchanges", Workload.POSTS + (double) Workload.RECEIPTS / Workload.FEED_PAGE
                            + seconds * 1000 / RECEIPT_POLL_INTERVAL.toMillis() / options.messages());
                    perMessage.put("databaseCommits", (outbox.commits() + inbox.commits()) / (double) options.messages());
                    perMessage.put("databaseCommitsSender", outbox.commits() / (double) options.messages());
                    perMessage.put("databaseCommitsReceiver", inbox.commits() / (double) options.messages());
                    perMessage.put("databaseWritingCommits", (outbox.writingCommits() + inbox.writingCommits())
                            / (double) options.messages());
                    perMessage.put("databaseCommitsHubNotCounted", 2.0);
                    String name = "SDK pipeline (" + options.store()
                            + (options.dispatchConcurrency() > 1 ? ", " + options.dispatchConcurrency() + " posts" : "")
                            + (options.schedulerThreads() > 1 ? ", " + options.schedulerThreads() + " sched." : "") + ")";
                    return new Measurement.Result(name, options.messages(), seconds,
                            Measurement.sorted(latencies), allocated, cpu, perMessage);
                }
            }
        }
    }

    private Recording startRecording() {
        if (options.profile() == null) {
            return null;
        }
        try {
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.start();
            return recording;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot start the JFR recording: " + e.getMessage(), e);
        }
    }

    private void stopRecording(Recording recording) {
        if (recording == null) {
            return;
        }
        try (recording) {
            recording.stop();
            Path parent = options.profile().toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            recording.dump(options.profile());
            System.out.println("JFR recording of the measured messages: " + options.profile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JFR recording " + options.profile(), e);
        }
    }

    private long[] send(ExchangeClient client, int messages) {
        Phase current = new Phase(new CountDownLatch(messages), new long[messages], new ConcurrentHashMap<>());
        phase.set(current);
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(options.concurrency());
        try {
            Future<?>[] running = new Future<?>[options.concurrency()];
            for (int t = 0; t < running.length; t++) {
                running[t] = senders.submit(() -> {
                    for (int index = next.getAndIncrement(); index < messages; index = next.getAndIncrement()) {
                        MessageId id = MessageId.generate();
                        current.index().put(id, index);
                        sentAt.put(id, System.nanoTime());
                        client.send(org.goldensdk.exchange.Message.to(TestDepartment.CUSTOMS.partyId())
                                .service(Workload.SERVICE).messageId(id)
                                .bytes("application/octet-stream", workload.payload()).build());
                    }
                    return null;
                });
            }
            for (Future<?> sender : running) {
                sender.get();
            }
            if (!current.done().await(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + (messages - current.done().getCount()) + " of " + messages
                        + " messages were PROCESSED within " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("send failed: " + e.getCause(), e.getCause());
        } finally {
            senders.shutdownNow();
        }
        return current.latencies();
    }

    private void onReceipt(Receipt receipt) {
        if (receipt.state() != ReceiptState.PROCESSED) {
            return;
        }
        long now = System.nanoTime();
        Long sent = sentAt.remove(receipt.messageId());
        Phase current = phase.get();
        Integer index = current.index().remove(receipt.messageId());
        if (sent != null && index != null) {
            current.latencies()[index] = now - sent;
            current.done().countDown();
        }
    }

    private HikariDataSource open(String name) {
        if (options.store().equals("h2")) {
            return ExchangeDatabase.embeddedH2(directory.resolve(name), name);
        }
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("postgres"))
                        .setCleanDataDirectory(true).start();
            }
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", name));
        config.setMaximumPoolSize(8);
        config.setPoolName("bench-" + name);
        return new HikariDataSource(config);
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
