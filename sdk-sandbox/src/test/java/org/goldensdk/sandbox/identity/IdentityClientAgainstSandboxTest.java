package org.goldensdk.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.TokenSource;
import org.goldensdk.identity.AssuranceLevel;
import org.goldensdk.identity.GovPrincipal;
import org.goldensdk.identity.IdentityClient;
import org.goldensdk.identity.PrincipalKind;
import org.goldensdk.identity.TokenValidator;
import org.goldensdk.sandbox.Closer;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * sdk-identity's {@link IdentityClient} and {@link TokenValidator} against the sandbox's provider,
 * on one virtual clock: app tokens by client credentials with {@code client_secret_basic} and with
 * {@code private_key_jwt} (the department's INTL key), validated by a resource server; then a key
 * rotation at the provider that the resource server follows without a restart.
 */
@Timeout(60)
class IdentityClientAgainstSandboxTest {
    private static final Duration KEY_GRACE = Duration.ofMinutes(2);
    private static final Duration JWKS_CACHE_TIME = Duration.ofMinutes(1);

    @AutoClose
    private final Closer opened = new Closer();

    @Test
    void appTokensOfBothClientAuthenticationsValidateAndFollowAKeyRotation() throws Exception {
        // a grace period shorter than a token's 10 minutes, so that a token outlives its key
        IdentityFixture fixture = opened.add(new IdentityFixture(KEY_GRACE));
        TokenSource tax = opened.add(client(fixture).clientId(Sandbox.departmentClientId(TestDepartment.TAX.partyId()))
                .clientSecret(Sandbox.DEPARTMENT_CLIENT_SECRET).build()).appTokens();
        TokenSource customs = opened.add(client(fixture).clientId(Sandbox.departmentClientId(TestDepartment.CUSTOMS.partyId()))
                .privateKeyJwt(TestDepartment.CUSTOMS.credentials()).build()).appTokens();
        TokenValidator resourceServer = opened.add(client(fixture).jwksCacheTime(JWKS_CACHE_TIME).build())
                .tokenValidator().audience("urn:golden:platform").build();

        String oldToken = tax.token();
        GovPrincipal byPassword = resourceServer.validate(oldToken);
        assertThat(byPassword.kind()).isEqualTo(PrincipalKind.APPLICATION);
        assertThat(byPassword.party()).contains(TestDepartment.TAX.partyId());
        assertThat(byPassword.assurance()).contains(AssuranceLevel.PASSWORD);
        GovPrincipal byKey = resourceServer.validate(customs.token());
        assertThat(byKey.party()).contains(TestDepartment.CUSTOMS.partyId());
        assertThat(byKey.assurance()).as("private_key_jwt counts as a certificate").contains(AssuranceLevel.CERTIFICATE);
        assertThat(tax.token()).as("cached").isEqualTo(oldToken);

        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.sandbox.rotateIdentityKeys();
        tax.invalidate(oldToken);
        String newToken = tax.token();
        assertThat(kid(newToken)).isNotEqualTo(kid(oldToken));

        assertThat(resourceServer.validate(newToken).party()).as("a new key is fetched on its first unknown kid")
                .contains(TestDepartment.TAX.partyId());
        assertThat(resourceServer.validate(oldToken).party()).as("within the grace period").contains(TestDepartment.TAX.partyId());

        fixture.clock.advance(KEY_GRACE);

        assertThatThrownBy(() -> resourceServer.validate(oldToken)).as("its key is gone, though the token has not expired")
                .isInstanceOf(AuthenticationException.class);
        assertThat(resourceServer.validate(newToken).party()).contains(TestDepartment.TAX.partyId());
    }

    private static IdentityClient.Builder client(IdentityFixture fixture) {
        return IdentityClient.builder().issuer(fixture.sandbox.issuer()).scheduler(fixture.clock)
                .transport(http -> http.tls(fixture.trust));
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }
}
