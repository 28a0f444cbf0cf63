package org.goldensdk.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.goldensdk.exchange.DeadLetter;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptListener;
import org.goldensdk.exchange.ReceiptState;

/**
 * The receipt listener the examples give their {@code ExchangeClient}: it keeps every verified
 * receipt and dead letter with the moment it arrived, and lets the example wait for a message's
 * final outcome. A real system would update its own records here instead (idempotently: receipts
 * come at least once). Thread-safe.
 */
public final class ReceiptLog implements ReceiptListener {
    private final List<Arrival> arrivals = new ArrayList<>();

    /** A receipt or a dead letter and when it arrived ({@link System#nanoTime()}). */
    private record Arrival(long at, Receipt receipt, DeadLetter deadLetter) {
    }

    /** One receipt as the examples print it: its state, who signed it, how long after sending it arrived, and why. */
    public record TimedReceipt(ReceiptState state, String issuer, Duration afterSend, Optional<String> reason) {
        @Override
        public String toString() {
            return String.format("%-9s +%5d ms  signed by %s%s", state, afterSend.toMillis(), issuer,
                    reason.map(r -> "  (" + r + ")").orElse(""));
        }
    }

    /**
     * What became of one sent message: its receipts in order and, if the hub refused it, the dead
     * letter with the hub's error code.
     */
    public record Trace(MessageId messageId, List<TimedReceipt> receipts, Optional<DeadLetter> deadLetter) {
        /** The last receipt's state, or empty for a dead letter or no receipt yet. */
        public Optional<ReceiptState> finalState() {
            return receipts.isEmpty() ? Optional.empty() : Optional.of(receipts.get(receipts.size() - 1).state());
        }

        /** Whether the message has its final receipt (PROCESSED or REJECTED) or became a dead letter. */
        public boolean isDecided() {
            return deadLetter.isPresent() || finalState().filter(ReceiptState::isFinal).isPresent();
        }
    }

    @Override
    public synchronized void onReceipt(Receipt receipt) {
        arrivals.add(new Arrival(System.nanoTime(), receipt, null));
        notifyAll();
    }

    @Override
    public synchronized void onDeadLetter(DeadLetter deadLetter) {
        arrivals.add(new Arrival(System.nanoTime(), null, deadLetter));
        notifyAll();
    }

    /**
     * Waits until {@code id} has its final receipt (PROCESSED or REJECTED) or became a dead letter,
     * at most {@code timeout}, and returns what arrived; timings are measured from {@code sentAt}
     * ({@link System#nanoTime()} taken just before {@code send}).
     *
     * @throws IllegalStateException if neither came in time
     */
    public Trace awaitOutcome(MessageId id, long sentAt, Duration timeout) throws InterruptedException {
        return await(id, sentAt, Trace::isDecided, timeout);
    }

    /**
     * Waits until the trace of {@code id} satisfies {@code until}, at most {@code timeout}, and returns it.
     *
     * @throws IllegalStateException if it did not in time
     */
    public synchronized Trace await(MessageId id, long sentAt, Predicate<Trace> until, Duration timeout)
            throws InterruptedException {
        Trace trace = awaitOutcomes(Map.of(id, sentAt), until, timeout).get(id);
        if (!until.test(trace)) {
            throw new IllegalStateException("waited " + timeout + " for " + id + " in vain; so far " + trace.receipts());
        }
        return trace;
    }

    /**
     * Waits until every message of {@code sentAt} (id → {@link System#nanoTime()} before its send)
     * satisfies {@code until}, at most {@code timeout}; returns each one's trace as it then stands,
     * in the order of {@code sentAt}'s iteration.
     */
    public synchronized Map<MessageId, Trace> awaitOutcomes(Map<MessageId, Long> sentAt, Predicate<Trace> until,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            Map<MessageId, Trace> traces = new LinkedHashMap<>();
            sentAt.forEach((id, at) -> traces.put(id, trace(id, at)));
            long left = deadline - System.nanoTime();
            if (left <= 0 || traces.values().stream().allMatch(until)) {
                return traces;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private Trace trace(MessageId id, long sentAt) {
        List<TimedReceipt> receipts = new ArrayList<>();
        DeadLetter dead = null;
        for (Arrival arrival : arrivals) {
            if (arrival.receipt() != null && arrival.receipt().messageId().equals(id)) {
                Receipt r = arrival.receipt();
                receipts.add(new TimedReceipt(r.state(), r.issuer().toString(), Duration.ofNanos(arrival.at() - sentAt),
                        r.reasonCode().map(code -> code + ": " + r.reason().orElse(""))));
            } else if (arrival.deadLetter() != null && arrival.deadLetter().messageId().equals(id)) {
                dead = arrival.deadLetter();
            }
        }
        return new Trace(id, receipts, Optional.ofNullable(dead));
    }
}
