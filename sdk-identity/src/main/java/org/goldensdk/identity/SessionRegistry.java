package org.goldensdk.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where {@link SsoFilter} and {@link CasFilter} keep signed-in sessions. The servlet session only
 * holds the session id; every request looks the session up here, so a logout that reaches one node
 * of a cluster (the provider's back-channel or CAS single-logout call) ends the session on all of
 * them when the nodes share a registry (a database or cache implementation). Implementations are
 * thread-safe.
 */
public interface SessionRegistry {

    /** Stores or replaces {@code session}. */
    void put(SsoSession session);

    /** The session with {@code id}, if it is still signed in. */
    Optional<SsoSession> get(String id);

    /** Ends the session with {@code id}; nothing happens if there is none. */
    void remove(String id);

    /**
     * Ends every session the provider identifies by {@code providerSessionId} or, when that is null,
     * every session of {@code subject}.
     *
     * @return how many sessions were ended
     */
    int removeByProvider(String providerSessionId, String subject);

    /** A registry in this JVM's memory: right for a single node. */
    static SessionRegistry inMemory() {
        ConcurrentHashMap<String, SsoSession> sessions = new ConcurrentHashMap<>();
        return new SessionRegistry() {
            @Override
            public void put(SsoSession session) {
                sessions.put(session.id(), session);
            }

            @Override
            public Optional<SsoSession> get(String id) {
                return Optional.ofNullable(sessions.get(id));
            }

            @Override
            public void remove(String id) {
                sessions.remove(id);
            }

            @Override
            public int removeByProvider(String providerSessionId, String subject) {
                int before = sessions.size();
                sessions.values().removeIf(session -> providerSessionId != null
                        ? providerSessionId.equals(session.providerSessionId())
                        : Objects.equals(subject, session.principal().subject()));
                return before - sessions.size();
            }

            @Override
            public String toString() {
                return "SessionRegistry.inMemory[" + sessions.size() + " sessions]";
            }
        };
    }
}
