package org.goldensdk.identity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.TokenSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * App tokens by the client-credentials grant, cached and refreshed ahead of expiry. One request is in
 * flight at a time: while it runs, callers get the current token if it is still valid, and otherwise
 * wait for that request's answer instead of sending their own. Thread-safe.
 */
public final class AppTokenSource implements TokenSource {

    private static final Logger LOG = LoggerFactory.getLogger(AppTokenSource.class);
    /** Used when the token endpoint does not say how long a token lives. */
    private static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(1);

    private final ProviderHttp http;
    private final URI tokenEndpoint;
    private final ClientAuthentication client;
    private final String scope;
    private final Clock clock;
    private final Duration refreshAhead;
    private final Object lock = new Object();
    private Token current;
    private CompletableFuture<Token> inFlight;

    private record Token(String value, Instant expiresAt, Instant refreshAt) {
    }

    public AppTokenSource(ProviderHttp http, URI tokenEndpoint, ClientAuthentication client, String scope, Clock clock,
            Duration refreshAhead) {
        this.http = http;
        this.tokenEndpoint = tokenEndpoint;
        this.client = client;
        this.scope = scope;
        this.clock = clock;
        this.refreshAhead = refreshAhead;
    }

    @Override
    public String token() {
        CompletableFuture<Token> request;
        boolean mine = false;
        synchronized (lock) {
            Instant now = clock.instant();
            if (current != null && now.isBefore(current.refreshAt())) {
                return current.value();
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                mine = true;
            } else if (current != null && now.isBefore(current.expiresAt())) {
                return current.value();
            }
            request = inFlight;
        }
        if (mine) {
            return fetchInto(request).value();
        }
        try {
            return request.join().value();
        } catch (CompletionException e) {
            throw e.getCause() instanceof GoldenException golden ? golden
                    : new AuthenticationException("could not obtain an app token: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void invalidate(String rejectedToken) {
        synchronized (lock) {
            if (current != null && current.value().equals(rejectedToken)) {
                current = null;
            }
        }
    }

    private Token fetchInto(CompletableFuture<Token> request) {
        try {
            Token token = fetch();
            synchronized (lock) {
                current = token;
                inFlight = null;
            }
            request.complete(token);
            return token;
        } catch (RuntimeException e) {
            synchronized (lock) {
                inFlight = null;
            }
            request.completeExceptionally(e);
            throw e;
        }
    }

    private Token fetch() {
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "client_credentials");
        if (scope != null) {
            grant.put("scope", scope);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> form = client.form(tokenEndpoint, grant, headers);
        JsonNode answer;
        try {
            answer = http.postForm(tokenEndpoint, form, headers);
        } catch (GoldenException e) {
            throw ProviderHttp.refusal(e, "the token endpoint refused client '" + client.clientId() + "' (" + client.method() + ")");
        }
        JsonNode accessToken = answer.get("access_token");
        JsonNode type = answer.get("token_type");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
            throw new AuthenticationException("the token endpoint answered without an access_token");
        }
        if (type == null || !"bearer".equalsIgnoreCase(type.asText())) {
            throw new AuthenticationException("the token endpoint issued a token of type " + type + ", not Bearer");
        }
        Instant now = clock.instant();
        JsonNode expiresIn = answer.get("expires_in");
        Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? Duration.ofSeconds(expiresIn.asLong()) : ASSUMED_LIFETIME;
        // refresh ahead, but never sooner than halfway through a short-lived token's life
        Duration ahead = refreshAhead.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : refreshAhead;
        LOG.debug("Obtained an app token for client {}, valid for {} s", client.clientId(), lifetime.toSeconds());
        return new Token(accessToken.asText(), now.plus(lifetime), now.plus(lifetime).minus(ahead));
    }
}
