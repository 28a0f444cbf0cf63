package org.goldensdk.cxf.internal;

import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.ws.security.wss4j.DefaultCryptoCoverageChecker;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.goldensdk.core.CodecLimits;

/** Publishes a JAX-WS service object on a bus with the SDK's SOAP behaviour (see {@code SoapApi}). */
final class SoapEndpoints {
    private static final String VERIFICATION_CRYPTO = "golden.soap.verificationCrypto";

    private SoapEndpoints() {
    }

    static Server publish(Bus bus, String address, SoapEndpointConfig config) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(address);
        factory.setServiceBean(config.implementor());
        factory.setServiceClass(config.implementor().getClass());
        Map<String, Object> properties = new HashMap<>(limits(config.xmlLimits()));
        properties.put(Message.MTOM_ENABLED, Boolean.TRUE);
        // attachments beyond 1 MiB are spooled to temporary files, never held whole in memory
        properties.put("attachment-memory-threshold", 1024 * 1024);
        properties.put("attachment-max-size", SoapBodyLimitInterceptor.sum(config.maxRequestBytes(), config.maxPartsBytes()));
        if (config.wsdl() != null) {
            factory.setWsdlLocation(config.wsdl().toString());
            factory.setServiceName(config.service());
            factory.setEndpointName(config.port());
            properties.put(Message.SCHEMA_VALIDATION_ENABLED, "IN");
            factory.getInInterceptors().add(new ContractDocumentsInterceptor(config.wsdl()));
        }
        factory.setProperties(properties);
        factory.getInInterceptors().add(new SoapBodyLimitInterceptor(config.maxRequestBytes(), config.maxPartsBytes()));
        factory.getInInterceptors().add(new SafeXmlReaderInterceptor(config.xmlLimits()));
        if (config.security() != null) {
            properties.put(SecurityConstants.ENABLE_TIMESTAMP_CACHE, Boolean.FALSE);
            properties.put(SecurityConstants.ENABLE_NONCE_CACHE, Boolean.FALSE);
            factory.getInInterceptors().add(new WSS4JInInterceptor(wss4jIn(config.security())));
            factory.getInInterceptors().add(new DefaultCryptoCoverageChecker());
            factory.getInInterceptors().add(new WsSecurityChecks(config.security()));
            if (config.security().partsByReference()) {
                factory.getInInterceptors().add(new StreamedPartsInterceptor());
            }
        }
        factory.getOutFaultInterceptors().add(new SoapFaultMapper());
        return factory.create();
    }

    private static Map<String, Object> wss4jIn(SoapEndpointConfig.Verification security) {
        Map<String, Object> wss = new HashMap<>();
        wss.put(ConfigurationConstants.ACTION, ConfigurationConstants.TIMESTAMP + " " + ConfigurationConstants.SIGNATURE);
        wss.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, VERIFICATION_CRYPTO);
        wss.put(VERIFICATION_CRYPTO, WsCrypto.trusting(security.trustAnchors()));
        // time is checked by WsSecurityChecks on the SDK's Scheduler, not on WSS4J's system clock
        wss.put(ConfigurationConstants.TIMESTAMP_STRICT, "false");
        wss.put(ConfigurationConstants.REQUIRE_TIMESTAMP_EXPIRES, "true");
        // an MTOM part is signed as the content it stands for (WSS4J expands xop:Include on both sides),
        // or by reference, its content then bound by a digest the service checks while streaming it
        wss.put(ConfigurationConstants.EXPAND_XOP_INCLUDE, Boolean.toString(!security.partsByReference()));
        wss.put(ConfigurationConstants.ENABLE_REVOCATION, "false");
        // Any subject DN: WsSecurityChecks binds the signer to the TLS caller, which says more than a
        // DN pattern would (and WSS4J warns on every request when no pattern is set).
        wss.put(ConfigurationConstants.SIG_SUBJECT_CERT_CONSTRAINTS, ".*");
        return wss;
    }

    /** CXF's stax limits for the SOAP part (Woodstox enforces them while reading). */
    private static Map<String, Object> limits(CodecLimits limits) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("org.apache.cxf.stax.maxElementDepth", limits.maxXmlDepth());
        properties.put("org.apache.cxf.stax.maxAttributeCount", limits.maxAttributes());
        properties.put("org.apache.cxf.stax.maxAttributeSize", limits.maxStringLength());
        properties.put("org.apache.cxf.stax.maxTextLength", limits.maxStringLength());
        properties.put("org.apache.cxf.stax.maxChildElements", 10_000);
        properties.put("org.apache.cxf.stax.maxElementCount", 100_000L);
        properties.put("org.apache.cxf.stax.maxXMLCharacters", limits.maxInputBytes());
        return properties;
    }
}
