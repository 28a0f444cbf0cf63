package org.goldensdk.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.goldensdk.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

class KeyRotationTest {
    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    private static final String CUSTOMS = "11420100MB00000271.declaration";

    @Test
    void aRotatedKeyStaysPublishedForTheGracePeriodThenItsTokensStopValidating() throws Exception {
        // a grace period shorter than a token's life, so that a token outlives its key
        try (IdentityFixture fixture = new IdentityFixture(Duration.ofMinutes(2))) {
            String oldToken = applicationToken(fixture);
            String oldKid = SignedJWT.parse(oldToken).getHeader().getKeyID();
            assertThat(keyIds(fixture)).containsExactly(oldKid);

            fixture.sandbox.rotateIdentityKeys();
            String newToken = applicationToken(fixture);
            String newKid = SignedJWT.parse(newToken).getHeader().getKeyID();

            assertThat(newKid).isNotEqualTo(oldKid);
            assertThat(keyIds(fixture)).containsExactlyInAnyOrder(oldKid, newKid);
            fixture.verify(newToken, AT_JWT);
            fixture.clock.advance(Duration.ofSeconds(119));
            fixture.verify(oldToken, AT_JWT);
            assertThat(isActive(fixture, oldToken)).as("old-key token within the grace period").isTrue();

            fixture.clock.advance(Duration.ofSeconds(1));

            assertThat(keyIds(fixture)).containsExactly(newKid);
            assertThatThrownBy(() -> fixture.verify(oldToken, AT_JWT)).hasMessageContaining("kid is published");
            assertThat(isActive(fixture, oldToken)).as("old-key token, unexpired, after the grace period").isFalse();
            assertThat(isActive(fixture, newToken)).isTrue();
            assertThat(SignedJWT.parse(applicationToken(fixture)).getHeader().getKeyID()).isEqualTo(newKid);
        }
    }

    private static List<String> keyIds(IdentityFixture fixture) throws Exception {
        JWKSet keys = JWKSet.parse(fixture.browser().get(URI.create(fixture.sandbox.issuer() + "/jwks")).body());
        return keys.getKeys().stream().map(key -> {
            assertThat(key.isPrivate()).isFalse();
            return key.getKeyID();
        }).toList();
    }

    private static String applicationToken(IdentityFixture fixture) {
        return IdentityFixture.JSON.readTree(fixture.postAsClient("token", CUSTOMS, Sandbox.DEPARTMENT_CLIENT_SECRET,
                Map.of("grant_type", "client_credentials")).body()).get("access_token").asText();
    }

    private static boolean isActive(IdentityFixture fixture, String token) {
        return IdentityFixture.JSON.readTree(fixture.postAsClient("introspect", CUSTOMS, Sandbox.DEPARTMENT_CLIENT_SECRET,
                Map.of("token", token)).body()).get("active").asBoolean();
    }
}
