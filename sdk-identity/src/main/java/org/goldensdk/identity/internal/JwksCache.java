package org.goldensdk.identity.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.GoldenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's signing keys. Fetched on first use and again once older than the cache time; a key
 * id that is not in the set triggers one refetch — at most once per refresh interval, however many
 * unknown key ids arrive (a flood of forged key ids cannot make us hammer the provider), and
 * concurrent callers wait for that one fetch instead of starting their own. When a refetch fails
 * (the provider is down), the keys already known stay in use and the fetch is tried again after one
 * refresh interval. Thread-safe.
 */
public final class JwksCache {

    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);

    private final ProviderHttp http;
    private final URI jwksUri;
    private final Clock clock;
    private final Duration cacheTime;
    private final Duration refreshInterval;
    private final Runnable onKeysRemoved;
    private final Object fetchLock = new Object();
    private volatile Snapshot snapshot;

    /** The keys, when they were last asked for, and when they must be asked for again. */
    private record Snapshot(List<JWK> keys, Instant attemptedAt, Instant staleAt) {
    }

    /**
     * @param onKeysRemoved called after a fetch that dropped a key, so results validated with it are forgotten
     */
    public JwksCache(ProviderHttp http, URI jwksUri, Clock clock, Duration cacheTime, Duration refreshInterval,
            Runnable onKeysRemoved) {
        this.http = http;
        this.jwksUri = jwksUri;
        this.clock = clock;
        this.cacheTime = cacheTime;
        this.refreshInterval = refreshInterval;
        this.onKeysRemoved = onKeysRemoved;
    }

    /**
     * The signature keys with {@code keyId} (any key when it is null) usable for {@code keyType}.
     * Refetches once when none is known and the last fetch is older than the refresh interval.
     */
    public List<JWK> keys(String keyId, String keyType) {
        Snapshot current = current();
        List<JWK> found = matching(current, keyId, keyType);
        if (found.isEmpty()) {
            Snapshot refreshed = refreshIfAllowed(current);
            found = matching(refreshed, keyId, keyType);
        }
        return found;
    }

    /**
     * Fetches the key set again if it is older than the cache time, so a key the provider dropped
     * stops being trusted (and the listeners forget what it validated) even while tokens are served
     * from a cache. Costs a clock read when the set is fresh.
     */
    public void refreshIfStale() {
        current();
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null || !clock.instant().isBefore(current.staleAt())) {
            return fetchUnlessNewer(current, Duration.ZERO);
        }
        return current;
    }

    private Snapshot refreshIfAllowed(Snapshot seen) {
        if (clock.instant().isBefore(seen.attemptedAt().plus(refreshInterval))) {
            return seen;
        }
        return fetchUnlessNewer(seen, refreshInterval);
    }

    /** One fetch at a time; whoever waited behind it uses its result instead of fetching again. */
    private Snapshot fetchUnlessNewer(Snapshot seen, Duration minimumAge) {
        synchronized (fetchLock) {
            Snapshot latest = snapshot;
            if (latest != null && latest != seen) {
                return latest;
            }
            if (latest != null && clock.instant().isBefore(latest.attemptedAt().plus(minimumAge))) {
                return latest;
            }
            Snapshot fetched;
            try {
                fetched = fetch();
            } catch (GoldenException e) {
                if (latest == null) {
                    throw e;
                }
                // keep trusting the keys we have through a provider outage; try again after one refresh interval
                LOG.warn("Could not refetch the provider's key set at {}; using the one fetched at {}: {}", jwksUri,
                        latest.attemptedAt(), e.getMessage());
                Snapshot kept = new Snapshot(latest.keys(), clock.instant(), clock.instant().plus(refreshInterval));
                snapshot = kept;
                return kept;
            }
            if (latest != null && latest.keys().stream().anyMatch(key -> !fetched.keys().contains(key))) {
                LOG.info("The provider's key set at {} dropped a key; tokens signed with it are no longer accepted", jwksUri);
                onKeysRemoved.run();
            }
            snapshot = fetched;
            return fetched;
        }
    }

    private Snapshot fetch() {
        JWKSet set;
        try {
            set = JWKSet.parse(new String(http.get(jwksUri, "application/json, application/jwk-set+json"), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new AuthenticationException("the provider's key set at " + jwksUri + " is not a valid JWK set: " + e.getMessage(), e);
        }
        List<JWK> keys = set.toPublicJWKSet().getKeys().stream()
                .filter(key -> key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
                .filter(key -> !key.getKeyType().getValue().equals("oct"))
                .toList();
        LOG.debug("Fetched {} signature keys from {}", keys.size(), jwksUri);
        Instant now = clock.instant();
        return new Snapshot(keys, now, now.plus(cacheTime));
    }

    private static List<JWK> matching(Snapshot snapshot, String keyId, String keyType) {
        return snapshot.keys().stream()
                .filter(key -> key.getKeyType().getValue().equals(keyType))
                .filter(key -> keyId == null || Objects.equals(keyId, key.getKeyID()))
                .toList();
    }
}
