package org.goldensdk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.TokenSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our client against an OpenID Connect provider we did not write (mock-oauth2-server in its own
 * process): discovery, client credentials, validation of its tokens with its JWKS.
 */
@Timeout(180)
class MockOAuth2ServerInteropTest {

    private static MockOAuth2ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = new MockOAuth2ServerProcess();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void discoversFetchesAnAppTokenAndValidatesIt() {
        try (IdentityClient identity = IdentityClient.builder().issuer(server.issuer).clientId("customs-declaration")
                .clientSecret("any-secret").scope("customs-api").build()) {
            assertThat(identity.metadata().issuer()).isEqualTo(server.issuer.toString());
            assertThat(identity.metadata().tokenEndpoint().toString()).isEqualTo(server.issuer + "/token");

            TokenSource tokens = identity.appTokens();
            String token = tokens.token();
            assertThat(tokens.token()).as("cached").isSameAs(token);

            // mock-oauth2-server types its access tokens JWT, not at+jwt (RFC 9068): configured, not defaulted
            TokenValidator validator = identity.tokenValidator().audience("customs-api").tokenTypes("at+jwt", "JWT").build();
            GovPrincipal principal = validator.validate(token);
            assertThat(principal.subject()).isEqualTo("customs-declaration");

            assertThatThrownBy(() -> identity.tokenValidator().audience("customs-api").build().validate(token))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("type (typ) is 'JWT'");
            assertThatThrownBy(() -> identity.tokenValidator().audience("tax-api").tokenTypes("JWT").build().validate(token))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("holds none of [tax-api]");
        }
    }

    @Test
    void refusesAnIssuerThatDiffersFromTheDiscoveredOne() {
        assertThatThrownBy(() -> IdentityClient.builder().issuer(URI.create(server.issuer + "/")).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("exact match");
    }
}
