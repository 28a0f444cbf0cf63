package org.goldensdk.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.sandbox.faults.RecordingScheduler.Kind;
import org.goldensdk.sandbox.faults.RecordingScheduler.Wait;

/**
 * Reads the waits one message's delivery caused off a {@link RecordingScheduler} and checks each
 * against what the code promises. Two layers wait: the HTTP transport retries inside one delivery
 * attempt (a {@link Kind#SLEEP}: retry {@code n} of that attempt waits the policy's
 * {@code delayBefore(n)}, or exactly the hub's {@code Retry-After} up to {@code maxRetryAfter});
 * when it gives up, the outbox dispatcher stores the next attempt (its next run is a
 * {@link Kind#SCHEDULE}: after the {@code m}-th failed delivery attempt it waits
 * {@code delayBefore(m)} — the due time is stored in whole milliseconds, hence 1 ms of slack
 * below). Scheduled runs of zero (a wake-up) or of the idle interval (nothing due) are not waits.
 */
record RetrySpacing(List<Wait> waits, int transportRetries, int failedDeliveryAttempts, List<Instant> attemptTimes) {
    private static final Duration STORED_IN_MILLIS = Duration.ofMillis(1);

    /** The waits asked between {@code firstAttempt} and {@code delivered} (inclusive), other than wake-ups and idle runs. */
    static RetrySpacing of(List<Wait> all, Instant firstAttempt, Instant delivered, Duration idleInterval) {
        List<Wait> waits = all.stream()
                .filter(wait -> !wait.at().isBefore(firstAttempt) && !wait.at().isAfter(delivered))
                .filter(wait -> wait.kind() == Kind.SLEEP
                        || !wait.length().isZero() && wait.length().compareTo(idleInterval) < 0)
                .toList();
        List<Instant> attempts = new ArrayList<>(List.of(firstAttempt));
        waits.forEach(wait -> attempts.add(wait.end()));
        int sleeps = (int) waits.stream().filter(wait -> wait.kind() == Kind.SLEEP).count();
        return new RetrySpacing(waits, sleeps, waits.size() - sleeps, attempts);
    }

    /** Every HTTP attempt, the first included. */
    int httpAttempts() {
        return waits.size() + 1;
    }

    /**
     * Checks every wait: a transport retry within the policy's jitter bounds for its number in its
     * delivery attempt (or exactly {@code retryAfter} when the hub sent one), never more retries than
     * the policy's attempts allow; an outbox wait within the bounds for the number of failed delivery
     * attempts so far.
     */
    RetrySpacing assertWithin(RetryPolicy policy, Optional<Duration> retryAfter) {
        int retryInAttempt = 0;
        int failedAttempts = 0;
        for (Wait wait : waits) {
            if (wait.kind() == Kind.SLEEP) {
                retryInAttempt++;
                assertThat(retryInAttempt).as("transport retries inside one delivery attempt (%s)", waits)
                        .isLessThan(policy.maxAttempts());
                if (retryAfter.isPresent()) {
                    Duration honoured = retryAfter.get().compareTo(policy.maxRetryAfter()) > 0
                            ? policy.maxRetryAfter() : retryAfter.get();
                    assertThat(wait.length()).as("transport retry %d waits the hub's Retry-After", retryInAttempt)
                            .isEqualTo(honoured);
                } else {
                    assertJittered(policy, retryInAttempt, wait.length(), Duration.ZERO, "transport retry");
                }
            } else {
                failedAttempts++;
                retryInAttempt = 0;
                assertJittered(policy, failedAttempts, wait.length(), STORED_IN_MILLIS, "outbox retry");
            }
        }
        return this;
    }

    /** Checks that the HTTP attempts happened exactly at the instants the waits ended (the proxy's log). */
    RetrySpacing assertAttemptsAt(List<Instant> observed) {
        assertThat(observed).as("HTTP attempts seen by the proxy, on the client's virtual clock; waits %s", waits)
                .containsExactlyElementsOf(attemptTimes);
        return this;
    }

    private static void assertJittered(RetryPolicy policy, int retry, Duration wait, Duration slack, String what) {
        Duration ceiling = policy.backoffCeiling(Math.min(retry, 30));
        Duration floor = policy.jitter() == RetryPolicy.Jitter.EQUAL ? ceiling.dividedBy(2) : Duration.ZERO;
        assertThat(wait).as("%s %d: %s within [%s, %s) of %s", what, retry, wait, floor, ceiling, policy)
                .isGreaterThanOrEqualTo(floor.minus(slack)).isLessThan(ceiling);
    }
}
