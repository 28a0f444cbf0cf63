package org.goldensdk.cxf.internal;

import java.net.URL;
import java.time.Duration;
import javax.xml.namespace.QName;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.Scheduler;
import org.goldensdk.core.TrustAnchors;

/**
 * What a SOAP endpoint is published with (see {@code SoapApi}).
 *
 * @param wsdl the contract, or null for a code-first service
 * @param security the WS-Security checks, or null for none
 * @param maxPartsBytes what the MTOM parts of one request may hold beyond {@code maxRequestBytes}
 */
public record SoapEndpointConfig(Object implementor, URL wsdl, QName service, QName port, Verification security,
        long maxRequestBytes, long maxPartsBytes, CodecLimits xmlLimits) {

    /**
     * A receiver's WS-Security checks.
     *
     * @param partsByReference whether MTOM parts are signed as their {@code xop:Include} (else as their content)
     */
    public record Verification(TrustAnchors trustAnchors, Scheduler scheduler, Duration timestampTtl, Duration clockSkew,
            boolean partsByReference) {
    }

    public SoapEndpointConfig withContract(URL wsdl, QName service, QName port) {
        return new SoapEndpointConfig(implementor, wsdl, service, port, security, maxRequestBytes, maxPartsBytes, xmlLimits);
    }

    public SoapEndpointConfig withSecurity(Verification security) {
        return new SoapEndpointConfig(implementor, wsdl, service, port, security, maxRequestBytes, maxPartsBytes, xmlLimits);
    }

    public SoapEndpointConfig withMaxRequestBytes(long limit) {
        return new SoapEndpointConfig(implementor, wsdl, service, port, security, limit, maxPartsBytes, xmlLimits);
    }

    public SoapEndpointConfig withMaxPartsBytes(long limit) {
        return new SoapEndpointConfig(implementor, wsdl, service, port, security, maxRequestBytes, limit, xmlLimits);
    }

    public SoapEndpointConfig withXmlLimits(CodecLimits limits) {
        return new SoapEndpointConfig(implementor, wsdl, service, port, security, maxRequestBytes, maxPartsBytes, limits);
    }
}
