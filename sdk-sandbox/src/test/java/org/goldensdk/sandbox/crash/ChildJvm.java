package org.goldensdk.sandbox.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A forked JVM running a test's main (the crash tests', the large-attachment test's) on the test's
 * classpath. Each line it writes on stdout goes to the run's queue the moment it arrives, tagged
 * with this child; end of output is a line whose text is null. Its stderr goes to a file, shown when something goes wrong. The child
 * exits by itself when its stdin closes (the test is gone) or after its hang guard.
 */
public final class ChildJvm implements AutoCloseable {
    /** Exit value of a process ended by SIGKILL (128 + 9) as Java reports it on Linux. */
    static final int SIGKILLED = 137;

    /** One line of a child's stdout; {@code text} null at the end of its output. */
    public record Line(ChildJvm from, String text) {
    }

    private final String name;
    private final Process process;
    private final Path stderr;

    private ChildJvm(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
    }

    public static ChildJvm start(String name, Class<?> main, List<String> args, Duration hangGuard, Path logDirectory,
            BlockingQueue<Line> lines) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.log.org.goldensdk=warn",
                "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(args);
        command.addAll(List.of("--max-seconds", Long.toString(hangGuard.toSeconds())));
        Path stderr = logDirectory.resolve(name + ".stderr.log");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        ChildJvm child = new ChildJvm(name, process, stderr);
        Thread reader = new Thread(() -> child.pump(lines), "crash-read-" + name);
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    public String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Kills the process with SIGKILL ({@link Process#destroyForcibly()} on Linux) and returns its exit
     * value once it is gone; the caller checks it is {@link #SIGKILLED}.
     */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + process.pid() + ") survived SIGKILL for 10 s");
        }
        if (ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            throw new AssertionError(name + " (pid " + process.pid() + ") is still alive after SIGKILL");
        }
        return process.exitValue();
    }

    /** The end of the child's stderr, for a failure message. */
    public String stderrTail() {
        try {
            List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + stderr + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    private void pump(BlockingQueue<Line> lines) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(new Line(this, line));
            }
        } catch (IOException e) {
            // the stream closed under us: the output ended
        }
        lines.add(new Line(this, null));
    }
}
