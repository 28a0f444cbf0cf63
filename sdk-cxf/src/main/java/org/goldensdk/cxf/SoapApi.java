package org.goldensdk.cxf;

import java.net.URL;
import java.util.Objects;
import javax.xml.namespace.QName;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.cxf.internal.SoapEndpointConfig;

/**
 * A JAX-WS service object served with the SDK's SOAP behaviour, beside REST APIs on one
 * {@link GoldenServer} port: a request body limit (MTOM parts included), hostile-XML limits on the
 * SOAP part (no DTD or entity, depth, attributes, text size and element count bounded),
 * WS-Security checked before the service runs ({@link SoapSecurity}), MTOM, and every failure
 * answered as a SOAP fault whose detail carries the same error code as problem+json
 * ({@link SoapFaults}). Contract first: with {@link #contract} the endpoint serves that WSDL's
 * binding, validates messages against its schemas and answers {@code ?wsdl} (and
 * {@code ?xsd=name} for documents beside it) with exactly the bytes of those documents.
 * Immutable; the service object is shared by all requests and must be thread-safe.
 */
public final class SoapApi {
    /** The default request body limit, MTOM attachments included: 16 MiB. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = RestApi.DEFAULT_MAX_REQUEST_BYTES;
    /** The default limits of the SOAP part: depth 64, 100 attributes, 8 MiB text, 4 MiB of XML. */
    public static final CodecLimits DEFAULT_XML_LIMITS = CodecLimits.builder().maxXmlDepth(64).maxAttributes(100)
            .maxStringLength(8 * 1024 * 1024).maxInputBytes(4L * 1024 * 1024).build();

    private final SoapEndpointConfig config;

    private SoapApi(SoapEndpointConfig config) {
        this.config = config;
    }

    /**
     * An API serving {@code implementor}, an object of a class annotated with
     * {@code @jakarta.jws.WebService}; without {@link #contract} CXF derives the WSDL from the class.
     */
    public static SoapApi of(Object implementor) {
        return new SoapApi(new SoapEndpointConfig(Objects.requireNonNull(implementor, "implementor"), null, null, null,
                null, DEFAULT_MAX_REQUEST_BYTES, 0, DEFAULT_XML_LIMITS));
    }

    /**
     * This API bound to the port {@code port} of service {@code service} in the WSDL at {@code wsdl}
     * (e.g. a class-path resource), which it serves at {@code ?wsdl} byte for byte and validates
     * messages against.
     */
    public SoapApi contract(URL wsdl, QName service, QName port) {
        return new SoapApi(config.withContract(Objects.requireNonNull(wsdl, "wsdl"), Objects.requireNonNull(service, "service"),
                Objects.requireNonNull(port, "port")));
    }

    /**
     * This API requiring WS-Security as {@code security} describes (a receiver's, from
     * {@link SoapSecurity#verifyWith}).
     *
     * @throws ConfigurationException if {@code security} signs instead of verifying
     */
    public SoapApi security(SoapSecurity security) {
        Objects.requireNonNull(security, "security");
        if (security.isSigning()) {
            throw new ConfigurationException("security", "a served API verifies: use SoapSecurity.verifyWith(anchors, scheduler)");
        }
        return new SoapApi(config.withSecurity(new SoapEndpointConfig.Verification(security.trustAnchors(),
                security.scheduler(), security.timestampTtl(), security.clockSkew(), security.partsByReference())));
    }

    /**
     * This API with another request body limit (the whole HTTP body, MTOM parts included).
     *
     * @throws ConfigurationException if {@code limit} is not positive
     */
    public SoapApi withMaxRequestBytes(long limit) {
        if (limit <= 0) {
            throw new ConfigurationException("maxRequestBytes", "the request body limit must be positive, got " + limit);
        }
        return new SoapApi(config.withMaxRequestBytes(limit));
    }

    /**
     * This API taking MTOM requests (multipart, XOP) whose parts hold up to {@code limit} bytes beyond
     * the request body limit, e.g. a message's attachments; a plain XML request keeps the request body
     * limit. None by default.
     *
     * @throws ConfigurationException if {@code limit} is negative
     */
    public SoapApi withMaxPartsBytes(long limit) {
        if (limit < 0) {
            throw new ConfigurationException("maxPartsBytes", "the MTOM parts' allowance must not be negative, got " + limit);
        }
        return new SoapApi(config.withMaxPartsBytes(limit));
    }

    /** This API with other limits for the SOAP part's XML (depth, attributes, text, size). */
    public SoapApi withXmlLimits(CodecLimits limits) {
        return new SoapApi(config.withXmlLimits(Objects.requireNonNull(limits, "limits")));
    }

    /** The request body limit in bytes. */
    public long maxRequestBytes() {
        return config.maxRequestBytes();
    }

    SoapEndpointConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "SoapApi[" + config.implementor().getClass().getSimpleName() + (config.wsdl() == null ? "" : ", " + config.port())
                + ", maxRequestBytes=" + config.maxRequestBytes() + "]";
    }
}
