package org.goldensdk.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * refresh interval. Each key comes with its signature verifier, built once per fetch rather than per
 * token. Thread-safe.
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
    private record Snapshot(List<VerificationKey> keys, Instant attemptedAt, Instant staleAt) {
    }

    /**
     * A key of the set and the verifier for it; the verifier is null when the key cannot verify JWS
     * signatures here (a key type or curve we do not support), so no token verifies with it.
     */
    public record VerificationKey(JWK jwk, JWSVerifier verifier) {
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
    public List<VerificationKey> keys(String keyId, String keyType) {
        Snapshot current = current();
        List<VerificationKey> found = matching(current, keyId, keyType);
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
            List<JWK> fetchedKeys = fetched.keys().stream().map(VerificationKey::jwk).toList();
            if (latest != null && latest.keys().stream().anyMatch(key -> !fetchedKeys.contains(key.jwk()))) {
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
        List<VerificationKey> keys = set.toPublicJWKSet().getKeys().stream()
                .filter(key -> key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
                .filter(key -> !key.getKeyType().getValue().equals("oct"))
                .map(key -> new VerificationKey(key, verifier(key)))
                .toList();
        LOG.debug("Fetched {} signature keys from {}", keys.size(), jwksUri);
        Instant now = clock.instant();
        return new Snapshot(keys, now, now.plus(cacheTime));
    }

    /**
     * RSA keys verify with the JDK's provider (SunRsaSign, measured a little faster than BouncyCastle
     * for RS256), EC keys with BouncyCastle (the JDK's SunEC is several times slower). Both verifiers
     * are stateless per call and honour no critical header parameter, as Nimbus's default factory.
     */
    private static JWSVerifier verifier(JWK key) {
        try {
            if (key instanceof RSAKey rsa) {
                return new RSASSAVerifier(rsa.toRSAPublicKey());
            }
            if (key instanceof ECKey ec) {
                ECDSAVerifier verifier = new ECDSAVerifier(ec.toECPublicKey());
                verifier.getJCAContext().setProvider(ClientAuthentication.BOUNCY_CASTLE);
                return verifier;
            }
        } catch (JOSEException e) {
            LOG.debug("Key {} of {} cannot verify signatures here: {}", key.getKeyID(), key.getKeyType(), e.getMessage());
        }
        return null;
    }

    private static List<VerificationKey> matching(Snapshot snapshot, String keyId, String keyType) {
        List<VerificationKey> found = new ArrayList<>(1);
        for (VerificationKey key : snapshot.keys()) {
            if (key.jwk().getKeyType().getValue().equals(keyType) && (keyId == null || Objects.equals(keyId, key.jwk().getKeyID()))) {
                found.add(key);
            }
        }
        return found;
    }
}
