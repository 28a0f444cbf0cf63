package org.goldensdk.bench;

import java.util.Arrays;
import org.goldensdk.bench.jmh.TokenComparison;
import org.goldensdk.bench.load.ExchangeLoad;

/**
 * {@code java -jar golden-bench.jar jmh [JMH options]} runs the micro-benchmarks (JMH's own
 * command line: {@code -h} lists its options, {@code -l} the benchmarks);
 * {@code java -jar golden-bench.jar exchange [options]} runs the load driver and its baselines
 * ({@code exchange --help}); {@code java -jar golden-bench.jar hotspots recording.jfr} summarises a
 * JFR recording's execution samples; {@code java -jar golden-bench.jar tokens [rounds]} compares
 * {@code TokenValidator} with Nimbus by CPU time, taking turns ({@link TokenComparison}).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            case "exchange" -> System.exit(ExchangeLoad.run(rest));
            case "hotspots" -> System.exit(JfrHotspots.run(rest));
            case "tokens" -> System.exit(TokenComparison.run(rest));
            default -> {
                System.err.println("usage: java -jar golden-bench.jar jmh [JMH options] | exchange [--help]"
                        + " | hotspots <recording.jfr> [top] | tokens [rounds]");
                System.exit(2);
            }
        }
    }
}
