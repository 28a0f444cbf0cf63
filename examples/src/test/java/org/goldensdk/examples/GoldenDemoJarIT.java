package org.goldensdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's demo command, forked: {@code java -jar target/golden-demo.jar --exit} (built by
 * {@code package}; failsafe runs this in {@code integration-test}) runs the scenario and exits 0.
 */
class GoldenDemoJarIT {

    @Test
    void theDemoJarRunsTheScenarioAndExitsZero(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "golden-demo.jar");
        assertThat(jar).as("mvn package builds it").isRegularFile();
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process demo = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--exit"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!demo.waitFor(180, TimeUnit.SECONDS)) {
            demo.destroyForcibly();
            throw new AssertionError("the demo did not end within 180 s; output so far:\n" + Files.readString(out));
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);

        assertThat(demo.exitValue()).as(printed + Files.readString(err, StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("hub: https://127.0.0.1:", "PROCESSED +", "refused by the hub: E_ACCESS_DENIED",
                "parallel approval verdict: REJECTED", "officer → signed in: 陈明", "the portal: http://127.0.0.1:",
                "7 messages, 18 verified receipts, 3 refusals");
    }
}
