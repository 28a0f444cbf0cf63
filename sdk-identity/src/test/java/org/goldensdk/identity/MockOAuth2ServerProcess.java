package org.goldensdk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code no.nav.security:mock-oauth2-server} — an OpenID Connect provider we did not write — in a
 * child JVM with its own classpath: its OkHttp 4 clashes with the okhttp-jvm 5 of this module's test
 * classpath (BUILD-NOTES), so its jar set is resolved apart, once, by Maven (the one on the PATH)
 * from {@code src/test/mock-oauth2-server/pom.xml} into {@code target/mock-oauth2-server.classpath},
 * using the local repository this test runs from. A missing Maven or an unresolvable jar fails the
 * test; nothing is skipped.
 */
final class MockOAuth2ServerProcess implements AutoCloseable {

    private static final String MAIN = "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt";
    private static final String BUILD_CLASSPATH = "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath";

    private final Process process;
    private final Path log;
    final URI issuer;

    MockOAuth2ServerProcess() throws IOException, InterruptedException {
        Path module = Path.of("").toAbsolutePath();
        String classpath = classpath(module);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        log = module.resolve("target/mock-oauth2-server.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", classpath, MAIN)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SERVER_HOSTNAME", "127.0.0.1");
        process = builder.start();
        issuer = URI.create("http://127.0.0.1:" + port + "/default");
        awaitDiscovery();
    }

    private void awaitDiscovery() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("mock-oauth2-server exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (client.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the child JVM is still starting
            }
            Thread.sleep(100);
        }
        close();
        throw new AssertionError("mock-oauth2-server did not answer discovery within 90 s:\n" + Files.readString(log));
    }

    private static String classpath(Path module) throws IOException, InterruptedException {
        Path file = module.resolve("target/mock-oauth2-server.classpath");
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            Path pom = module.resolve("src/test/mock-oauth2-server/pom.xml");
            List<String> command = new ArrayList<>(List.of(maven(), "-B", "-q", "-f", pom.toString(),
                    "-Dmaven.repo.local=" + localRepository(), BUILD_CLASSPATH, "-Dmdep.outputFile=" + file));
            Path mavenLog = module.resolve("target/mock-oauth2-server-resolve.log");
            Files.createDirectories(file.getParent());
            Process maven = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(mavenLog.toFile()).start();
            boolean finished = maven.waitFor(300, TimeUnit.SECONDS);
            if (!finished) {
                maven.destroyForcibly();
            }
            assertThat(finished && maven.exitValue() == 0).as("resolving mock-oauth2-server: %s\n%s", String.join(" ", command),
                    Files.readString(mavenLog)).isTrue();
        }
        String classpath = Files.readString(file, StandardCharsets.UTF_8).trim();
        assertThat(classpath).as("mock-oauth2-server's classpath").contains("mock-oauth2-server");
        return classpath;
    }

    /** The local repository the test classpath came from: where Jackson's jar lies, less its coordinates. */
    private static Path localRepository() {
        try {
            Path repository = Path.of(ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (int i = 0; i < "com/fasterxml/jackson/core/jackson-databind/version/file.jar".split("/").length; i++) {
                repository = repository.getParent();
            }
            return repository;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String maven() {
        String executable = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
        return Arrays.stream(System.getenv("PATH").split(File.pathSeparator)).map(directory -> Path.of(directory, executable))
                .filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new AssertionError("resolving mock-oauth2-server needs Maven on the PATH; none found"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
