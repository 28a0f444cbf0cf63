package org.goldensdk.interop.metro;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;

/**
 * The sandbox hub ({@code org.goldensdk.sandbox.SandboxMain}) in a JVM of its own: it runs on CXF,
 * which must not share a class path with Metro. Its class path is the sandbox module's classes and
 * the runtime class path its build wrote ({@code sdk-sandbox/target/runtime.classpath}), handed
 * over by Surefire as system properties. It makes a new development CA and writes the departments'
 * credentials into a directory, from which the Metro client takes its keys. A missing class path
 * fails: nothing is skipped.
 */
final class SandboxHubProcess implements AutoCloseable {
    private static final String HUB_LINE = "Golden sandbox hub: ";
    private static final long START_SECONDS = 120;

    private final Process process;
    private final Path log;
    private final Path credentials;
    private final URI hub;

    private SandboxHubProcess(Process process, Path log, Path credentials, URI hub) {
        this.process = process;
        this.log = log;
        this.credentials = credentials;
        this.hub = hub;
    }

    /** Starts the hub on a free port and returns once it has printed its address; the caller closes it. */
    static SandboxHubProcess start(Path workDirectory) throws IOException, InterruptedException {
        Path credentials = workDirectory.resolve("credentials");
        Path log = workDirectory.resolve("sandbox.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx384m", "-XX:+UseSerialGC",
                "-cp", classpath(),
                "org.goldensdk.sandbox.SandboxMain", "--port", "0", "--credentials", credentials.toString()));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try {
            URI hub = awaitHubLine(process, log);
            return new SandboxHubProcess(process, log, credentials, hub);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            stop(process);
            throw e;
        }
    }

    /** The hub's base address, {@code https://127.0.0.1:<port>/}. */
    URI hub() {
        return hub;
    }

    /** The trust anchors of this run's CA. */
    TrustAnchors trustAnchors() {
        return TrustAnchors.fromPem(credentials.resolve("trust-anchors.pem"));
    }

    /** A department's credentials of this run, read from the PKCS#12 file the sandbox wrote. */
    DepartmentCredentials credentials(TestDepartment department) {
        String file = department.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".p12";
        return DepartmentCredentials.fromPkcs12(credentials.resolve(file), TestCredentials.PKCS12_PASSWORD.toCharArray());
    }

    /** The end of the hub's log (stderr), for a failure message. */
    String logTail() {
        return tail(log);
    }

    @Override
    public void close() {
        stop(process);
    }

    private static String classpath() throws IOException {
        String classes = System.getProperty("golden.sandbox.classes");
        String file = System.getProperty("golden.sandbox.classpath");
        if (classes == null || file == null || !Files.isDirectory(Path.of(classes)) || !Files.isRegularFile(Path.of(file))) {
            throw new AssertionError("the sandbox's class path is missing (golden.sandbox.classes=" + classes
                    + ", golden.sandbox.classpath=" + file + "): run this test through Maven in the reactor, "
                    + "e.g. mvn -pl interop-metro -am test -Dtest=MetroClientTest -Dsurefire.failIfNoSpecifiedTests=false");
        }
        return classes + java.io.File.pathSeparator + Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
    }

    private static URI awaitHubLine(Process process, Path log) throws IOException, InterruptedException {
        CompletableFuture<URI> hub = CompletableFuture.supplyAsync(() -> readHubLine(process));
        try {
            return hub.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the sandbox did not start within " + START_SECONDS + " s:\n" + tail(log), e);
        } catch (ExecutionException e) {
            throw new AssertionError("the sandbox did not start: " + e.getCause().getMessage() + "\n" + tail(log), e.getCause());
        }
    }

    /** Reads stdout up to the hub's line, then keeps draining it so the child never blocks on a full pipe. */
    private static URI readHubLine(Process process) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(HUB_LINE)) {
                    URI hub = URI.create(line.substring(HUB_LINE.length()).split(" ")[0]);
                    Thread drain = new Thread(() -> drain(out), "sandbox-stdout");
                    drain.setDaemon(true);
                    drain.start();
                    return hub;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading the sandbox's output: " + e.getMessage(), e);
        }
        throw new IllegalStateException("the sandbox exited (" + process.exitValue() + ") before printing its address");
    }

    private static void drain(BufferedReader out) {
        try (out) {
            while (out.readLine() != null) {
                // the sandbox's banner and nothing else: not needed
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
