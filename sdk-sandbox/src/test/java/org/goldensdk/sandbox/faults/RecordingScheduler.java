package org.goldensdk.sandbox.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.VirtualScheduler;

/**
 * A {@link VirtualScheduler} that also records every wait asked of it, in call order, with the
 * virtual instant it was asked at: {@link Kind#SLEEP} is a blocking wait (the HTTP transport's
 * retry inside one delivery attempt), {@link Kind#SCHEDULE} a delayed task (the outbox dispatcher's
 * and the receipt poller's next runs). Time moves only through {@link #advance(Duration)}.
 */
final class RecordingScheduler implements Scheduler {

    enum Kind { SLEEP, SCHEDULE }

    /** One wait: what kind, asked when, for how long. */
    record Wait(Kind kind, Instant at, Duration length) {
        Instant end() {
            return at.plus(length);
        }
    }

    private final VirtualScheduler time;
    private final List<Wait> waits = new CopyOnWriteArrayList<>();

    RecordingScheduler(Instant start) {
        this.time = VirtualScheduler.startingAt(start);
    }

    @Override
    public Clock clock() {
        return time.clock();
    }

    Instant now() {
        return time.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        waits.add(new Wait(Kind.SCHEDULE, time.now(), delay));
        return time.schedule(delay, task);
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(new Wait(Kind.SLEEP, time.now(), duration));
        time.sleep(duration);
    }

    /** Moves virtual time forward, running what falls due on the calling thread. */
    void advance(Duration duration) {
        time.advance(duration);
    }

    /** Every wait so far. */
    List<Wait> waits() {
        return List.copyOf(waits);
    }

    @Override
    public void close() {
        time.close();
    }
}
