package org.goldensdk.sandbox.internal.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Values that vanish at an instant of the provider's clock: codes, tickets, pending logins,
 * sessions, replay caches. Expired entries are never returned and are dropped as the map is used.
 */
final class ExpiringMap<V> {
    private record Entry<V>(V value, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    ExpiringMap(Clock clock) {
        this.clock = clock;
    }

    void put(String key, V value, Instant expiresAt) {
        purge();
        entries.put(key, new Entry<>(value, expiresAt));
    }

    /** Stores the value unless the key is already present and unexpired; false if it was (a replay). */
    boolean putIfAbsent(String key, V value, Instant expiresAt) {
        purge();
        Instant now = clock.instant();
        boolean[] added = {false};
        entries.compute(key, (k, existing) -> {
            if (existing != null && now.isBefore(existing.expiresAt())) {
                return existing;
            }
            added[0] = true;
            return new Entry<>(value, expiresAt);
        });
        return added[0];
    }

    Optional<V> get(String key) {
        Entry<V> entry = key == null ? null : entries.get(key);
        return entry != null && clock.instant().isBefore(entry.expiresAt()) ? Optional.of(entry.value()) : Optional.empty();
    }

    /** Removes and returns the value: whoever takes it first gets it, every later call gets nothing. */
    Optional<V> take(String key) {
        Entry<V> entry = key == null ? null : entries.remove(key);
        return entry != null && clock.instant().isBefore(entry.expiresAt()) ? Optional.of(entry.value()) : Optional.empty();
    }

    void remove(String key) {
        entries.remove(key);
    }

    /** An unexpired value matching {@code filter}. */
    Optional<V> find(Predicate<V> filter) {
        Instant now = clock.instant();
        return entries.values().stream()
                .filter(entry -> now.isBefore(entry.expiresAt()) && filter.test(entry.value()))
                .map(Entry::value)
                .findFirst();
    }

    /** Removes every value matching {@code filter}. */
    void removeIf(Predicate<V> filter) {
        entries.values().removeIf(entry -> filter.test(entry.value()));
    }

    private void purge() {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
    }
}
