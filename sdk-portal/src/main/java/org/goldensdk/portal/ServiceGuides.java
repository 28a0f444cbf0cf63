package org.goldensdk.portal;

import java.util.List;
import org.goldensdk.core.CreditCode;
import org.goldensdk.portal.internal.PortalApi;
import org.goldensdk.portal.internal.Versions;

/**
 * The agency's service guides (办事指南): published at once after the compliance gate, updated from
 * the version read. Thread-safe; get it from {@link PortalClient#guides()}.
 */
public final class ServiceGuides {
    private final PortalApi api;
    private final ComplianceGate gate;

    ServiceGuides(PortalApi api, ComplianceGate gate) {
        this.api = api;
        this.gate = gate;
    }

    /**
     * Publishes a new guide (version 1); retried safely.
     *
     * @throws org.goldensdk.core.ComplianceException listing every finding of the gate
     */
    public ServiceGuide publish(ServiceGuideDraft guide) {
        return api.createGuide(gate.reviewGuide(guide));
    }

    /**
     * Replaces guide {@code id}, provided it is still at {@code expectedVersion}.
     *
     * @throws org.goldensdk.core.ConflictException if someone changed it since
     * @throws org.goldensdk.core.AccessDeniedException if another agency owns it
     */
    public ServiceGuide update(String id, long expectedVersion, ServiceGuideDraft guide) {
        return api.updateGuide(id, Versions.require("expectedVersion", expectedVersion), gate.reviewGuide(guide));
    }

    /**
     * Guide {@code id}.
     *
     * @throws org.goldensdk.core.NotFoundException if there is none
     */
    public ServiceGuide get(String id) {
        return api.guide(id);
    }

    /** The guides of {@code agency}, newest first. */
    public List<ServiceGuide> list(CreditCode agency) {
        return api.guides(agency);
    }
}
