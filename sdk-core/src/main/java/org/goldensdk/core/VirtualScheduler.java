package org.goldensdk.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.goldensdk.core.internal.time.Durations;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on virtual time, for tests (the SDK's and its users'). Time moves only when
 * {@link #advance(Duration)} or {@link #sleep(Duration)} is called; due tasks then run in time order
 * (ties in scheduling order) on the calling thread, with the clock showing each task's due time.
 * {@link #sleep(Duration)} advances time itself, so a synchronous retry loop runs instantly and
 * deterministically, and every sleep is recorded in {@link #sleeps()} for assertions.
 *
 * <p>Thread-safe: advancing is serialised, and while tasks run other threads' calls wait.
 */
public final class VirtualScheduler implements Scheduler {

    /** Where a scheduler made by {@link #create()} starts: 2025-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Clock clock = new VirtualClock(ZoneOffset.UTC);
    private volatile Instant now;
    private long sequence;
    private boolean closed;

    private VirtualScheduler(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** A scheduler whose clock starts at {@link #DEFAULT_START}. */
    public static VirtualScheduler create() {
        return new VirtualScheduler(DEFAULT_START);
    }

    /** A scheduler whose clock starts at {@code start}. */
    public static VirtualScheduler startingAt(Instant start) {
        return new VirtualScheduler(start);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** The current virtual instant. */
    public Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Durations.requireNonNegative(delay, "delay");
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw new IllegalStateException("scheduler is closed");
        }
        Task scheduled = new Task(now.plus(delay), sequence++, task);
        queue.add(scheduled);
        return scheduled;
    }

    /** Records {@code duration} in {@link #sleeps()} and advances virtual time by it. Never blocks. */
    @Override
    public synchronized void sleep(Duration duration) {
        Durations.requireNonNegative(duration, "sleep");
        sleeps.add(duration);
        advance(duration);
    }

    /**
     * Moves virtual time forward by {@code duration}, running every task due by then in time order.
     * Tasks scheduled by running tasks run too if they fall due within the window. A task that
     * throws stops the advance at its due time and the exception propagates. Time never goes
     * backwards: if a task itself sleeps past the window, time stays where its sleep left it.
     */
    public synchronized void advance(Duration duration) {
        Durations.requireNonNegative(duration, "advance");
        Instant target = now.plus(duration);
        Task next;
        while ((next = queue.peek()) != null && !next.due.isAfter(target)) {
            queue.poll();
            if (next.due.isAfter(now)) {
                now = next.due;
            }
            next.runIfNotCancelled();
        }
        // A task that slept past the target (a retry wait inside a task) has moved time further:
        // virtual time never goes backwards.
        if (now.isBefore(target)) {
            now = target;
        }
    }

    /** Every {@link #sleep(Duration)} so far, in call order. */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** How many scheduled tasks have neither run nor been cancelled. */
    public synchronized int pendingTasks() {
        return (int) queue.stream().filter(task -> !task.cancelled).count();
    }

    /** Drops every pending task; later {@link #schedule} calls fail. Time can still be advanced. */
    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
    }

    private final class Task implements Cancellable, Comparable<Task> {
        private final Instant due;
        private final long order;
        private final Runnable body;
        private boolean cancelled;
        private boolean started;

        private Task(Instant due, long order, Runnable body) {
            this.due = due;
            this.order = order;
            this.body = body;
        }

        private void runIfNotCancelled() {
            if (!cancelled) {
                started = true;
                body.run();
            }
        }

        @Override
        public boolean cancel() {
            synchronized (VirtualScheduler.this) {
                if (cancelled || started) {
                    return false;
                }
                cancelled = true;
                queue.remove(this);
                return true;
            }
        }

        @Override
        public int compareTo(Task other) {
            int byTime = due.compareTo(other.due);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private final class VirtualClock extends Clock {
        private final ZoneId zone;

        private VirtualClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new VirtualClock(newZone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
