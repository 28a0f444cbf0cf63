package org.goldensdk.cxf.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signature values seen within their Timestamps' lives, on the SDK's clock: a message whose
 * signature value is remembered is a replay. An entry is forgotten once its Timestamp has expired
 * (plus the skew), because the Timestamp check refuses the message from then on anyway. Thread-safe.
 */
final class ReplayWindow {
    private static final int SWEEP_EVERY = 1024;

    private final Clock clock;
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private int additions;

    ReplayWindow(Clock clock) {
        this.clock = clock;
    }

    /** Remembers {@code key} until {@code until}; false if it was already remembered (a replay). */
    boolean firstSight(String key, Instant until) {
        sweepNowAndThen();
        Instant now = clock.instant();
        Instant[] previous = new Instant[1];
        seen.compute(key, (k, existing) -> {
            previous[0] = existing != null && existing.isAfter(now) ? existing : null;
            return previous[0] != null ? existing : until;
        });
        return previous[0] == null;
    }

    private void sweepNowAndThen() {
        synchronized (this) {
            if (++additions % SWEEP_EVERY != 0) {
                return;
            }
        }
        Instant now = clock.instant();
        for (Iterator<Instant> it = seen.values().iterator(); it.hasNext();) {
            if (!it.next().isAfter(now)) {
                it.remove();
            }
        }
    }
}
