package org.goldensdk.portal;

/**
 * How a {@link PortalClient} talks to the portal. Either way the same operations, the same
 * compliance gate before sending, the same authentication (mutual TLS, app tokens) and the same
 * typed exceptions; only the wire differs.
 */
public enum Transport {
    /** JSON over HTTPS, docs/portal/openapi.yaml (the default). */
    REST,
    /**
     * SOAP 1.1 over HTTPS, docs/portal/portal-service.wsdl, every request signed with WS-Security by
     * the agency's INTL certificate, attachments as MTOM parts. Needs sdk-cxf on the class path and
     * the agency's credentials (docs/portal.md).
     */
    SOAP
}
