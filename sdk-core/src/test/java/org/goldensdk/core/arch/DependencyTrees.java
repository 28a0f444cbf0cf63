package org.goldensdk.core.arch;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves Golden modules' dependency trees as a vendor's build would, for the tests that check what
 * a vendor inherits (e.g. that a REST-client user gets no CXF, Jetty or servlet API). The POMs of
 * this build are laid out in a throw-away file repository, generated consumer projects depend on
 * them, and Maven (the one on the PATH) prints their runtime trees. Only POMs are needed (the tree
 * goal collects, it does not download jars); third-party POMs and the plugin come from the local
 * repository the test runs from, served as a file repository, and everything lands in a temporary
 * local repository, so the real one is never written. Shared through sdk-core's test jar.
 */
public final class DependencyTrees {

    /** The server stack a client-only vendor must not inherit. */
    public static final List<String> SERVER_STACK = List.of("org.apache.cxf:", "org.eclipse.jetty", "jakarta.servlet:",
            "jakarta.ws.rs:");
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:tree";

    private DependencyTrees() {
    }

    /**
     * Publishes the POMs of {@code modules} (and the parent) of the build whose root is the parent
     * of the working directory, then resolves one consumer project per entry of {@code consumers}
     * (name → the Golden modules it depends on).
     *
     * @return each consumer's runtime tree, by name
     */
    public static Map<String, String> resolve(Path work, List<String> modules, Map<String, List<String>> consumers)
            throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String version = projectVersion(root);
        Path repository = work.resolve("golden-repository");
        for (String module : modules) {
            publishPom(repository, module, version, root.resolve(module).resolve("pom.xml"));
        }
        publishPom(repository, "golden-parent", version, root.resolve("pom.xml"));
        Path localRepository = localRepository();
        String moduleList = consumers.keySet().stream().map(name -> "<module>" + name + "</module>").collect(Collectors.joining());
        Files.writeString(work.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>gov.example.vendor</groupId>
                  <artifactId>vendor-build</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <modules>%s</modules>
                </project>
                """.formatted(moduleList), StandardCharsets.UTF_8);
        consumers.forEach((name, goldenModules) -> consumer(work, name, version, repository, localRepository, goldenModules));
        runMaven(work);
        Map<String, String> trees = new LinkedHashMap<>();
        for (String name : consumers.keySet()) {
            trees.put(name, Files.readString(work.resolve(name).resolve("tree.txt")));
        }
        return trees;
    }

    /** The version of the build's parent POM at {@code root}. */
    public static String projectVersion(Path root) throws IOException {
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
    private static Path localRepository() {
        Path repository;
        try {
            repository = Path.of(ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < "com/fasterxml/jackson/core/jackson-databind/version/file.jar".split("/").length; i++) {
            repository = repository.getParent();
        }
        assertThat(repository.resolve("com/fasterxml/jackson/core")).as("a Maven local repository").isDirectory();
        return repository;
    }

    private static void consumer(Path work, String name, String version, Path repository, Path localRepository,
            List<String> goldenModules) {
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
        try {
            Files.createDirectories(work.resolve(name));
            Files.writeString(work.resolve(name).resolve("pom.xml"), pom, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
