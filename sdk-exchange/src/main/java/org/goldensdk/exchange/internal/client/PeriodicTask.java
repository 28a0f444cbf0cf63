package org.goldensdk.exchange.internal.client;

import java.time.Duration;
import java.util.function.Supplier;
import org.goldensdk.core.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one body repeatedly on a {@link Scheduler}, never two runs at once: each run returns the
 * delay until the next, and {@link #wakeUp()} brings the next run forward (coalescing bursts of
 * wake-ups into one run). The body runs on the scheduler's thread. Thread-safe.
 */
public final class PeriodicTask {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

    private final Scheduler scheduler;
    private final String name;
    private final Supplier<Duration> body;
    private final Duration afterFailure;
    private long generation;
    private boolean running;
    private boolean runAgain;
    private boolean stopped;
    private Scheduler.Cancellable pending;
    private Thread runner;

    /**
     * @param body one run; returns the delay until the next run
     * @param afterFailure the delay after a run that threw
     */
    public PeriodicTask(Scheduler scheduler, String name, Supplier<Duration> body, Duration afterFailure) {
        this.scheduler = scheduler;
        this.name = name;
        this.body = body;
        this.afterFailure = afterFailure;
    }

    /** Schedules the first run {@code delay} from now. */
    public void start(Duration delay) {
        scheduleRun(delay);
    }

    /** Runs the body as soon as possible: now if idle, right after the current run otherwise. */
    public void wakeUp() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (running) {
                runAgain = true;
                return;
            }
        }
        scheduleRun(Duration.ZERO);
    }

    /**
     * No run starts after this; waits up to {@code timeout} for a run in progress on another thread
     * to finish (a run calling this, e.g. from a listener, is not waited for).
     */
    public void stop(Duration timeout) {
        Scheduler.Cancellable toCancel;
        synchronized (this) {
            stopped = true;
            toCancel = pending;
            pending = null;
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (running && runner != Thread.currentThread()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("{} is still running after {}; closing anyway", name, timeout);
                    return;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void scheduleRun(Duration delay) {
        long scheduledGeneration;
        Scheduler.Cancellable superseded;
        synchronized (this) {
            if (stopped) {
                return;
            }
            scheduledGeneration = ++generation;
            superseded = pending;
            pending = null;
        }
        // Outside our lock: a VirtualScheduler runs tasks under its own lock, which then take ours.
        if (superseded != null) {
            superseded.cancel();
        }
        Scheduler.Cancellable handle;
        try {
            handle = scheduler.schedule(delay, () -> run(scheduledGeneration));
        } catch (IllegalStateException closed) {
            LOG.debug("{}: the scheduler is closed; no further runs", name);
            return;
        }
        synchronized (this) {
            if (generation == scheduledGeneration && !stopped) {
                pending = handle;
                return;
            }
        }
        handle.cancel();
    }

    private void run(long scheduledGeneration) {
        synchronized (this) {
            if (stopped || running || scheduledGeneration != generation) {
                return;
            }
            running = true;
            runner = Thread.currentThread();
            pending = null;
        }
        Duration next = afterFailure;
        try {
            next = body.get();
        } catch (RuntimeException e) {
            LOG.error("{} failed; trying again in {}", name, afterFailure, e);
        } finally {
            synchronized (this) {
                running = false;
                runner = null;
                notifyAll();
                if (runAgain) {
                    runAgain = false;
                    next = Duration.ZERO;
                }
            }
            scheduleRun(next);
        }
    }
}
