package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misconfigured sealers and verifiers fail when built, naming the key that is wrong. */
class BuilderConfigurationTest {

    @Test
    void aSealerNeedsItsPartyAndExactlyOneKey() {
        assertThatThrownBy(() -> EnvelopeSealer.builder().credentials(TestDepartment.TAX.credentials()).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.key()).isEqualTo("party"));
        assertThatThrownBy(() -> EnvelopeSealer.builder().party(TestDepartment.TAX.partyId()).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.key()).isEqualTo("credentials"));
        assertThatThrownBy(() -> EnvelopeSealer.builder().party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials())
                .signer(TestDepartment.TAX.credentials().signer(CryptoSuite.GM)).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.key()).isEqualTo("signer"));
    }

    @Test
    void aSealerRefusesALifetimeBeyondThirtyDaysAndASpoolThatIsNoDirectory(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> EnvelopeSealer.builder().defaultLifetime(Duration.ofDays(31)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.key()).isEqualTo("defaultLifetime"));
        Path file = java.nio.file.Files.createFile(dir.resolve("not-a-directory"));
        assertThatThrownBy(() -> EnvelopeSealer.builder().party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials()).spoolDirectory(file).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.key()).isEqualTo("spoolDirectory"));
    }

    @Test
    void aVerifierNeedsTrustAnchorsAndANonNegativeSkew() {
        assertThatThrownBy(() -> EnvelopeVerifier.builder().build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.key()).isEqualTo("trustAnchors"));
        assertThatThrownBy(() -> EnvelopeVerifier.builder().clockSkew(Duration.ofSeconds(-1)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.key()).isEqualTo("clockSkew"));
    }
}
