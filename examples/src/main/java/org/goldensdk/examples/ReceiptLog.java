package org.goldensdk.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    public synchronized Trace awaitOutcome(MessageId id, long sentAt, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Trace trace = trace(id, sentAt);
            if (trace.deadLetter().isPresent() || trace.finalState().filter(ReceiptState::isFinal).isPresent()) {
                return trace;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("no outcome for " + id + " within " + timeout + "; so far " + trace.receipts());
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
