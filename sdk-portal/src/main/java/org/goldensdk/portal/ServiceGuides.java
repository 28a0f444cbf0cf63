package org.goldensdk.portal;

import java.util.List;
import java.util.Map;
import org.goldensdk.core.CreditCode;
import org.goldensdk.portal.internal.PortalHttp;

/**
 * The agency's service guides (办事指南): published at once after the compliance gate, updated from
 * the version read. Thread-safe; get it from {@link PortalClient#guides()}.
 */
public final class ServiceGuides {
    private final PortalHttp http;
    private final ComplianceGate gate;

    ServiceGuides(PortalHttp http, ComplianceGate gate) {
        this.http = http;
        this.gate = gate;
    }

    /**
     * Publishes a new guide (version 1); retried safely.
     *
     * @throws org.goldensdk.core.ComplianceException listing every finding of the gate
     */
    public ServiceGuide publish(ServiceGuideDraft guide) {
        return http.send("POST", "guides", gate.reviewGuide(guide), ServiceGuide.class, true);
    }

    /**
     * Replaces guide {@code id}, provided it is still at {@code expectedVersion}.
     *
     * @throws org.goldensdk.core.ConflictException if someone changed it since
     * @throws org.goldensdk.core.AccessDeniedException if another agency owns it
     */
    public ServiceGuide update(String id, long expectedVersion, ServiceGuideDraft guide) {
        return http.send("PUT", PortalHttp.withQuery("guides/" + PortalHttp.segment(id),
                Map.of("expectedVersion", expectedVersion)), gate.reviewGuide(guide), ServiceGuide.class, false);
    }

    /**
     * Guide {@code id}.
     *
     * @throws org.goldensdk.core.NotFoundException if there is none
     */
    public ServiceGuide get(String id) {
        return http.get("guides/" + PortalHttp.segment(id), ServiceGuide.class);
    }

    /** The guides of {@code agency}, newest first. */
    public List<ServiceGuide> list(CreditCode agency) {
        return http.get(PortalHttp.withQuery("guides", Map.of("agency", agency)), PortalHttp.GuideList.class).items();
    }
}
