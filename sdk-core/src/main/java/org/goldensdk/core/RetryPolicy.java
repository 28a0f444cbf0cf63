package org.goldensdk.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.goldensdk.core.internal.time.Durations;

/**
 * The SDK's one retry policy (the HTTP transport and the outbox dispatcher both use it): how many
 * attempts, how long to wait between them, and an overall budget. Immutable and thread-safe.
 *
 * <p>The wait before retry {@code n} (1 for the first retry) is exponential backoff
 * {@code min(maxBackoff, initialBackoff × multiplier^(n-1))} with jitter: {@link Jitter#FULL}
 * (the default) waits a uniformly random time in {@code [0, backoff)}, {@link Jitter#EQUAL} in
 * {@code [backoff/2, backoff)}. Full jitter is the default because many department systems retry
 * against one exchange hub: after an outage it spreads their retries furthest apart, which
 * measurably lowers the load that finally succeeds (the AWS "exponential backoff and jitter"
 * analysis); equal jitter suits callers that must not retry almost immediately. A server's
 * {@code Retry-After} replaces the computed wait, capped at {@link #maxRetryAfter()}.
 */
public final class RetryPolicy {

    /** How randomness shortens the exponential backoff. */
    public enum Jitter {
        /** Uniform in {@code [0, backoff)}: spreads competing clients the most. */
        FULL,
        /** Uniform in {@code [backoff/2, backoff)}: never retries sooner than half the backoff. */
        EQUAL
    }

    /** The settings keys {@link #fromSettings(Settings, String)} reads, relative to its prefix. */
    public static final List<String> SETTING_NAMES = List.of(
            "max-attempts", "initial-backoff", "multiplier", "max-backoff", "jitter", "max-retry-after", "budget");

    private static final RetryPolicy NONE = builder().maxAttempts(1).build();
    private static final RetryPolicy DEFAULTS = builder().build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final Jitter jitter;
    private final Duration maxRetryAfter;
    private final Duration budget;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.multiplier = builder.multiplier;
        this.maxBackoff = builder.maxBackoff;
        this.jitter = builder.jitter;
        this.maxRetryAfter = builder.maxRetryAfter;
        this.budget = builder.budget;
    }

    /** One attempt, never a retry. */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * 4 attempts, backoff 200 ms doubling up to 10 s with full jitter, {@code Retry-After} honoured up
     * to 60 s, 2 minutes overall budget.
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}' values. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults overridden by the keys {@code prefix + name} for each name in {@link #SETTING_NAMES}
     * (e.g. {@code golden.http.retry.max-attempts}).
     *
     * @throws ConfigurationException naming the key of an invalid value
     */
    public static RetryPolicy fromSettings(Settings settings, String prefix) {
        Builder builder = builder();
        settings.getInt(prefix + "max-attempts").ifPresent(value -> apply(prefix + "max-attempts", () -> builder.maxAttempts(value)));
        settings.getDuration(prefix + "initial-backoff").ifPresent(value -> apply(prefix + "initial-backoff", () -> builder.initialBackoff(value)));
        settings.getDouble(prefix + "multiplier").ifPresent(value -> apply(prefix + "multiplier", () -> builder.multiplier(value)));
        settings.getDuration(prefix + "max-backoff").ifPresent(value -> apply(prefix + "max-backoff", () -> builder.maxBackoff(value)));
        settings.getEnum(prefix + "jitter", Jitter.class).ifPresent(builder::jitter);
        settings.getDuration(prefix + "max-retry-after").ifPresent(value -> apply(prefix + "max-retry-after", () -> builder.maxRetryAfter(value)));
        settings.getDuration(prefix + "budget").ifPresent(value -> apply(prefix + "budget", () -> builder.budget(value)));
        RetryPolicy[] built = new RetryPolicy[1];
        apply(prefix + "initial-backoff", () -> built[0] = builder.build());
        return built[0];
    }

    private static void apply(String key, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, e.getMessage(), e);
        }
    }

    /** Attempts in total, the first included; at least 1. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Backoff before the first retry, before jitter. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** Factor the backoff grows by per retry; at least 1. */
    public double multiplier() {
        return multiplier;
    }

    /** Upper bound of the backoff before jitter. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** How the backoff is randomised. */
    public Jitter jitter() {
        return jitter;
    }

    /** The longest server-requested {@code Retry-After} wait honoured; longer requests are cut to it. */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** Time from the first attempt after which no retry starts (waits included). */
    public Duration budget() {
        return budget;
    }

    /** The backoff before retry {@code retry} without jitter: {@code min(maxBackoff, initial × multiplier^(retry-1))}. */
    public Duration backoffCeiling(int retry) {
        requireRetryNumber(retry);
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, retry - 1);
        return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
    }

    /**
     * The wait before retry {@code retry} (1 = first retry). A pure function: with
     * {@code retryAfter} present it is {@code min(retryAfter, maxRetryAfter)}; otherwise the
     * jittered backoff using one {@code random.nextDouble()} draw.
     */
    public Duration delayBefore(int retry, Optional<Duration> retryAfter, RandomGenerator random) {
        requireRetryNumber(retry);
        if (retryAfter.isPresent()) {
            Duration requested = Durations.requireNonNegative(retryAfter.get(), "retryAfter");
            return requested.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : requested;
        }
        long ceiling = backoffCeiling(retry).toNanos();
        double draw = random.nextDouble();
        long nanos = switch (jitter) {
            case FULL -> (long) (ceiling * draw);
            case EQUAL -> ceiling / 2 + (long) ((ceiling - ceiling / 2) * draw);
        };
        return Duration.ofNanos(nanos);
    }

    /**
     * Whether another attempt may start after {@code attemptsMade} attempts, given that it would start
     * {@code elapsedAtNextAttempt} after the first attempt began (the coming wait included).
     */
    public boolean permitsAnotherAttempt(int attemptsMade, Duration elapsedAtNextAttempt) {
        return attemptsMade < maxAttempts && elapsedAtNextAttempt.compareTo(budget) <= 0;
    }

    private static void requireRetryNumber(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry number starts at 1, got " + retry);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RetryPolicy that && maxAttempts == that.maxAttempts
                && Double.compare(multiplier, that.multiplier) == 0 && initialBackoff.equals(that.initialBackoff)
                && maxBackoff.equals(that.maxBackoff) && jitter == that.jitter
                && maxRetryAfter.equals(that.maxRetryAfter) && budget.equals(that.budget);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, maxRetryAfter, budget);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", multiplier="
                + multiplier + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + ", maxRetryAfter="
                + maxRetryAfter + ", budget=" + budget + "]";
    }

    /** Builds a {@link RetryPolicy}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(200);
        private double multiplier = 2.0;
        private Duration maxBackoff = Duration.ofSeconds(10);
        private Jitter jitter = Jitter.FULL;
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private Duration budget = Duration.ofMinutes(2);

        private Builder() {
        }

        /** Attempts in total including the first; 1 disables retries. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Backoff before the first retry; positive. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = Durations.requirePositive(initialBackoff, "initialBackoff");
            return this;
        }

        /** Growth factor per retry; at least 1 and finite. */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be a finite number >= 1, got " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /** Cap of the backoff; positive. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = Durations.requirePositive(maxBackoff, "maxBackoff");
            return this;
        }

        /** Jitter mode. */
        public Builder jitter(Jitter jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /** Cap on a server's {@code Retry-After}; zero or positive. */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = Durations.requireNonNegative(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        /** Overall budget from the first attempt; positive. */
        public Builder budget(Duration budget) {
            this.budget = Durations.requirePositive(budget, "budget");
            return this;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException if the initial backoff exceeds the maximum
         */
        public RetryPolicy build() {
            if (initialBackoff.compareTo(maxBackoff) > 0) {
                throw new IllegalArgumentException("initialBackoff " + initialBackoff
                        + " exceeds maxBackoff " + maxBackoff + "; lower it or raise maxBackoff");
            }
            return new RetryPolicy(this);
        }
    }
}
