package org.goldensdk.core;

import java.util.List;

/** Content failed the publication compliance gate; {@link #findings()} is the findings report. */
public class ComplianceException extends GoldenException {
    private static final long serialVersionUID = 1L;

    private final transient List<Finding> findings;

    /** Creates the exception from the findings report. */
    public ComplianceException(List<Finding> findings) {
        this(findings, null);
    }

    /** Creates the exception as reported by a remote party. */
    public ComplianceException(List<Finding> findings, RemoteDetails remote) {
        super(ErrorCode.COMPLIANCE, "content failed the compliance gate: " + ValidationException.describe(findings),
                null, remote);
        this.findings = List.copyOf(findings);
    }

    /** Every finding, in the order found. */
    public List<Finding> findings() {
        return findings;
    }
}
