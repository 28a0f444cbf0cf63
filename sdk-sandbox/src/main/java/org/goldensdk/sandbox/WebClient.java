package org.goldensdk.sandbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.goldensdk.core.ConfigurationException;

/**
 * A web application registered with the sandbox's identity provider as a confidential OIDC client
 * ({@link Sandbox#registerWebClient(WebClient)}): it uses the authorization code flow with PKCE,
 * authenticates at the token endpoint with {@code client_secret_basic}, and may receive
 * back-channel logout tokens. The provider matches {@code redirect_uri} and
 * {@code post_logout_redirect_uri} exactly (character by character) against what is registered
 * here. Immutable.
 */
public final class WebClient {
    private final String clientId;
    private final String clientSecret;
    private final List<URI> redirectUris;
    private final List<URI> postLogoutRedirectUris;
    private final URI backchannelLogoutUri;

    private WebClient(Builder builder) {
        this.clientId = builder.clientId;
        this.clientSecret = builder.clientSecret;
        this.redirectUris = List.copyOf(builder.redirectUris);
        this.postLogoutRedirectUris = List.copyOf(builder.postLogoutRedirectUris);
        this.backchannelLogoutUri = builder.backchannelLogoutUri;
    }

    /**
     * A builder for a client with this id and secret.
     *
     * @throws ConfigurationException if the id is blank or holds a character outside printable
     *     ASCII or a colon, or the secret is shorter than 16 characters
     */
    public static Builder builder(String clientId, String clientSecret) {
        return new Builder(clientId, clientSecret);
    }

    /** The {@code client_id}. */
    public String clientId() {
        return clientId;
    }

    /** The client secret for {@code client_secret_basic}. */
    public String clientSecret() {
        return clientSecret;
    }

    /** The registered redirection URIs, at least one. */
    public List<URI> redirectUris() {
        return redirectUris;
    }

    /** Where the provider may send the browser after RP-initiated logout. */
    public List<URI> postLogoutRedirectUris() {
        return postLogoutRedirectUris;
    }

    /** Where the provider POSTs logout tokens when a session the client takes part in ends. */
    public Optional<URI> backchannelLogoutUri() {
        return Optional.ofNullable(backchannelLogoutUri);
    }

    @Override
    public String toString() {
        return "WebClient[" + clientId + ", redirectUris=" + redirectUris + "]";
    }

    /** Builds a {@link WebClient}. Not thread-safe. */
    public static final class Builder {
        private final String clientId;
        private final String clientSecret;
        private final List<URI> redirectUris = new ArrayList<>();
        private final List<URI> postLogoutRedirectUris = new ArrayList<>();
        private URI backchannelLogoutUri;

        private Builder(String clientId, String clientSecret) {
            if (clientId == null || !clientId.matches("[\\x21-\\x7E&&[^:]]+")) {
                throw new ConfigurationException("clientId", "a client id is printable ASCII without spaces or colons, got "
                        + clientId);
            }
            if (clientSecret == null || clientSecret.length() < 16) {
                throw new ConfigurationException("clientSecret", "a client secret has at least 16 characters");
            }
            this.clientId = clientId;
            this.clientSecret = clientSecret;
        }

        /**
         * Adds a redirection URI.
         *
         * @throws ConfigurationException if it is not absolute https (or http on a loopback host) or has a fragment
         */
        public Builder redirectUri(URI uri) {
            redirectUris.add(checked("redirectUri", uri));
            return this;
        }

        /**
         * Adds a URI the browser may be sent to after RP-initiated logout.
         *
         * @throws ConfigurationException if it is not absolute https (or http on a loopback host) or has a fragment
         */
        public Builder postLogoutRedirectUri(URI uri) {
            postLogoutRedirectUris.add(checked("postLogoutRedirectUri", uri));
            return this;
        }

        /**
         * Sets the OIDC Back-Channel Logout endpoint.
         *
         * @throws ConfigurationException if it is not absolute https (or http on a loopback host) or has a fragment
         */
        public Builder backchannelLogoutUri(URI uri) {
            this.backchannelLogoutUri = checked("backchannelLogoutUri", uri);
            return this;
        }

        /**
         * The client.
         *
         * @throws ConfigurationException if no redirection URI was given
         */
        public WebClient build() {
            if (redirectUris.isEmpty()) {
                throw new ConfigurationException("redirectUri", "a web client needs at least one redirection URI");
            }
            return new WebClient(this);
        }

        private static URI checked(String key, URI uri) {
            Objects.requireNonNull(uri, key);
            boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
            boolean scheme = "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback);
            if (!scheme || uri.getHost() == null || uri.getFragment() != null) {
                throw new ConfigurationException(key, "expected an absolute https URI (http only on localhost or 127.0.0.1) "
                        + "without a fragment, got " + uri);
            }
            return uri;
        }
    }
}
