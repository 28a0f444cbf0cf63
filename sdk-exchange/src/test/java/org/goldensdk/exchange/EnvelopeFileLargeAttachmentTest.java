package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3: a 512 MiB attachment goes into and out of an envelope file and through sign/verify in
 * a JVM whose heap is half its size, so nothing along the way may hold it in memory.
 */
class EnvelopeFileLargeAttachmentTest {
    private static final long ATTACHMENT_SIZE = 512L * 1024 * 1024;
    // The attachment and the envelope file holding it, plus room for the rest.
    private static final long REQUIRED_DISK = 2 * ATTACHMENT_SIZE + 200L * 1024 * 1024;
    private static final long HANG_GUARD_MINUTES = 5;

    @TempDir
    Path dir;

    @Test
    void aHalfGibibyteAttachmentGoesThroughSealFileAndVerifyWithA256MibHeap() throws IOException, InterruptedException {
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable < REQUIRED_DISK) {
            fail("this test needs " + (REQUIRED_DISK >> 20) + " MiB free in " + dir + " but " + (usable >> 20)
                    + " MiB are; free disk space or run Maven with -Djava.io.tmpdir=<a larger disk>"
                    + ("true".equals(System.getenv("CI")) ? " (CI runners must provide it)" : ""));
        }
        Path log = dir.resolve("run.log");
        Process run = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + dir,
                "-cp", System.getProperty("java.class.path"),
                LargeEnvelopeFileRun.class.getName(), dir.toString(), "GM", Long.toString(ATTACHMENT_SIZE)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!run.waitFor(HANG_GUARD_MINUTES, TimeUnit.MINUTES)) {
            run.destroyForcibly().waitFor();
            fail("the large-attachment run did not finish within " + HANG_GUARD_MINUTES + " minutes; its output:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);

        assertThat(run.exitValue()).as("exit code of the run; its output:%n%s", output).isZero();
        assertThat(output).contains(LargeEnvelopeFileRun.CONFIRMATION + ATTACHMENT_SIZE + " bytes");
        Matcher heap = Pattern.compile("max heap (\\d+) MiB").matcher(output);
        assertThat(heap.find()).as("the run reports its heap").isTrue();
        assertThat(Long.parseLong(heap.group(1))).as("the run's max heap in MiB").isLessThanOrEqualTo(256);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("files the run left behind").containsExactly(log);
        }
    }
}
