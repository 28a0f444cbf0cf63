package org.goldensdk.bench.load;

import java.nio.file.Path;
import java.util.Locale;
import org.goldensdk.core.CryptoSuite;

/**
 * The load driver's parameters.
 *
 * @param messages messages measured per run (after a warm-up of {@code warmup} messages)
 * @param payloadBytes payload size: 1k, 64k or 1m
 * @param concurrency sending threads of the pipeline; worker threads of each baseline
 * @param suite GM (SM2/SM3) or INTL (ES256/SHA-256)
 * @param store h2 or postgres, for the sender's outbox and the receiver's inbox
 * @param batch messages per hub call; only 1 (the SDK posts one message per call, batching is not built)
 * @param warmup messages sent before measuring, so each run is measured after JIT compilation
 * @param output the directory the JSON report is written to
 * @param baselines whether the three baselines run after the pipeline ({@code --pipeline-only} turns
 *     them off, e.g. to profile the pipeline alone)
 * @param profile where to write a JFR recording (settings "profile") of the pipeline's measured
 *     messages only — warm-up and start-up excluded; null for none
 * @param schedulerThreads 1 for the SDK's default scheduler (one thread for the client's dispatcher,
 *     receipt poller and retention); more gives the client a {@link PooledScheduler} of that many threads
 * @param dispatchConcurrency messages the client's dispatcher posts at a time
 *     ({@code ExchangeClient.Builder.dispatchConcurrency}); default {@code concurrency}, so the pipeline
 *     keeps as many submissions in flight as each baseline has workers (the hub pushes up to its
 *     default {@code pushConcurrency}, 8, at a time)
 */
public record LoadOptions(int messages, int payloadBytes, int concurrency, CryptoSuite suite, String store, int batch,
        int warmup, Path output, boolean baselines, Path profile, int schedulerThreads, int dispatchConcurrency) {

    static final String USAGE = """
            usage: java -jar golden-bench.jar exchange [--messages N] [--payload 1k|64k|1m] [--concurrency C]
                   [--suite GM|INTL] [--store h2|postgres] [--batch 1] [--warmup W] [--output DIR] [--pipeline-only]
                   [--profile FILE.jfr] [--scheduler-threads K] [--dispatch-concurrency D]
            Sends N messages through ExchangeClient -> outbox -> sandbox hub -> ExchangeEndpoint with signed
            receipts, then runs three baselines doing the same work without the SDK: (a) the same HTTP exchanges
            with the same bytes, (b) the same signatures, verifications and digests, (c) both in one loop.
            Defaults: --messages 500 --payload 1k --concurrency 4 --suite GM --store h2 --batch 1
            --warmup N/5 (at least 50) --output target/bench --dispatch-concurrency C""";

    /** Parses the command line; throws IllegalArgumentException with what is wrong. */
    static LoadOptions parse(String[] args) {
        int messages = 500;
        int payload = 1024;
        int concurrency = 4;
        CryptoSuite suite = CryptoSuite.GM;
        String store = "h2";
        int batch = 1;
        Integer warmup = null;
        Path output = Path.of("target", "bench");
        boolean baselines = true;
        Path profile = null;
        int schedulerThreads = 1;
        Integer dispatchConcurrency = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (name.equals("--pipeline-only")) {
                baselines = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--messages" -> messages = positive(name, value);
                case "--payload" -> payload = payloadBytes(value);
                case "--concurrency" -> concurrency = positive(name, value);
                case "--suite" -> suite = CryptoSuite.valueOf(value.toUpperCase(Locale.ROOT));
                case "--store" -> store = storeName(value);
                case "--batch" -> batch = batch(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--output" -> output = Path.of(value);
                case "--profile" -> profile = Path.of(value);
                case "--scheduler-threads" -> schedulerThreads = positive(name, value);
                case "--dispatch-concurrency" -> dispatchConcurrency = positive(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new LoadOptions(messages, payload, concurrency, suite, store, batch,
                warmup == null ? Math.max(50, messages / 5) : warmup, output, baselines, profile, schedulerThreads,
                dispatchConcurrency == null ? concurrency : dispatchConcurrency);
    }

    private static int positive(String name, String value) {
        int parsed = Integer.parseInt(value);
        if (parsed < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return parsed;
    }

    private static int payloadBytes(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1k" -> 1024;
            case "64k" -> 64 * 1024;
            case "1m" -> 1024 * 1024;
            default -> throw new IllegalArgumentException("--payload is 1k, 64k or 1m, got " + value);
        };
    }

    private static String storeName(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.equals("h2") && !lower.equals("postgres")) {
            throw new IllegalArgumentException("--store is h2 or postgres, got " + value);
        }
        return lower;
    }

    private static int batch(String value) {
        if (!value.equals("1")) {
            throw new IllegalArgumentException("--batch " + value + ": the SDK posts one message per hub call;"
                    + " batching several messages into one call is not built yet (issue 6), so only --batch 1 runs");
        }
        return 1;
    }

    /** The payload size as written on the command line. */
    String payloadName() {
        return payloadBytes >= 1024 * 1024 ? payloadBytes / (1024 * 1024) + "m" : payloadBytes / 1024 + "k";
    }
}
