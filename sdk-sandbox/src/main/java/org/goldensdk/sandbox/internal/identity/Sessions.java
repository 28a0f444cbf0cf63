package org.goldensdk.sandbox.internal.identity;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.goldensdk.sandbox.TestUser;

/**
 * Single sign-on sessions, shared by OIDC and CAS: one browser cookie ({@value #COOKIE}) logs the
 * user in to both; ending a session revokes its tokens and notifies its participants.
 */
final class Sessions {
    static final String COOKIE = "GOLDEN_SSO";
    static final Duration LIFETIME = Duration.ofHours(8);

    private final Clock clock;
    private final ExpiringMap<SsoSession> byCookie;
    private final Tokens tokens;
    private final LogoutNotifier notifier;

    Sessions(Clock clock, Tokens tokens, LogoutNotifier notifier) {
        this.clock = clock;
        this.byCookie = new ExpiringMap<>(clock);
        this.tokens = tokens;
        this.notifier = notifier;
    }

    /** Checks the password and opens a session; empty if the user name or password is wrong. */
    Optional<SsoSession> login(String username, String password) {
        Optional<TestUser> user = TestUser.byUsername(username == null ? "" : username.strip());
        byte[] given = (password == null ? "" : password).getBytes(StandardCharsets.UTF_8);
        if (user.isEmpty() || !MessageDigest.isEqual(user.get().password().getBytes(StandardCharsets.UTF_8), given)) {
            return Optional.empty();
        }
        SsoSession session = new SsoSession(Randoms.token(), Randoms.token(), user.get(), clock.instant(), GovClaims.ACR_PASSWORD);
        byCookie.put(session.cookie, session, session.authTime.plus(LIFETIME));
        return Optional.of(session);
    }

    Optional<SsoSession> byCookie(String cookie) {
        return byCookie.get(cookie);
    }

    Optional<SsoSession> bySid(String sid) {
        return byCookie.find(session -> session.sid.equals(sid));
    }

    boolean isActive(SsoSession session) {
        return byCookie.get(session.cookie).isPresent();
    }

    /** Ends the session: its tokens are revoked, then every participant is told. */
    void end(SsoSession session) {
        byCookie.remove(session.cookie);
        tokens.revokeSession(session.sid);
        notifier.sessionEnded(session);
    }

    /** The {@code Set-Cookie} value that gives the browser the session. */
    static String cookie(SsoSession session) {
        return COOKIE + "=" + session.cookie + "; Path=/; Secure; HttpOnly; SameSite=Lax";
    }

    /** The {@code Set-Cookie} value that removes the session cookie. */
    static String expiredCookie() {
        return COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax";
    }
}
