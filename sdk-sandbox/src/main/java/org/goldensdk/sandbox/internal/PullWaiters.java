package org.goldensdk.sandbox.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.goldensdk.core.PartyId;

/**
 * The long polls waiting at the hub, per receiver: a pull registers a signal before looking for a
 * message (so an arrival between looking and waiting is not missed) and waits for it; a new
 * message, a lease running out or the hub closing completes the signals. Thread-safe.
 */
public final class PullWaiters implements AutoCloseable {
    private final Map<PartyId, Set<CompletableFuture<Void>>> waiting = new HashMap<>();
    private boolean closed;

    /** A signal completed when something may have arrived for {@code receiver}; already complete once closed. */
    synchronized CompletableFuture<Void> register(PartyId receiver) {
        CompletableFuture<Void> signal = new CompletableFuture<>();
        if (closed) {
            signal.complete(null);
        } else {
            waiting.computeIfAbsent(receiver, party -> new HashSet<>()).add(signal);
        }
        return signal;
    }

    /** Forgets a signal whose pull has ended. */
    synchronized void remove(PartyId receiver, CompletableFuture<Void> signal) {
        Set<CompletableFuture<Void>> signals = waiting.get(receiver);
        if (signals != null && signals.remove(signal) && signals.isEmpty()) {
            waiting.remove(receiver);
        }
    }

    /** Something may have arrived for {@code receiver}: wakes its waiting pulls. */
    public void wake(PartyId receiver) {
        List<CompletableFuture<Void>> toWake;
        synchronized (this) {
            Set<CompletableFuture<Void>> signals = waiting.remove(receiver);
            toWake = signals == null ? List.of() : new ArrayList<>(signals);
        }
        toWake.forEach(signal -> signal.complete(null));
    }

    /** Wakes every waiting pull (they answer "nothing") and lets no new pull wait. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> toWake = new ArrayList<>();
        synchronized (this) {
            closed = true;
            waiting.values().forEach(toWake::addAll);
            waiting.clear();
        }
        toWake.forEach(signal -> signal.complete(null));
    }

    /** Whether {@link #close()} was called. */
    synchronized boolean isClosed() {
        return closed;
    }
}
