package org.goldensdk.sandbox.internal.identity;

import java.net.URI;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Optional;
import org.goldensdk.core.PartyId;

/**
 * A client of the provider: an application (a department's business system, client credentials,
 * authenticated by secret or by a {@code private_key_jwt} signed with its INTL key) or a web
 * application (authorization code with PKCE, authenticated by secret).
 */
record RegisteredClient(String clientId, String secret, Optional<ECPublicKey> assertionKey, String name,
        Optional<PartyId> party, List<URI> redirectUris, List<URI> postLogoutRedirectUris,
        Optional<URI> backchannelLogoutUri) {

    boolean isApplication() {
        return party.isPresent();
    }
}
