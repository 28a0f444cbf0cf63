package org.goldensdk.sandbox.internal.identity;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.goldensdk.sandbox.TestUser;

/**
 * A user's single sign-on session at the provider: identified in the browser by a random cookie
 * value, in tokens by {@code sid}; remembers the OIDC clients and CAS services (with the service
 * ticket each got) that took part, so ending it can log them all out.
 */
final class SsoSession {
    final String cookie;
    final String sid;
    final TestUser user;
    final Instant authTime;
    final String acr;
    final Set<String> oidcClients = ConcurrentHashMap.newKeySet();
    /** Service ticket → service URL it was issued for. */
    final Map<String, String> casTickets = new ConcurrentHashMap<>();

    SsoSession(String cookie, String sid, TestUser user, Instant authTime, String acr) {
        this.cookie = cookie;
        this.sid = sid;
        this.user = user;
        this.authTime = authTime;
        this.acr = acr;
    }
}
