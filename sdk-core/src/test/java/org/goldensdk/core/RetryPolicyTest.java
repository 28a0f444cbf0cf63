package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryPolicyTest {

    private static final RandomGenerator LOWEST = () -> 0L;
    private static final RandomGenerator HIGHEST = () -> -1L;

    private final RetryPolicy policy = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).multiplier(2)
            .maxBackoff(Duration.ofSeconds(1)).maxRetryAfter(Duration.ofSeconds(30)).build();

    @Test
    void backoffGrowsExponentiallyUpToTheCap() {
        assertThat(policy.backoffCeiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffCeiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffCeiling(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoffCeiling(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffCeiling(500)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void fullJitterSpansZeroToTheCeiling() {
        assertThat(policy.delayBefore(3, Optional.empty(), LOWEST)).isZero();
        assertThat(policy.delayBefore(3, Optional.empty(), HIGHEST))
                .isLessThan(Duration.ofMillis(400)).isGreaterThan(Duration.ofMillis(399));
    }

    @Test
    void equalJitterNeverWaitsLessThanHalfTheCeiling() {
        RetryPolicy equal = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100))
                .jitter(RetryPolicy.Jitter.EQUAL).build();
        assertThat(equal.delayBefore(2, Optional.empty(), LOWEST)).isEqualTo(Duration.ofMillis(100));
        assertThat(equal.delayBefore(2, Optional.empty(), HIGHEST))
                .isLessThan(Duration.ofMillis(200)).isGreaterThan(Duration.ofMillis(199));
    }

    @ParameterizedTest
    @EnumSource(RetryPolicy.Jitter.class)
    void everyDelayLiesWithinTheJitterBounds(RetryPolicy.Jitter jitter) {
        RetryPolicy jittered = RetryPolicy.builder().jitter(jitter).build();
        SplittableRandom seeded = new SplittableRandom(20250101L);
        for (int sample = 0; sample < 10_000; sample++) {
            int retry = 1 + seeded.nextInt(60);
            Duration ceiling = jittered.backoffCeiling(retry);
            Duration delay = jittered.delayBefore(retry, Optional.empty(), seeded);
            Duration floor = jitter == RetryPolicy.Jitter.FULL ? Duration.ZERO : ceiling.dividedBy(2);
            assertThat(delay).isBetween(floor, ceiling).isLessThan(ceiling);
        }
    }

    @Test
    void retryAfterReplacesTheBackoffAndIsCapped() {
        assertThat(policy.delayBefore(1, Optional.of(Duration.ofSeconds(7)), HIGHEST)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delayBefore(1, Optional.of(Duration.ofHours(2)), HIGHEST)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void stopsAtMaxAttemptsOrWhenTheBudgetWouldBeExceeded() {
        RetryPolicy limited = RetryPolicy.builder().maxAttempts(3).budget(Duration.ofSeconds(10)).build();
        assertThat(limited.permitsAnotherAttempt(2, Duration.ofSeconds(1))).isTrue();
        assertThat(limited.permitsAnotherAttempt(3, Duration.ofSeconds(1))).isFalse();
        assertThat(limited.permitsAnotherAttempt(1, Duration.ofSeconds(11))).isFalse();
        assertThat(RetryPolicy.none().permitsAnotherAttempt(1, Duration.ZERO)).isFalse();
    }

    @Test
    void rejectsInconsistentValues() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().multiplier(0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofMinutes(1)).build())
                .hasMessageContaining("exceeds maxBackoff");
    }

    @Test
    void readsItsValuesFromSettingsUnderAPrefix() {
        Settings settings = Settings.of(Map.of("golden.http.retry.max-attempts", "6",
                "golden.http.retry.initial-backoff", "1s", "golden.http.retry.jitter", "equal",
                "golden.http.retry.budget", "PT5M"));
        RetryPolicy read = RetryPolicy.fromSettings(settings, "golden.http.retry.");
        assertThat(read).isEqualTo(RetryPolicy.builder().maxAttempts(6).initialBackoff(Duration.ofSeconds(1))
                .jitter(RetryPolicy.Jitter.EQUAL).budget(Duration.ofMinutes(5)).build());
        assertThatThrownBy(() -> RetryPolicy.fromSettings(Settings.of(Map.of("golden.http.retry.max-attempts", "0")),
                "golden.http.retry."))
                .isInstanceOf(ConfigurationException.class)
                .extracting(e -> ((ConfigurationException) e).key()).isEqualTo("golden.http.retry.max-attempts");
    }
}
