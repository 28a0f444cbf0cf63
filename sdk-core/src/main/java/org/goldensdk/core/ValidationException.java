package org.goldensdk.core;

import java.util.List;
import java.util.stream.Collectors;

/** Input broke one or more rules; {@link #findings()} lists each, field by field. */
public class ValidationException extends GoldenException {
    private static final long serialVersionUID = 1L;

    private final transient List<Finding> findings;

    /** Creates the exception from at least one finding. */
    public ValidationException(List<Finding> findings) {
        this(findings, null);
    }

    /** Creates the exception for a single broken rule. */
    public ValidationException(String field, String rule, String message) {
        this(List.of(new Finding(field, rule, message)));
    }

    /** Creates the exception as reported by a remote party. */
    public ValidationException(List<Finding> findings, RemoteDetails remote) {
        super(ErrorCode.VALIDATION, findings.isEmpty() && remote != null && remote.detail() != null
                ? remote.detail() : describe(findings), null, remote);
        this.findings = List.copyOf(findings);
    }

    /** Every broken rule, in the order found; never empty for a locally raised exception. */
    public List<Finding> findings() {
        return findings;
    }

    static String describe(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "invalid input";
        }
        return findings.stream().map(Finding::toString).collect(Collectors.joining("; "));
    }
}
