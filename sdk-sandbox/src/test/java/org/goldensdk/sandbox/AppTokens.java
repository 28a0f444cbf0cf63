package org.goldensdk.sandbox;

import org.goldensdk.core.PartyId;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.identity.IdentityClient;
import org.goldensdk.testkit.TestCredentials;

/** sdk-identity's client for a department's system at the sandbox's identity provider, as the app-token tests use it. */
public final class AppTokens {
    private AppTokens() {
    }

    /**
     * An {@link IdentityClient} (discovery at {@link Sandbox#issuer()}) with the application client of
     * {@code party}, authenticated by {@code client_secret_basic}; the caller closes it.
     */
    public static IdentityClient identity(Sandbox sandbox, PartyId party) {
        return IdentityClient.builder().issuer(sandbox.issuer()).clientId(Sandbox.departmentClientId(party))
                .clientSecret(Sandbox.DEPARTMENT_CLIENT_SECRET)
                .transport(http -> http.tls(TlsConfig.builder().trustAnchors(TestCredentials.trustAnchors().certificates()).build()))
                .build();
    }
}
