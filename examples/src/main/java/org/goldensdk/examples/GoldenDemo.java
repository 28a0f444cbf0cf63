package org.goldensdk.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.goldensdk.sandbox.Sandbox;

/**
 * The demo: {@code java -jar examples/target/golden-demo.jar [--exit]}. Starts the sandbox (hub,
 * identity provider, portal) in this process, runs {@link DemoScenario} and prints its summary, then
 * keeps the sandbox — and so the portal's pages — running until Ctrl-C; with {@code --exit} it stops
 * at once with exit code 0.
 */
public final class GoldenDemo {
    private GoldenDemo() {
    }

    /** Runs the demo; {@code --exit} stops at the end instead of waiting for Ctrl-C. */
    public static void main(String[] args) throws Exception {
        boolean exit = false;
        for (String arg : args) {
            if (!"--exit".equals(arg)) {
                System.err.println("golden-demo: unknown argument " + arg + "; usage: java -jar golden-demo.jar [--exit]");
                System.exit(2);
            }
            exit = true;
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        Path work = Files.createTempDirectory("golden-demo");
        Sandbox sandbox = Sandbox.builder().defaultRights().start();
        try {
            DemoScenario.run(sandbox, work, out);
        } catch (RuntimeException | InterruptedException e) {
            sandbox.close();
            throw e;
        } finally {
            delete(work);
        }
        if (exit) {
            sandbox.close();
            return;
        }
        out.println("the portal stays up at " + sandbox.portalPagesUri() + " (and the hub at " + sandbox.hubUri()
                + "); Ctrl-C stops them");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "golden-demo-shutdown"));
        stopped.await();
    }

    /** The demo's stores are scratch: nothing of them is needed after the run. */
    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the demo's scratch directory " + directory, e);
        }
    }
}
