package org.goldensdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar {@code target/golden.jar}, built by {@code package}, run in its own JVM (failsafe,
 * {@code integration-test} phase): the shading kept what the commands need — picocli, BouncyCastle
 * without its signatures, and CXF's merged bus extensions for the sandbox.
 */
class GoldenJarIT {
    private static final Path JAR = Path.of("target", "golden.jar");

    @TempDir
    Path dir;

    private record Forked(int exitCode, String out, String err) {
    }

    private Forked golden(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("mvn package builds it").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("golden " + String.join(" ", args) + " did not end within 120 s");
        }
        return new Forked(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpAndValidateRunFromTheJar() throws Exception {
        Forked help = golden("--help");
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("Usage: golden", "sandbox", "Exit codes");

        Forked valid = golden("validate", "credit-code", "91420100MA4K00002Y");
        assertThat(valid.exitCode()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("valid credit code 91420100MA4K00002Y");

        Forked invalid = golden("validate", "citizen-id", "110105194912310021");
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(invalid.err().lines().count()).as(invalid.err()).isEqualTo(1);
    }

    @Test
    void theSandboxStartsFromTheJar() throws Exception {
        Forked sandbox = golden("sandbox", "--exit", "--credentials", dir.resolve("credentials").toString());

        assertThat(sandbox.exitCode()).as(sandbox.err()).isZero();
        assertThat(sandbox.out()).contains("hub:         https://127.0.0.1:");
        assertThat(dir.resolve("credentials/tax.p12")).isRegularFile();
    }
}
