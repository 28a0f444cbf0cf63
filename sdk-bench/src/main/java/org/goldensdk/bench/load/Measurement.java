package org.goldensdk.bench.load;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one run measured, and the tools to measure it: latencies and allocated bytes. */
final class Measurement {
    private Measurement() {
    }

    /**
     * One run's figures.
     *
     * @param name the run's name in the table
     * @param messages messages measured
     * @param seconds wall time from the first send to the last completion
     * @param latencyNanos per message, sorted
     * @param allocatedBytes bytes allocated by the JVM's threads during the run
     * @param cpuNanos CPU time the whole process used during the run (all its threads)
     * @param perMessage counted or derived work per message (signatures, verifications, …)
     */
    record Result(String name, int messages, double seconds, long[] latencyNanos, long allocatedBytes, long cpuNanos,
            Map<String, Double> perMessage) {

        /** CPU milliseconds the process spent per message. */
        double cpuMillisPerMessage() {
            return cpuNanos / 1e6 / Math.max(1, messages);
        }

        /** Cores kept busy on average: below the machine's count means waiting, not computing, bounds the run. */
        double coresBusy() {
            return cpuNanos / 1e9 / seconds;
        }

        double messagesPerSecond() {
            return messages / seconds;
        }

        double percentileMillis(double percentile) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * latencyNanos.length) - 1;
            return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, index))] / 1e6;
        }

        long allocatedPerMessage() {
            return allocatedBytes / Math.max(1, messages);
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", name);
            json.put("messages", messages);
            json.put("seconds", seconds);
            json.put("messagesPerSecond", messagesPerSecond());
            json.put("latencyMillisP50", percentileMillis(50));
            json.put("latencyMillisP95", percentileMillis(95));
            json.put("latencyMillisP99", percentileMillis(99));
            json.put("allocatedBytesPerMessage", allocatedPerMessage());
            json.put("cpuMillisPerMessage", cpuMillisPerMessage());
            json.put("coresBusy", coresBusy());
            json.put("perMessage", perMessage);
            return json;
        }
    }

    /** CPU time used so far by this process, all threads. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Sorted copy of the recorded latencies. */
    static long[] sorted(long[] latencies) {
        long[] copy = latencies.clone();
        Arrays.sort(copy);
        return copy;
    }

    /**
     * Bytes allocated by every thread of this JVM between {@link #start} and {@link #stop}
     * (HotSpot's per-thread allocation counters). A thread that ends before {@link #stop} is not
     * counted after its last sample, so pools that come and go make this a lower bound.
     */
    static final class AllocationMeter {
        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private Map<Long, Long> before = new HashMap<>();

        void start() {
            before = snapshot();
        }

        long stop() {
            long total = 0;
            for (Map.Entry<Long, Long> now : snapshot().entrySet()) {
                total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
            }
            return total;
        }

        private Map<Long, Long> snapshot() {
            long[] ids = threads.getAllThreadIds();
            long[] bytes = threads.getThreadAllocatedBytes(ids);
            Map<Long, Long> snapshot = new HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                if (bytes[i] >= 0) {
                    snapshot.put(ids[i], bytes[i]);
                }
            }
            return snapshot;
        }
    }
}
