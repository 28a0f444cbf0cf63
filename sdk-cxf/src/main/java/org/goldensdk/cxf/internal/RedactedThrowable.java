package org.goldensdk.cxf.internal;

/**
 * A copy of a throwable for the log: same class name, stack and causes, with personal data in the
 * messages masked, so an unexpected failure can be logged in full without leaking what it quoted.
 */
final class RedactedThrowable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_DEPTH = 16;

    private final String originalClass;

    private RedactedThrowable(Throwable original, Throwable redactedCause) {
        super(original.getMessage() == null ? null : Failures.redact(original.getMessage()), redactedCause, false, true);
        this.originalClass = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    static RedactedThrowable of(Throwable original) {
        return copy(original, 0);
    }

    private static RedactedThrowable copy(Throwable original, int depth) {
        Throwable cause = original.getCause();
        return new RedactedThrowable(original, cause == null || depth >= MAX_DEPTH ? null : copy(cause, depth + 1));
    }

    @Override
    public String toString() {
        return getMessage() == null ? originalClass : originalClass + ": " + getMessage();
    }
}
