package org.goldensdk.exchange.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolves sdk-exchange's dependency tree as a vendor's build would: the POMs of this build are laid
 * out in a throw-away file repository, two generated consumer projects depend on them, and Maven
 * (the one on the PATH) prints their runtime trees. One consumer uses the exchange only (the
 * client): it must get neither CXF, Jetty, the servlet nor the JAX-RS API. The other also adds
 * sdk-cxf, as a vendor running an {@code ExchangeEndpoint} does, and must get them — which shows
 * the check can see them at all.
 *
 * <p>Only POMs are needed (the tree goal collects, it does not download jars); third-party POMs and
 * the plugin come from the local repository this test runs from, served as a file repository, and
 * everything lands in a temporary local repository, so the real one is never written.
 */
@Timeout(180)
class VendorDependencyTreeTest {
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:tree";
    private static final List<String> SERVER_STACK = List.of("org.apache.cxf:", "org.eclipse.jetty", "jakarta.servlet:",
            "jakarta.ws.rs:");

    @Test
    void aVendorUsingOnlyTheExchangeClientGetsNoCxfJettyOrServletApi(@TempDir Path work) throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        String version = projectVersion(root);
        Path repository = work.resolve("golden-repository");
        for (String module : List.of("sdk-core", "sdk-cxf", "sdk-exchange")) {
            publishPom(repository, module, version, root.resolve(module).resolve("pom.xml"));
        }
        publishPom(repository, "golden-parent", version, root.resolve("pom.xml"));
        Path localRepository = localRepository();

        Files.writeString(work.resolve("pom.xml"), aggregator(), StandardCharsets.UTF_8);
        consumer(work, "client-only", version, repository, localRepository, "sdk-exchange");
        consumer(work, "endpoint", version, repository, localRepository, "sdk-exchange", "sdk-cxf");

        runMaven(work);

        String clientOnly = Files.readString(work.resolve("client-only/tree.txt"));
        String endpoint = Files.readString(work.resolve("endpoint/tree.txt"));
        assertThat(clientOnly).contains("org.goldensdk:sdk-exchange:jar:" + version, "org.goldensdk:sdk-core:jar:" + version);
        for (String forbidden : SERVER_STACK) {
            assertThat(clientOnly).as("the client-only tree\n%s", clientOnly).doesNotContain(forbidden);
            assertThat(endpoint).as("the endpoint tree (positive control)\n%s", endpoint).contains(forbidden);
        }
    }

    private static String projectVersion(Path root) throws IOException {
        Matcher parent = Pattern.compile("<artifactId>golden-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(root.resolve("pom.xml")));
        assertThat(parent.find()).as("golden-parent's version in %s", root.resolve("pom.xml")).isTrue();
        return parent.group(1);
    }

    private static void publishPom(Path repository, String artifactId, String version, Path pom) throws IOException {
        Path directory = repository.resolve("org/goldensdk").resolve(artifactId).resolve(version);
        Files.createDirectories(directory);
        Files.copy(pom, directory.resolve(artifactId + "-" + version + ".pom"));
    }

    /** The local repository the test classpath was resolved from: where Jackson's jar lies, less its coordinates. */
    private static Path localRepository() throws URISyntaxException {
        Path jar = Path.of(ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path repository = jar;
        for (int i = 0; i < "com/fasterxml/jackson/core/jackson-databind/version/file.jar".split("/").length; i++) {
            repository = repository.getParent();
        }
        assertThat(repository.resolve("com/fasterxml/jackson/core")).as("a Maven local repository").isDirectory();
        return repository;
    }

    private static String aggregator() {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>gov.example.vendor</groupId>
                  <artifactId>vendor-build</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <modules><module>client-only</module><module>endpoint</module></modules>
                </project>
                """;
    }

    private static void consumer(Path work, String name, String version, Path repository, Path localRepository,
            String... goldenModules) throws IOException {
        StringBuilder dependencies = new StringBuilder();
        for (String module : goldenModules) {
            dependencies.append("<dependency><groupId>org.goldensdk</groupId><artifactId>").append(module)
                    .append("</artifactId><version>").append(version).append("</version></dependency>");
        }
        String local = localRepository.toUri().toString();
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>gov.example.vendor</groupId>
                  <artifactId>%s</artifactId>
                  <version>1</version>
                  <repositories>
                    <repository><id>golden-build</id><url>%s</url></repository>
                    <repository><id>local-cache</id><url>%s</url><snapshots><enabled>false</enabled></snapshots></repository>
                  </repositories>
                  <pluginRepositories>
                    <pluginRepository><id>local-cache</id><url>%s</url><snapshots><enabled>false</enabled></snapshots></pluginRepository>
                  </pluginRepositories>
                  <dependencies>%s</dependencies>
                </project>
                """.formatted(name, repository.toUri(), local, local, dependencies);
        Files.createDirectories(work.resolve(name));
        Files.writeString(work.resolve(name).resolve("pom.xml"), pom, StandardCharsets.UTF_8);
    }

    private static void runMaven(Path work) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-q", "-Dmaven.repo.local=" + work.resolve("local-repository"),
                DEPENDENCY_PLUGIN, "-Dscope=runtime", "-DoutputFile=tree.txt"));
        Path log = work.resolve("maven.log");
        Process maven = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = maven.waitFor(150, TimeUnit.SECONDS);
        if (!finished) {
            maven.destroyForcibly();
        }
        assertThat(finished && maven.exitValue() == 0).as("%s\n%s", String.join(" ", command), Files.readString(log)).isTrue();
    }

    private static String maven() {
        String executable = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
        return Arrays.stream(System.getenv("PATH").split(File.pathSeparator)).map(directory -> Path.of(directory, executable))
                .filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new AssertionError("this test runs Maven and finds none on the PATH"));
    }
}
