package org.goldensdk.identity;

import org.goldensdk.core.AuthenticationException;

/**
 * The caller is authenticated, but not strongly enough for the operation: it must log in again at
 * {@link #required()} (step-up). An {@link AuthenticationException}, so HTTP guards answer 401.
 */
public class StepUpRequiredException extends AuthenticationException {
    private static final long serialVersionUID = 1L;

    private final AssuranceLevel required;

    /** The operation needs {@code required}; {@code message} says what the caller has. */
    public StepUpRequiredException(AssuranceLevel required, String message) {
        super(message);
        this.required = required;
    }

    /** The assurance level the operation needs. */
    public AssuranceLevel required() {
        return required;
    }
}
