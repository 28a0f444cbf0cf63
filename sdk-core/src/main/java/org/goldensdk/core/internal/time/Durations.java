package org.goldensdk.core.internal.time;

import java.time.Duration;

/** Argument checks for durations shared by the schedulers and policies. */
public final class Durations {
    private Durations() {
    }

    /** Returns {@code value}, or throws naming {@code what} if it is null or negative. */
    public static Duration requireNonNegative(Duration value, String what) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or positive, got " + value);
        }
        return value;
    }

    /** Returns {@code value}, or throws naming {@code what} if it is null, zero or negative. */
    public static Duration requirePositive(Duration value, String what) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
        return value;
    }
}
