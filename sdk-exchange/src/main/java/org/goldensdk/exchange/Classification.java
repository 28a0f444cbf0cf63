package org.goldensdk.exchange;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.goldensdk.core.ValidationException;

/**
 * How sensitive a message is. Only the three levels allowed on the e-government extranet (外网)
 * exist here; anything marked secret (涉密: 秘密, 机密, 绝密) belongs to the physically isolated
 * internal network and is refused before it leaves the process.
 */
public enum Classification {
    /** Public information; may be published. */
    PUBLIC,
    /** For government use only (内部); signed, not encrypted end to end. */
    INTERNAL,
    /** Sensitive (敏感): the payload and attachments are encrypted end to end for the receiver. */
    SENSITIVE;

    private static final Set<String> SECRET_MARKINGS = Set.of(
            "SECRET", "CONFIDENTIAL", "TOP_SECRET", "TOP-SECRET", "CLASSIFIED",
            "涉密", "秘密", "机密", "绝密");

    /**
     * Parses a classification name as carried in the envelope.
     *
     * @throws ValidationException for an unknown name, and with rule {@code classification.secret}
     *     for any secret marking: such data must not travel over the exchange at all
     */
    public static Classification parse(String text) {
        Objects.requireNonNull(text, "text");
        String upper = text.strip().toUpperCase(Locale.ROOT);
        if (SECRET_MARKINGS.contains(upper)) {
            throw new ValidationException("classification", "classification.secret",
                    "secret-classified data (涉密) must not be sent over the exchange: it belongs to the"
                            + " physically isolated internal network");
        }
        for (Classification c : values()) {
            if (c.name().equals(upper)) {
                return c;
            }
        }
        throw new ValidationException("classification", "classification.unknown",
                "classification must be one of PUBLIC, INTERNAL, SENSITIVE");
    }

    /** Whether payload and attachments must be encrypted end to end for the receiver. */
    public boolean requiresEncryption() {
        return this == SENSITIVE;
    }
}
