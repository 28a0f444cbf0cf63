package org.goldensdk.core;

import java.time.Clock;
import java.time.Duration;
import org.goldensdk.core.internal.time.SystemScheduler;

/**
 * The one source of time and delayed work for every SDK component: a {@link Clock}, delayed tasks
 * and blocking waits all measured on the same time line. Production code uses {@link #system()};
 * tests use {@link VirtualScheduler} so retries, leases and expiry run without real sleeping.
 * Implementations are thread-safe.
 */
public interface Scheduler extends AutoCloseable {

    /** The clock this scheduler measures time on. */
    Clock clock();

    /**
     * Runs {@code task} once, {@code delay} from now on this scheduler's time line.
     *
     * @return a handle that cancels the task if it has not started yet
     * @throws IllegalArgumentException if {@code delay} is negative
     * @throws IllegalStateException if the scheduler is closed
     */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * Blocks the calling thread for {@code duration} of this scheduler's time. On a
     * {@link VirtualScheduler} this advances virtual time instead of waiting.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    void sleep(Duration duration) throws InterruptedException;

    /** Stops running scheduled tasks and releases threads; tasks not yet started never run. Idempotent. */
    @Override
    void close();

    /**
     * A real-time scheduler backed by one daemon thread, started on first use. Each call returns a
     * new instance that its owner closes.
     */
    static Scheduler system() {
        return new SystemScheduler();
    }

    /** A handle on a scheduled task. */
    interface Cancellable {
        /**
         * Prevents the task from running if it has not started yet.
         *
         * @return true if this call cancelled it; false if it already ran, runs now or was cancelled
         */
        boolean cancel();
    }

}
