package org.goldensdk.sandbox.large;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.goldensdk.sandbox.crash.ChildJvm;
import org.junit.jupiter.api.Assumptions;

/**
 * What the large-attachment tests share: a work directory under {@code target/}, a hub
 * ({@link HubChild}) and further children, each a JVM of its own at a 256 MiB heap
 * ({@link ChildJvm}), their output gathered into one transcript, the heap figures they print, and
 * a close that ends every child and deletes the work directory. Needs the disk the test asks for
 * free under {@code target/}: without it the test is skipped, or fails when {@code CI=true}.
 */
final class HubRun implements AutoCloseable {
    /** Hang guards, not timings. */
    static final Duration START_GUARD = Duration.ofMinutes(3);
    static final Duration TRANSFER_GUARD = Duration.ofMinutes(10);
    private static final Duration CHILD_HANG_GUARD = Duration.ofMinutes(20);
    private static final Pattern HUB_URI = Pattern.compile("Golden sandbox hub: (https://\\S+)");
    private static final Pattern HEAP = Pattern.compile(Pattern.quote(LargeAttachmentChild.HEAP) + "(\\d+) MiB");

    private final BlockingQueue<ChildJvm.Line> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();
    private final List<ChildJvm> children = new ArrayList<>();
    private final Path work;
    private String hubUri;

    private HubRun(Path work) {
        this.work = work;
    }

    /** A run in a new directory under {@code target/}, once {@code requiredDisk} bytes are free there. */
    static HubRun create(String name, long requiredDisk) throws IOException {
        Path target = Files.createDirectories(Path.of("target")).toAbsolutePath();
        long usable = Files.getFileStore(target).getUsableSpace();
        if (usable < requiredDisk) {
            String message = "this test needs " + (requiredDisk >> 20) + " MiB free under " + target + " but "
                    + (usable >> 20) + " MiB are";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; CI runners must provide it");
            }
            Assumptions.abort(message + "; skipped (with CI=true it fails)");
        }
        return new HubRun(Files.createTempDirectory(target, name + "-"));
    }

    /** The run's directory. */
    Path work() {
        return work;
    }

    /** A directory of the run for one child. */
    private Path directory(String name) throws IOException {
        return Files.createDirectories(work.resolve(name));
    }

    /** The credentials directory the hub writes and the other children read. */
    private Path credentials() {
        return work.resolve("credentials");
    }

    /** Starts the hub (its database and spool in {@code hub/}) and waits for its URI. */
    private String startHub() throws IOException, InterruptedException {
        ChildJvm hub = start("hub", HubChild.class, List.of("--credentials", credentials().toString(),
                "--database", work.resolve("hub").toString()));
        Matcher uri = HUB_URI.matcher(await(hub, "Golden sandbox hub: ", START_GUARD));
        assertThat(uri.find()).as("the hub prints its URI").isTrue();
        hubUri = uri.group(1);
        return hubUri;
    }

    /**
     * The whole transfer: starts the hub, the receiver ({@code receiver}, once it printed
     * {@code pulling}) and the {@link LargeAttachmentSender} over {@code transport}, waits for the
     * receiver's {@code matched} line and the sender's PROCESSED receipt, prints the transcript and
     * checks that every JVM ran at a heap of at most 256 MiB.
     *
     * @return the receiver's {@code matched} line
     */
    String sendThroughHub(long size, String transport, Class<?> receiver, String pulling, String matched)
            throws IOException, InterruptedException {
        startHub();
        ChildJvm receiving = start("receiver", receiver, common(size, "--work", directory("receiver").toString()));
        await(receiving, pulling, START_GUARD);
        ChildJvm sender = start("sender", LargeAttachmentSender.class,
                common(size, "--work", directory("sender").toString(), "--transport", transport));
        String line = await(receiving, matched, TRANSFER_GUARD);
        await(sender, LargeAttachmentSender.PROCESSED, TRANSFER_GUARD);
        printTranscript();
        for (String child : List.of("hub", "sender", "receiver")) {
            assertThat(heapLimitsOf(child)).as("the " + child + "'s heap limits in MiB").isNotEmpty().allMatch(max -> max <= 256);
        }
        assertThat(filesUnder(work.resolve("sender"))).as("the sender's files once the hub accepted the message")
                .noneMatch(file -> file.toString().contains("attachments"));
        assertThat(filesUnder(work.resolve("hub").resolve("attachments"))).as("the hub's spool").singleElement()
                .satisfies(file -> assertThat(Files.size(file)).isEqualTo(size));
        return line;
    }

    /** The arguments every sender and receiver takes: credentials, hub, size. */
    private List<String> common(long size, String... more) {
        List<String> all = new ArrayList<>(List.of("--credentials", credentials().toString(), "--hub", hubUri,
                "--size", Long.toString(size)));
        all.addAll(List.of(more));
        return all;
    }

    /** Starts a child JVM running {@code main} with {@code args}. */
    private ChildJvm start(String name, Class<?> main, List<String> args) throws IOException {
        ChildJvm child = ChildJvm.start(name, main, args, CHILD_HANG_GUARD, work, lines);
        children.add(child);
        return child;
    }

    /** Waits for a line of {@code child} containing {@code text}, keeping every line in the transcript. */
    private String await(ChildJvm child, String text, Duration guard) throws InterruptedException {
        Instant deadline = Instant.now().plus(guard);
        while (Instant.now().isBefore(deadline)) {
            ChildJvm.Line line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.text() == null) {
                fail(line.from().name() + " ended before '" + text + "'; transcript:\n" + String.join("\n", transcript)
                        + "\n" + line.from().name() + " stderr:\n" + line.from().stderrTail());
            }
            transcript.add(line.from().name() + "> " + line.text());
            if (line.from() == child && line.text().contains(text)) {
                return line.text();
            }
        }
        StringBuilder stderr = new StringBuilder();
        children.forEach(each -> stderr.append("\n").append(each.name()).append(" stderr:\n").append(each.stderrTail()));
        return fail("no '" + text + "' from " + child.name() + " within " + guard + "; transcript:\n"
                + String.join("\n", transcript) + stderr);
    }

    /** Prints the transcript so far (the run's measurements). */
    private void printTranscript() {
        System.out.println(String.join("\n", transcript));
    }

    /** The heap limits in MiB that {@code child} printed. */
    private List<Long> heapLimitsOf(String child) {
        List<Long> limits = new ArrayList<>();
        for (String line : transcript) {
            Matcher heap = HEAP.matcher(line);
            if (line.startsWith(child + "> ") && heap.find()) {
                limits.add(Long.parseLong(heap.group(1)));
            }
        }
        return limits;
    }

    /** The regular files under {@code directory} (none if it does not exist). */
    static List<Path> filesUnder(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Ends every child and deletes the run's directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (ChildJvm child : children) {
            child.close();
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
