package org.goldensdk.exchange;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.goldensdk.core.ValidationException;

/**
 * A service on the exchange: a business type and its version, written {@code tax.company-status/1}.
 * The name is dot-separated lowercase segments (letters, digits, hyphens; the first segment is
 * conventionally the providing domain); the version is a positive integer that changes when the
 * payload contract changes incompatibly.
 */
public final class ServiceId {
    private static final Pattern FORM =
            Pattern.compile("([a-z][a-z0-9-]{0,39}(?:\\.[a-z][a-z0-9-]{0,39}){0,5})/([1-9][0-9]{0,5})");

    private final String name;
    private final int version;

    private ServiceId(String name, int version) {
        this.name = name;
        this.version = version;
    }

    /**
     * The service {@code name} at {@code version}.
     *
     * @throws ValidationException if the name or version breaks the rules above
     */
    public static ServiceId of(String name, int version) {
        return parse(Objects.requireNonNull(name, "name") + "/" + version);
    }

    /**
     * Parses {@code name/version}.
     *
     * @throws ValidationException if the text is not of that form
     */
    public static ServiceId parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new ValidationException("service", "ServiceId.format",
                    "a service id is 'name/version' with a lowercase dotted name and a positive version,"
                            + " e.g. 'tax.company-status/1'; got '" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'");
        }
        return new ServiceId(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** The business type, e.g. {@code tax.company-status}. */
    public String name() {
        return name;
    }

    /** The contract version, at least 1. */
    public int version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceId other && name.equals(other.name) && version == other.version;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + version;
    }

    /** The canonical form {@code name/version}, as carried in the envelope. */
    @Override
    public String toString() {
        return name + "/" + version;
    }
}
