package org.goldensdk.core;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.goldensdk.core.internal.config.ClosestKey;
import org.goldensdk.core.internal.config.DurationFormat;

/**
 * Immutable configuration: {@code golden.*} keys mapped to strings, from a builder, a properties
 * file, the environment or system properties, layered with {@link #withFallback(Settings)}.
 *
 * <p>Environment variables are named from keys by upper-casing and replacing {@code .} and
 * {@code -} with {@code _}: {@code golden.http.connect-timeout} is read from
 * {@code GOLDEN_HTTP_CONNECT_TIMEOUT} (see {@link #environmentVariable(String)}). A blank value
 * counts as absent. Typed getters throw {@link ConfigurationException} naming the key, where the
 * value came from and the accepted form. Components reject unknown keys in their own namespace
 * with {@link #requireKnownKeys(String, Collection)}, suggesting the closest known key.
 */
public final class Settings {

    private static final String PREFIX = "golden.";
    private static final String ENV_PREFIX = "GOLDEN_";
    private static final int MAX_ECHOED_VALUE = 40;

    /** One source of values; {@code environmentStyle} sources are looked up by environment variable name. */
    private record Layer(String origin, Map<String, String> entries, boolean environmentStyle) {
        String nameOf(String key) {
            return environmentStyle ? environmentVariable(key) : key;
        }

        String describe(String name) {
            return environmentStyle ? "environment variable " + name : origin;
        }
    }

    private final List<Layer> layers;

    private Settings(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** Settings with no values. */
    public static Settings empty() {
        return new Settings(List.of());
    }

    /** A builder for settings given in code. */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings holding exactly {@code values}. */
    public static Settings of(Map<String, String> values) {
        return builder().putAll(values).build();
    }

    /**
     * Reads a {@code .properties} file (UTF-8). Every key in it is kept.
     *
     * @throws ConfigurationException if the file cannot be read
     */
    public static Settings fromProperties(Path file) {
        Objects.requireNonNull(file, "file");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(file.toString(),
                    "cannot read the properties file (" + e.getMessage() + "); check the path and that it is UTF-8", e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return new Settings(List.of(new Layer("file " + file, Map.copyOf(values), false)));
    }

    /** The process environment's {@code GOLDEN_*} variables. */
    public static Settings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The {@code GOLDEN_*} entries of {@code environment}, read as environment variables. */
    public static Settings fromEnvironment(Map<String, String> environment) {
        Map<String, String> values = environment.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(ENV_PREFIX))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        return new Settings(List.of(new Layer("environment", values, true)));
    }

    /** The JVM's {@code golden.*} system properties, as they are now. */
    public static Settings fromSystemProperties() {
        Properties properties = System.getProperties();
        Map<String, String> values = properties.stringPropertyNames().stream()
                .filter(name -> name.startsWith(PREFIX))
                .collect(Collectors.toUnmodifiableMap(Function.identity(), properties::getProperty));
        return new Settings(List.of(new Layer("system property", values, false)));
    }

    /** System properties, falling back to the environment: the usual layering for a deployed application. */
    public static Settings fromSystem() {
        return fromSystemProperties().withFallback(fromEnvironment());
    }

    /** The environment variable that holds {@code key}: upper case, {@code .} and {@code -} become {@code _}. */
    public static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** These settings first, then {@code fallback} for every key these do not hold. */
    public Settings withFallback(Settings fallback) {
        List<Layer> combined = new ArrayList<>(layers);
        combined.addAll(fallback.layers);
        return new Settings(combined);
    }

    /** The value of {@code key} from the first layer that holds a non-blank one. */
    public Optional<String> get(String key) {
        return find(key).map(Found::value);
    }

    /** Like {@link #get(String)} but the key is required. */
    public String require(String key) {
        return get(key).orElseThrow(() -> new ConfigurationException(key,
                "is required; set it in the builder, a properties file or environment variable "
                        + environmentVariable(key)));
    }

    /** A duration written as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT10S}). */
    public Optional<Duration> getDuration(String key) {
        return typed(key, DurationFormat::parse, "a duration such as 10s, 500ms, 5m, 2h, 1d or ISO-8601 PT10S");
    }

    /** A decimal integer. */
    public Optional<Integer> getInt(String key) {
        return typed(key, Integer::valueOf, "a whole number such as 3");
    }

    /** A decimal number such as {@code 2.0}. */
    public Optional<Double> getDouble(String key) {
        return typed(key, text -> {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException("not finite");
            }
            return value;
        }, "a finite decimal number such as 2.0");
    }

    /** {@code true} or {@code false} (any case); nothing else. */
    public Optional<Boolean> getBoolean(String key) {
        return typed(key, text -> {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.valueOf(text);
            }
            throw new IllegalArgumentException("not a boolean");
        }, "true or false");
    }

    /** An absolute URI such as {@code https://hub.example.gov.cn/api/}. */
    public Optional<URI> getUri(String key) {
        return typed(key, text -> {
            URI uri = new URI(text);
            if (!uri.isAbsolute()) {
                throw new URISyntaxException(text, "not absolute");
            }
            return uri;
        }, "an absolute URI such as https://hub.example.gov.cn/api/");
    }

    /** A file-system path. */
    public Optional<Path> getPath(String key) {
        return typed(key, Path::of, "a file-system path");
    }

    /** A constant of {@code type}, matched ignoring case and treating {@code -} as {@code _}. */
    public <E extends Enum<E>> Optional<E> getEnum(String key, Class<E> type) {
        String accepted = "one of " + Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        return typed(key, text -> Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_')), accepted);
    }

    /**
     * Rejects any key under {@code prefix} (e.g. {@code golden.http.}) that is not in {@code knownKeys},
     * in every layer, naming the closest known key so a typo is caught when the component is built.
     *
     * @throws ConfigurationException naming the first unknown key and the suggestion
     */
    public void requireKnownKeys(String prefix, Collection<String> knownKeys) {
        for (Layer layer : layers) {
            Map<String, String> knownByName = knownKeys.stream()
                    .collect(Collectors.toMap(layer::nameOf, Function.identity(), (a, b) -> a));
            String namePrefix = layer.nameOf(prefix);
            for (String name : new TreeSet<>(layer.entries().keySet())) {
                if (name.startsWith(namePrefix) && !knownByName.containsKey(name)) {
                    String suggestion = ClosestKey.closest(name, knownByName.keySet())
                            .map(closest -> "did you mean " + closest + "? ").orElse("");
                    throw new ConfigurationException(name, "unknown key (from " + layer.describe(name) + "); "
                            + suggestion + "known keys under " + prefix + " are " + new TreeSet<>(knownKeys));
                }
            }
        }
    }

    /** Every key name held, as its layer spells it (environment variables by their own name). */
    public Set<String> names() {
        return layers.stream().flatMap(layer -> layer.entries().keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public String toString() {
        // Values may be secrets (a proxy password): print only where keys come from.
        return "Settings" + layers.stream().map(layer -> layer.origin() + "=" + new TreeSet<>(layer.entries().keySet()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private record Found(String value, String origin) {
    }

    private Optional<Found> find(String key) {
        Objects.requireNonNull(key, "key");
        for (Layer layer : layers) {
            String name = layer.nameOf(key);
            String value = layer.entries().get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(new Found(value.strip(), layer.describe(name)));
            }
        }
        return Optional.empty();
    }

    /** A parser that may throw any exception to say "not in the accepted form". */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(String text) throws Exception;
    }

    private <T> Optional<T> typed(String key, Parser<T> parser, String accepted) {
        Optional<Found> found = find(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String value = found.get().value();
        try {
            return Optional.of(parser.parse(value));
        } catch (Exception e) {
            String echoed = value.length() > MAX_ECHOED_VALUE ? value.substring(0, MAX_ECHOED_VALUE) + "…" : value;
            throw new ConfigurationException(key, "'" + echoed + "' (from " + found.get().origin()
                    + ") is not valid; expected " + accepted, e);
        }
    }

    /** Collects settings given in code; later puts of the same key win. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets {@code key} to {@code value}. */
        public Builder put(String key, String value) {
            values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets every entry of {@code entries}. */
        public Builder putAll(Map<String, String> entries) {
            entries.forEach(this::put);
            return this;
        }

        /** The immutable settings. */
        public Settings build() {
            return new Settings(List.of(new Layer("builder", Map.copyOf(values), false)));
        }
    }
}
