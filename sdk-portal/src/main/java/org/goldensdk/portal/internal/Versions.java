package org.goldensdk.portal.internal;

import org.goldensdk.core.ValidationException;

/** The version a change starts from, checked before anything is sent (so both transports refuse it alike). */
public final class Versions {
    private Versions() {
    }

    /**
     * {@code version}, when it can be a version.
     *
     * @throws ValidationException naming {@code name} if it is below 1
     */
    public static long require(String name, long version) {
        if (version < 1) {
            throw new ValidationException(name, "version.range", name + " is the version the change starts from (from 1, as"
                    + " read from the portal), got " + version);
        }
        return version;
    }
}
