package org.goldensdk.bench.load;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.goldensdk.core.Scheduler;

/**
 * A real-time {@link Scheduler} on several threads, for the driver's {@code --scheduler-threads}
 * experiment: the SDK's default ({@link Scheduler#system()}) runs the client's dispatcher, receipt
 * poller and retention on one thread, so a dispatcher waiting for the hub also holds up the receipt
 * feed. Giving the client this scheduler through its public builder shows what running them side by
 * side is worth, without changing the SDK.
 */
final class PooledScheduler implements Scheduler {
    private final Clock clock = Clock.systemUTC();
    private final ScheduledThreadPoolExecutor executor;

    PooledScheduler(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(threads, runnable -> {
            Thread thread = new Thread(runnable, "bench-scheduler-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
