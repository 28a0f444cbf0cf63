package org.goldensdk.sandbox;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.sandbox.internal.FaultInjector;

/**
 * HTTP-level faults the hub answers from inside, for tests of a client's retries. (A proxy in
 * front of the mutual-TLS hub would terminate TLS and hide the caller's certificate; use a TCP
 * proxy passing TLS through for connection-level faults.) Thread-safe.
 */
public final class SandboxFaults {
    private static final Set<Integer> STATUSES = Set.of(429, 500, 502, 503, 504);

    private final FaultInjector injector;

    SandboxFaults(FaultInjector injector) {
        this.injector = injector;
    }

    /**
     * The next {@code count} {@code POST /messages} calls are answered with {@code status} as
     * problem+json (code {@code E_UNAVAILABLE}, {@code E_BACKPRESSURE} for 429, {@code E_INTERNAL}
     * for 500) and, when {@code retryAfter} is given, a {@code Retry-After} header in whole seconds —
     * before the body is read, so nothing is stored. Replaces any plan still running.
     *
     * @throws ConfigurationException for a count below 1 or a status other than 429, 500, 502, 503, 504
     */
    public SandboxFaults failNextSubmissions(int count, int status, Duration retryAfter) {
        if (count < 1) {
            throw new ConfigurationException("count", "fail at least one submission, got " + count);
        }
        if (!STATUSES.contains(status)) {
            throw new ConfigurationException("status", "an injected fault answers one of " + STATUSES + ", got " + status);
        }
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new ConfigurationException("retryAfter", "Retry-After cannot be negative");
        }
        injector.failSubmissions(count, new FaultInjector.Fault(status, Optional.ofNullable(retryAfter)));
        return this;
    }

    /**
     * The next {@code count} acknowledgements of pulled messages and outcome reports
     * ({@code POST /inbox/receipts}) are answered with {@code status} like
     * {@link #failNextSubmissions}, before the body is read, so nothing is recorded: the message
     * stays unacknowledged and is offered again after the visibility timeout.
     *
     * @throws ConfigurationException for a count below 1 or a status other than 429, 500, 502, 503, 504
     */
    public SandboxFaults failNextAcknowledgements(int count, int status) {
        if (count < 1) {
            throw new ConfigurationException("count", "fail at least one acknowledgement, got " + count);
        }
        if (!STATUSES.contains(status)) {
            throw new ConfigurationException("status", "an injected fault answers one of " + STATUSES + ", got " + status);
        }
        injector.failAcknowledgements(count, new FaultInjector.Fault(status, Optional.empty()));
        return this;
    }

    /** Drops every planned fault. */
    public SandboxFaults clear() {
        injector.clear();
        return this;
    }
}
