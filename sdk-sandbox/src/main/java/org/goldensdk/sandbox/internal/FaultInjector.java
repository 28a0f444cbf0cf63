package org.goldensdk.sandbox.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * Faults the hub answers from inside, for tests: a TLS-terminating proxy in front of a mutual-TLS
 * hub would hide the caller's certificate, so HTTP-level faults are injected here. Thread-safe.
 */
public final class FaultInjector {

    /** One injected answer: an HTTP status and an optional {@code Retry-After}. */
    public record Fault(int status, Optional<Duration> retryAfter) {
    }

    private int remaining;
    private Fault fault;
    private int acknowledgementsToFail;
    private Fault acknowledgementFault;

    /** The next {@code count} submissions are answered with {@code fault}, replacing any plan. */
    public synchronized void failSubmissions(int count, Fault fault) {
        this.remaining = count;
        this.fault = fault;
    }

    /** The next {@code count} acknowledgements ({@code POST /inbox/receipts}) are answered with {@code fault}. */
    public synchronized void failAcknowledgements(int count, Fault fault) {
        this.acknowledgementsToFail = count;
        this.acknowledgementFault = fault;
    }

    /** Drops any planned fault. */
    public synchronized void clear() {
        remaining = 0;
        fault = null;
        acknowledgementsToFail = 0;
        acknowledgementFault = null;
    }

    /** The fault for this acknowledgement, if one is planned; counts it. */
    public synchronized Optional<Fault> nextAcknowledgement() {
        if (acknowledgementsToFail == 0) {
            return Optional.empty();
        }
        acknowledgementsToFail--;
        return Optional.of(acknowledgementFault);
    }

    /** The fault for this submission, if one is planned; counts it. */
    public synchronized Optional<Fault> nextSubmission() {
        if (remaining == 0) {
            return Optional.empty();
        }
        remaining--;
        return Optional.of(fault);
    }
}
