package org.goldensdk.portal;

import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.Settings;

/**
 * How the compliance gate judges content: the mode ({@link ComplianceMode#REJECT} or
 * {@link ComplianceMode#MASK}), the configured sensitive words and the limits for attachments.
 * Immutable; {@code with…} methods return a changed copy.
 *
 * <pre>{@code
 * Compliance compliance = Compliance.reject().withSensitiveWords(List.of("内部资料", "绝密"));
 * }</pre>
 */
public final class Compliance {
    /** The settings keys {@link #fromSettings(Settings)} reads. */
    public static final List<String> SETTING_KEYS = List.of("golden.portal.compliance.mode",
            "golden.portal.compliance.sensitive-words", "golden.portal.compliance.max-attachment-size");
    /** Default largest attachment: 20 MiB. */
    public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 20L * 1024 * 1024;
    private static final long INFLATION_FACTOR = 5;
    private static final long MAX_TEXT_CHARS = 10_000_000;

    private final ComplianceMode mode;
    private final Set<String> sensitiveWords;
    private final long maxAttachmentBytes;

    private Compliance(ComplianceMode mode, Set<String> sensitiveWords, long maxAttachmentBytes) {
        this.mode = mode;
        this.sensitiveWords = sensitiveWords;
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    /** Refuse content with personal data, sensitive words or unsafe HTML, listing every finding. */
    public static Compliance reject() {
        return new Compliance(ComplianceMode.REJECT, Set.of(), DEFAULT_MAX_ATTACHMENT_BYTES);
    }

    /** Publish text masked and HTML sanitised; attachments holding personal data are still refused. */
    public static Compliance mask() {
        return new Compliance(ComplianceMode.MASK, Set.of(), DEFAULT_MAX_ATTACHMENT_BYTES);
    }

    /**
     * The compliance configured by {@code golden.portal.compliance.*}: {@code mode} (REJECT or MASK,
     * default REJECT), {@code sensitive-words} (comma separated), {@code max-attachment-size} (bytes).
     *
     * @throws ConfigurationException naming the key of an invalid value
     */
    public static Compliance fromSettings(Settings settings) {
        Compliance compliance = settings.getEnum(SETTING_KEYS.get(0), ComplianceMode.class)
                .map(mode -> mode == ComplianceMode.MASK ? mask() : reject()).orElseGet(Compliance::reject);
        compliance = settings.get(SETTING_KEYS.get(1))
                .map(words -> Arrays.stream(words.split(",")).map(String::strip).filter(word -> !word.isEmpty()).toList())
                .map(compliance::withSensitiveWords).orElse(compliance);
        Integer max = settings.getInt(SETTING_KEYS.get(2)).orElse(null);
        if (max != null) {
            try {
                compliance = compliance.withMaxAttachmentBytes(max);
            } catch (ConfigurationException e) {
                throw new ConfigurationException(SETTING_KEYS.get(2), e.getMessage(), e);
            }
        }
        return compliance;
    }

    /** This compliance with these sensitive words too (matched case-insensitively in text and attachments). */
    public Compliance withSensitiveWords(Collection<String> words) {
        Set<String> all = new LinkedHashSet<>(sensitiveWords);
        for (String word : words) {
            if (word == null || word.isBlank()) {
                throw new ConfigurationException("sensitiveWords", "a sensitive word must not be blank");
            }
            all.add(word.strip());
        }
        return new Compliance(mode, Set.copyOf(all), maxAttachmentBytes);
    }

    /**
     * This compliance with another attachment size limit.
     *
     * @throws ConfigurationException if not positive
     */
    public Compliance withMaxAttachmentBytes(long limit) {
        if (limit <= 0) {
            throw new ConfigurationException("maxAttachmentBytes", "the attachment size limit must be positive, got " + limit);
        }
        return new Compliance(mode, sensitiveWords, limit);
    }

    /** The mode. */
    public ComplianceMode mode() {
        return mode;
    }

    /** The sensitive words. */
    public Set<String> sensitiveWords() {
        return sensitiveWords;
    }

    /** The largest attachment accepted, in bytes. */
    public long maxAttachmentBytes() {
        return maxAttachmentBytes;
    }

    /** How far a ZIP-based attachment may inflate: five times the attachment limit. */
    public long maxInflatedBytes() {
        return maxAttachmentBytes * INFLATION_FACTOR;
    }

    /** The most text read out of one attachment. */
    public long maxTextChars() {
        return MAX_TEXT_CHARS;
    }

    /** The gate applying this compliance, judging dates by {@code clock}. */
    public ComplianceGate gate(Clock clock) {
        return new ComplianceGate(this, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public String toString() {
        return "Compliance[" + mode + ", " + sensitiveWords.size() + " sensitive words, maxAttachmentBytes="
                + maxAttachmentBytes + "]";
    }
}
