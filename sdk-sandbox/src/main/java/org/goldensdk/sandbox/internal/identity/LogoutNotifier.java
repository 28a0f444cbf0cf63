package org.goldensdk.sandbox.internal.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the participants of an ended session: a logout token POSTed to every OIDC client's
 * back-channel logout URI (OIDC Back-Channel Logout 1.0 §2.5), and a SAML {@code LogoutRequest}
 * POSTed to every CAS service with {@code SessionIndex} = its service ticket (CAS 3.0 single
 * logout). Deliveries run in parallel and are awaited, bounded by a timeout each; a participant
 * that fails to answer 2xx is logged and not retried (as real providers do).
 */
final class LogoutNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(LogoutNotifier.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final Tokens tokens;
    private final Function<String, Optional<RegisteredClient>> clients;
    private final Clock clock;

    LogoutNotifier(SSLContext tls, Tokens tokens, Function<String, Optional<RegisteredClient>> clients, Clock clock) {
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.tokens = tokens;
        this.clients = clients;
        this.clock = clock;
    }

    void sessionEnded(SsoSession session) {
        List<CompletableFuture<Void>> deliveries = new ArrayList<>();
        for (String clientId : session.oidcClients) {
            clients.apply(clientId).flatMap(RegisteredClient::backchannelLogoutUri).ifPresent(uri ->
                    deliveries.add(post(uri, "logout_token", tokens.logoutToken(session, clientId), "back-channel logout")));
        }
        for (Map.Entry<String, String> ticket : session.casTickets.entrySet()) {
            deliveries.add(post(URI.create(ticket.getValue()), "logoutRequest", logoutRequest(session, ticket.getKey()),
                    "CAS single logout"));
        }
        CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).join();
    }

    private String logoutRequest(SsoSession session, String ticket) {
        return "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
                + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"LR-" + Randoms.token() + "\" Version=\"2.0\""
                + " IssueInstant=\"" + DateTimeFormatter.ISO_INSTANT.format(clock.instant()) + "\">"
                + "<saml:NameID>" + Pages.escape(session.user.subject()) + "</saml:NameID>"
                + "<samlp:SessionIndex>" + ticket + "</samlp:SessionIndex></samlp:LogoutRequest>";
    }

    private CompletableFuture<Void> post(URI target, String name, String value, String what) {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(name + "=" + Forms.encode(value)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    if (failure != null) {
                        LOG.warn("{} to {} failed: {}", what, target, failure.toString());
                    } else if (response.statusCode() / 100 != 2) {
                        LOG.warn("{} to {} answered {}", what, target, response.statusCode());
                    }
                    return null;
                });
    }
}
