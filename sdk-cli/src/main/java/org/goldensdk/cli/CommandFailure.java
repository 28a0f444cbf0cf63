package org.goldensdk.cli;

/**
 * Ends a command with a given exit code and a one-line message, for outcomes that are not an
 * exception of the SDK (a dead letter, a REJECTED receipt, a wait that ran out).
 */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
