package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void readsAKeyFromItsEnvironmentVariable() {
        Settings env = Settings.fromEnvironment(Map.of("GOLDEN_HTTP_CONNECT_TIMEOUT", "7s", "PATH", "/bin"));
        assertThat(Settings.environmentVariable("golden.http.connect-timeout")).isEqualTo("GOLDEN_HTTP_CONNECT_TIMEOUT");
        assertThat(env.getDuration("golden.http.connect-timeout")).contains(Duration.ofSeconds(7));
        assertThat(env.names()).containsExactly("GOLDEN_HTTP_CONNECT_TIMEOUT");
    }

    @Test
    void earlierLayersWinOverTheirFallbacksAndBlankCountsAsAbsent() {
        Settings code = Settings.of(Map.of("golden.http.user-agent", "a", "golden.http.read-timeout", " "));
        Settings env = Settings.fromEnvironment(Map.of("GOLDEN_HTTP_USER_AGENT", "b", "GOLDEN_HTTP_READ_TIMEOUT", "3s"));
        Settings layered = code.withFallback(env);
        assertThat(layered.get("golden.http.user-agent")).contains("a");
        assertThat(layered.getDuration("golden.http.read-timeout")).contains(Duration.ofSeconds(3));
        assertThat(layered.get("golden.http.proxy.host")).isEmpty();
    }

    @Test
    void readsAPropertiesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("golden.properties");
        Files.writeString(file, "golden.http.base-uri=https://hub.example.gov.cn/api/\ngolden.http.retry.max-attempts=5\n");
        Settings settings = Settings.fromProperties(file);
        assertThat(settings.getUri("golden.http.base-uri")).contains(URI.create("https://hub.example.gov.cn/api/"));
        assertThat(settings.getInt("golden.http.retry.max-attempts")).contains(5);
        assertThatThrownBy(() -> Settings.fromProperties(dir.resolve("missing.properties")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("missing.properties");
    }

    @Test
    void parsesEveryDurationForm() {
        Settings settings = Settings.of(Map.of("a", "500ms", "b", "10s", "c", "5m", "d", "2h", "e", "1d", "f", "PT1M30S"));
        assertThat(List.of("a", "b", "c", "d", "e", "f")).map(key -> settings.getDuration(key).orElseThrow())
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(5),
                        Duration.ofHours(2), Duration.ofDays(1), Duration.ofSeconds(90));
    }

    @Test
    void aBadValueNamesTheKeyItsOriginAndTheAcceptedForm() {
        Settings env = Settings.fromEnvironment(Map.of("GOLDEN_HTTP_CONNECT_TIMEOUT", "10 seconds"));
        assertThatThrownBy(() -> env.getDuration("golden.http.connect-timeout"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("golden.http.connect-timeout")
                .hasMessageContaining("environment variable GOLDEN_HTTP_CONNECT_TIMEOUT")
                .hasMessageContaining("PT10S");
        Settings code = Settings.of(Map.of("k", "yes", "j", "fast", "u", "relative/path"));
        assertThatThrownBy(() -> code.getBoolean("k")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> code.getEnum("j", RetryPolicy.Jitter.class)).hasMessageContaining("full, equal");
        assertThatThrownBy(() -> code.getUri("u")).hasMessageContaining("absolute URI");
        assertThatThrownBy(() -> code.require("missing")).hasMessageContaining("MISSING");
    }

    @Test
    void rejectsAMisspeltKeySuggestingTheClosestKnownOne() {
        List<String> known = List.of("golden.http.connect-timeout", "golden.http.read-timeout");
        assertThatThrownBy(() -> Settings.of(Map.of("golden.http.conect-timeout", "1s")).requireKnownKeys("golden.http.", known))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("did you mean golden.http.connect-timeout?")
                .extracting(e -> ((ConfigurationException) e).key()).isEqualTo("golden.http.conect-timeout");
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("GOLDEN_HTTP_READ_TIMEOT", "1s"))
                .requireKnownKeys("golden.http.", known))
                .hasMessageContaining("did you mean GOLDEN_HTTP_READ_TIMEOUT?");
        Settings.of(Map.of("golden.exchange.anything", "x", "golden.http.read-timeout", "1s"))
                .requireKnownKeys("golden.http.", known);
    }

    @Test
    void toStringNeverShowsValues() {
        assertThat(Settings.of(Map.of("golden.http.proxy.password", "s3cret")).toString())
                .contains("golden.http.proxy.password").doesNotContain("s3cret");
    }
}
