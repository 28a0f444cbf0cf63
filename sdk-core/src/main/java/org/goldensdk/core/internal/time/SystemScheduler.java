package org.goldensdk.core.internal.time;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.goldensdk.core.Scheduler;

/** Real-time {@link Scheduler}: the system UTC clock and one daemon thread created on first use. */
public final class SystemScheduler implements Scheduler {

    private final Clock clock = Clock.systemUTC();
    private ScheduledThreadPoolExecutor executor;
    private boolean closed;

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Durations.requireNonNegative(delay, "delay");
        Objects.requireNonNull(task, "task");
        ScheduledFuture<?> future = executor().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Durations.requireNonNegative(duration, "sleep");
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private synchronized ScheduledThreadPoolExecutor executor() {
        if (closed) {
            throw new IllegalStateException("scheduler is closed");
        }
        if (executor == null) {
            executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "golden-scheduler");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
        }
        return executor;
    }
}
