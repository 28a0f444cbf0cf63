package org.goldensdk.exchange.internal.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pull delivery: one thread long-polls the party's hub inbox, hands each message to the
 * {@link DeliveryProcessor} (verify, deduplicate, handle, commit) and only then acknowledges it with
 * the receipts the inbox recorded. A message refused for good (it does not verify, is too large…)
 * is acknowledged with a REJECTED receipt naming the error instead. A message not acknowledged — the handler threw, the process died,
 * the acknowledgement was lost — comes back after the hub's visibility timeout and is answered from
 * the inbox without calling the handler again. Failed calls are retried after the retry policy's
 * backoff, slept on the {@link Scheduler}.
 */
public final class Puller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Puller.class);

    private final HubLink hub;
    private final DeliveryProcessor processor;
    private final Scheduler scheduler;
    private final RetryPolicy backoff;
    private final Thread thread;
    private volatile boolean stopped;

    /** A puller; {@link #start()} begins polling. */
    public Puller(HubLink hub, DeliveryProcessor processor, Scheduler scheduler, RetryPolicy backoff, String name) {
        this.hub = hub;
        this.processor = processor;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts the polling thread. */
    public void start() {
        thread.start();
    }

    /** One round: pull, handle, acknowledge. */
    void runOnce() {
        Optional<HubLink.Pulled> next = hub.pull();
        if (next.isEmpty() || stopped) {
            // Fetched while closing: left unacknowledged, the hub offers it again after its visibility timeout.
            return;
        }
        if (next.get().isRequest()) {
            hub.respond(processor.respond(next.get().delivery()));
            return;
        }
        List<String> receipts;
        try {
            receipts = processor.receive(next.get().delivery());
        } catch (GoldenException e) {
            Optional<List<String>> refusal = processor.refusal(next.get().delivery(), e);
            if (refusal.isEmpty()) {
                throw e;
            }
            LOG.warn("refused a pulled message for good ({}: {}); acknowledging it REJECTED", e.code().wireCode(),
                    e.getMessage());
            receipts = refusal.get();
        }
        hub.send(receipts);
    }

    private void run() {
        int failures = 0;
        while (!stopped) {
            try {
                runOnce();
                failures = 0;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                failures++;
                // Not acknowledged: the hub offers the message again after its visibility timeout.
                if (e instanceof GoldenException golden) {
                    LOG.warn("pulling from the hub failed ({}: {}); retrying", golden.code().wireCode(), golden.getMessage());
                } else {
                    LOG.error("pulling from the hub failed unexpectedly; retrying", e);
                }
                if (!pause(backoff.delayBefore(Math.min(failures, 20), Optional.empty(), ThreadLocalRandom.current()))) {
                    return;
                }
            }
        }
    }

    private boolean pause(Duration delay) {
        try {
            scheduler.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops polling: interrupts a backoff and waits briefly for the thread. A long poll in progress
     * ignores the interrupt; it ends when the hub link's transport is closed (which cancels it) or
     * answers, and whatever it fetched is left unacknowledged and comes back after the hub's
     * visibility timeout.
     */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
