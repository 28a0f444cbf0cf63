package org.goldensdk.core;

/** A configuration value is missing or invalid; {@link #key()} names it. Raised when a client is built. */
public class ConfigurationException extends GoldenException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /** Creates the exception for the configuration {@code key} (a builder method or property name). */
    public ConfigurationException(String key, String message) {
        this(key, message, null);
    }

    /** Creates the exception for {@code key} with the underlying cause. */
    public ConfigurationException(String key, String message, Throwable cause) {
        super(ErrorCode.CONFIGURATION, key + ": " + message, cause);
        this.key = key;
    }

    /** The configuration key (builder method, property or environment variable) that is wrong. */
    public String key() {
        return key;
    }
}
