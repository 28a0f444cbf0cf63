package org.goldensdk.sandbox.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.PartyId;
import org.goldensdk.sandbox.internal.HubStore.MessageKey;

/**
 * The requests the hub is waiting to see answered, in memory: a request lives only as long as its
 * caller waits (a hub restart ends the wait, and the caller times out). Requests for a provider
 * without a push endpoint queue here until it pulls; each is handed out once, and offered again
 * ({@link #offerAgain}) while its caller still waits if the provider that fetched it does not
 * answer. Thread-safe.
 */
public final class PendingRequests {

    /** One request: who asked, whom, the request's Delivery JSON and the answer to complete. */
    public record Pending(MessageKey key, PartyId provider, byte[] delivery, CompletableFuture<byte[]> answer) {
    }

    private final Map<MessageKey, Pending> waiting = new ConcurrentHashMap<>();
    private final Map<PartyId, Deque<Pending>> toPull = new HashMap<>();

    /**
     * Registers a request the caller now waits for.
     *
     * @throws ConflictException if the same request is already waiting
     */
    Pending open(MessageKey key, PartyId provider, byte[] delivery) {
        Pending pending = new Pending(key, provider, delivery, new CompletableFuture<>());
        if (waiting.putIfAbsent(key, pending) != null) {
            throw new ConflictException("request " + key.messageId() + " is already waiting for its answer");
        }
        return pending;
    }

    /** Queues a request for its pulling provider. */
    synchronized void queueForPull(Pending pending) {
        toPull.computeIfAbsent(pending.provider(), party -> new ArrayDeque<>()).add(pending);
    }

    /** The oldest request still waiting for {@code provider}, handed out once. */
    synchronized Optional<Pending> nextFor(PartyId provider) {
        Deque<Pending> queue = toPull.get(provider);
        while (queue != null && !queue.isEmpty()) {
            Pending next = queue.poll();
            if (!next.answer().isDone()) {
                return Optional.of(next);
            }
        }
        return Optional.empty();
    }

    /**
     * Queues a request handed out before at the head of its provider's queue again, unless it was
     * answered, its caller stopped waiting, or it is queued already.
     *
     * @return whether it was queued
     */
    synchronized boolean offerAgain(Pending pending) {
        if (pending.answer().isDone() || waiting.get(pending.key()) != pending) {
            return false;
        }
        Deque<Pending> queue = toPull.computeIfAbsent(pending.provider(), party -> new ArrayDeque<>());
        if (queue.contains(pending)) {
            return false;
        }
        queue.addFirst(pending);
        return true;
    }

    /** The request {@code key} if its caller still waits. */
    Optional<Pending> find(MessageKey key) {
        return Optional.ofNullable(waiting.get(key)).filter(pending -> !pending.answer().isDone());
    }

    /** The caller stopped waiting (answered or timed out): forget the request. */
    synchronized void close(Pending pending) {
        waiting.remove(pending.key(), pending);
        Deque<Pending> queue = toPull.get(pending.provider());
        if (queue != null) {
            queue.remove(pending);
        }
    }
}
