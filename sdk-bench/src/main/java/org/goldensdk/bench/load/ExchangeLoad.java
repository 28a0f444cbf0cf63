package org.goldensdk.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code golden-bench.jar exchange …}: the SDK pipeline and its three baselines in one run, a table on
 * stdout and {@code <output>/exchange-<suite>-<payload>-<store>-c<concurrency>.json}.
 */
public final class ExchangeLoad {
    private ExchangeLoad() {
    }

    /** Runs the load driver; returns the process exit code. */
    public static int run(String[] args) throws IOException {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.println(LoadOptions.USAGE);
            return e.getMessage().isEmpty() ? 0 : 2;
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Workload workload = Workload.of(options.payloadBytes(), options.suite());
        Path scratch = Files.createTempDirectory("golden-bench");
        List<Measurement.Result> results = new ArrayList<>();
        System.out.printf(Locale.ROOT, "exchange load: %d messages (+%d warm-up) of %s, suite %s, store %s, concurrency %d;"
                        + " delivery %d bytes, canonical header %d bytes, receipt %d bytes%n", options.messages(),
                options.warmup(), options.payloadName(), options.suite(), options.store(), options.concurrency(),
                workload.deliveryBytes(), workload.headerBytes(), workload.receiptBytes());
        try (PipelineRun pipeline = new PipelineRun(options, workload, scratch)) {
            results.add(pipeline.run());
        }
        if (options.baselines()) {
            try (Baselines baselines = new Baselines(options, workload)) {
                results.add(baselines.http());
                results.add(baselines.crypto());
                results.add(baselines.both());
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String table = table(results, loadBefore, loadAfter);
        System.out.print(table);
        Path json = write(options, results, loadBefore, loadAfter);
        System.out.println("JSON: " + json);
        return 0;
    }

    static String table(List<Measurement.Result> results, double loadBefore, double loadAfter) {
        Measurement.Result pipeline = results.get(0);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-28s %9s %9s %9s %9s %11s %10s %6s %8s%n", "run", "msg/s", "p50 ms",
                "p95 ms", "p99 ms", "alloc/msg", "CPU ms/msg", "cores", "SDK/run"));
        for (Measurement.Result result : results) {
            out.append(String.format(Locale.ROOT, "%-28s %9.1f %9.2f %9.2f %9.2f %11s %10.2f %6.2f %7.1f%%%n",
                    result.name(), result.messagesPerSecond(), result.percentileMillis(50), result.percentileMillis(95),
                    result.percentileMillis(99), kib(result.allocatedPerMessage()), result.cpuMillisPerMessage(),
                    result.coresBusy(), 100 * pipeline.messagesPerSecond() / result.messagesPerSecond()));
        }
        out.append("per message (pipeline): ");
        pipeline.perMessage().forEach((key, value) -> out.append(String.format(Locale.ROOT, "%s %.2f  ", key, value)));
        out.append(String.format(Locale.ROOT, "%nload average (1 min) before %.2f, after %.2f on %d processors%n",
                loadBefore, loadAfter, Runtime.getRuntime().availableProcessors()));
        return out.toString();
    }

    private static String kib(long bytes) {
        return bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    private static Path write(LoadOptions options, List<Measurement.Result> results, double loadBefore, double loadAfter)
            throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("finishedAt", Instant.now().toString());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("messages", options.messages());
        parameters.put("warmup", options.warmup());
        parameters.put("payload", options.payloadName());
        parameters.put("concurrency", options.concurrency());
        parameters.put("suite", options.suite().name());
        parameters.put("store", options.store());
        parameters.put("batch", options.batch());
        parameters.put("transport", "REST");
        parameters.put("schedulerThreads", options.schedulerThreads());
        parameters.put("dispatchConcurrency", options.dispatchConcurrency());
        report.put("parameters", parameters);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("processors", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("loadAverageBefore", loadBefore);
        machine.put("loadAverageAfter", loadAfter);
        report.put("machine", machine);
        Measurement.Result pipeline = results.get(0);
        List<Object> runs = new ArrayList<>();
        for (Measurement.Result result : results) {
            Map<String, Object> json = result.toJson();
            json.put("pipelineShareOfThisRun", pipeline.messagesPerSecond() / result.messagesPerSecond());
            runs.add(json);
        }
        report.put("runs", runs);
        Files.createDirectories(options.output());
        Path file = options.output().resolve(String.format(Locale.ROOT, "exchange-%s-%s-%s-c%d%s.json",
                options.suite().name().toLowerCase(Locale.ROOT), options.payloadName(), options.store(),
                options.concurrency(), options.schedulerThreads() > 1 ? "-s" + options.schedulerThreads() : ""));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
        return file;
    }
}
