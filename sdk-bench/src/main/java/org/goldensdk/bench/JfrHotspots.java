package org.goldensdk.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code golden-bench.jar hotspots <recording.jfr> [top]}: summarises the {@code jdk.ExecutionSample}
 * events of a JFR recording (what {@code jfr print --events jdk.ExecutionSample} lists one by one):
 * the share of samples per kind of work, judged by the topmost frame that belongs to a known
 * library; the methods most often on top of the stack (self time); and the SDK methods most often
 * anywhere on the stack (inclusive time).
 */
final class JfrHotspots {
    /** Package prefixes → kind of work; the first match from the top of the stack decides. */
    private static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("org.bouncycastle.", "crypto (BouncyCastle)");
        KINDS.put("sun.security.ec.", "crypto (JDK EC)");
        KINDS.put("sun.security.ssl.", "TLS (JSSE)");
        KINDS.put("sun.security.provider.certpath.", "certificate path (JDK)");
        KINDS.put("sun.security.", "JDK security other");
        KINDS.put("javax.crypto.", "TLS/crypto (JCE)");
        KINDS.put("com.sun.crypto.", "TLS/crypto (JCE)");
        KINDS.put("org.h2.", "database (H2)");
        KINDS.put("org.postgresql.", "database (PostgreSQL JDBC)");
        KINDS.put("com.zaxxer.hikari.", "database (HikariCP)");
        KINDS.put("org.flywaydb.", "database (Flyway)");
        KINDS.put("org.eclipse.jetty.", "HTTP server (Jetty)");
        KINDS.put("org.apache.cxf.", "HTTP server (CXF)");
        KINDS.put("okhttp3.", "HTTP client (OkHttp)");
        KINDS.put("okio.", "HTTP client (OkHttp)");
        KINDS.put("com.fasterxml.jackson.", "JSON (Jackson)");
        KINDS.put("org.webpki.", "JSON canonicalisation");
        KINDS.put("org.erdtman.", "JSON canonicalisation");
        KINDS.put("com.atlassian.", "contract check");
        KINDS.put("org.slf4j.", "logging");
        KINDS.put("org.goldensdk.", "SDK own code");
        KINDS.put("java.util.zip.", "JDK zip");
        KINDS.put("java.", "JDK other");
        KINDS.put("jdk.", "JDK other");
        KINDS.put("sun.", "JDK other");
    }

    private JfrHotspots() {
    }

    static int run(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java -jar golden-bench.jar hotspots <recording.jfr> [top, default 15]");
            return 2;
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Integer> kinds = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            kinds.merge(kind(frames), 1, Integer::sum);
            frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("org.goldensdk."))
                    .map(JfrHotspots::name).distinct().forEach(m -> inclusive.merge(m, 1, Integer::sum));
        }
        System.out.printf(Locale.ROOT, "%d execution samples in %s%n%nby kind of work (topmost known frame):%n", samples,
                args[0]);
        print(kinds, samples, top);
        System.out.printf(Locale.ROOT, "%ntop methods, self:%n");
        print(self, samples, top);
        System.out.printf(Locale.ROOT, "%ntop SDK methods, inclusive:%n");
        print(inclusive, samples, top);
        return 0;
    }

    private static String kind(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> kind : KINDS.entrySet()) {
                if (type.startsWith(kind.getKey()) && !kind.getValue().startsWith("JDK other")) {
                    return kind.getValue();
                }
            }
        }
        return "JDK other";
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
