package org.goldensdk.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@link TokenBenchmark}'s operations measured side by side for a ratio that survives a shared
 * machine: the operations take turns in blocks of {@value #BLOCK} calls, round after round, and each
 * block is timed by the thread's CPU time (time spent waiting for a core is not counted, unlike JMH's
 * wall-clock modes). Prints, per operation, the median and the minimum µs of CPU per call over the
 * rounds and the median's ratio to Nimbus's {@code DefaultJWTProcessor}.
 * {@code java -jar golden-bench.jar tokens [rounds]} (default 60 rounds after 20 of warm-up).
 */
public final class TokenComparison {
    private static final int BLOCK = 200;

    private TokenComparison() {
    }

    /** Runs the comparison; returns the exit code. */
    public static int run(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        TokenBenchmark benchmark = new TokenBenchmark();
        benchmark.setUp();
        try {
            Map<String, Callable<Object>> operations = new LinkedHashMap<>();
            operations.put("TokenValidator, fresh token", benchmark::validatorFreshToken);
            operations.put("Nimbus DefaultJWTProcessor", benchmark::nimbusProcessor);
            operations.put("Nimbus parse + RSA verify", benchmark::nimbusParseAndVerify);
            operations.put("TokenValidator, repeated token", benchmark::validatorRepeatedToken);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<String, double[]> perCall = new LinkedHashMap<>();
            operations.keySet().forEach(name -> perCall.put(name, new double[rounds]));
            int warmup = 20;
            for (int round = -warmup; round < rounds; round++) {
                for (Map.Entry<String, Callable<Object>> operation : operations.entrySet()) {
                    long started = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < BLOCK; i++) {
                        if (operation.getValue().call() == null) {
                            throw new IllegalStateException(operation.getKey() + " returned nothing");
                        }
                    }
                    if (round >= 0) {
                        perCall.get(operation.getKey())[round] = (threads.getCurrentThreadCpuTime() - started) / 1e3 / BLOCK;
                    }
                }
            }
            double reference = median(perCall.get("Nimbus DefaultJWTProcessor"));
            System.out.printf("%-32s %12s %12s %16s%n", "operation (CPU µs per call)", "median", "min", "median/processor");
            for (Map.Entry<String, double[]> entry : perCall.entrySet()) {
                double median = median(entry.getValue());
                System.out.printf("%-32s %12.2f %12.2f %15.1f%%%n", entry.getKey(), median,
                        Arrays.stream(entry.getValue()).min().orElseThrow(), 100 * median / reference);
            }
            System.out.printf("%d rounds of %d calls each; load average %.2f%n", rounds, BLOCK,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return 0;
        } finally {
            benchmark.tearDown();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
