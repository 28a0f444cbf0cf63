package org.goldensdk.core.internal.codec;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the JDK's own XML factories (not whatever the classpath offers, so every setting below is
 * known to take effect) with DTDs, external entities and external access switched off and the
 * JDK's {@code jdk.xml.*} processing limits set. Security settings the JDK must support fail with
 * {@link ConfigurationException} if refused; the {@code jdk.xml.*} limits are a backstop behind
 * {@link LimitingStreamReader} and are skipped (logged) on a JDK that lacks one.
 */
public final class XmlFactories {

    private static final Logger LOG = LoggerFactory.getLogger(XmlFactories.class);

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL_ENTITIES = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER_ENTITIES = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";

    /**
     * Entities can never be declared (DTDs are refused), so one expansion is already more than any
     * accepted document uses; the JDK reads 0 as "unlimited", hence 1.
     */
    private static final String NO_ENTITIES = "1";

    private XmlFactories() {
    }

    /** A StAX factory that reports, never loads, a DOCTYPE and resolves nothing external. */
    public static XMLInputFactory inputFactory(CodecLimits limits) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are never loaded; refused " + systemId);
        });
        jdkLimits(limits).forEach((name, value) -> {
            if (factory.isPropertySupported(name)) {
                factory.setProperty(name, value);
            } else {
                LOG.debug("XMLInputFactory {} does not support {}", factory.getClass().getName(), name);
            }
        });
        return factory;
    }

    /** A namespace-aware DOM factory that refuses any DOCTYPE and never processes XInclude. */
    public static DocumentBuilderFactory documentBuilderFactory(CodecLimits limits) {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
        } catch (ParserConfigurationException e) {
            throw new ConfigurationException("xml.documentBuilderFactory",
                    "the JDK's DOM parser refused a security feature; use a JDK 17+ runtime", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        jdkLimits(limits).forEach((name, value) -> {
            try {
                factory.setAttribute(name, value);
            } catch (IllegalArgumentException e) {
                LOG.debug("DocumentBuilderFactory {} does not support {}", factory.getClass().getName(), name);
            }
        });
        return factory;
    }

    /** A transformer factory with secure processing on and no external DTD or stylesheet access. */
    public static TransformerFactory transformerFactory() {
        TransformerFactory factory = TransformerFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (TransformerConfigurationException e) {
            throw new ConfigurationException("xml.transformerFactory",
                    "the JDK's transformer refused secure processing; use a JDK 17+ runtime", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return factory;
    }

    /**
     * The JDK's processing limits. Depth, attributes and names sit one above {@link CodecLimits}
     * so that {@link LimitingStreamReader}'s clearer message fires first where it is in use.
     */
    private static java.util.Map<String, String> jdkLimits(CodecLimits limits) {
        String documentSize = String.valueOf(Math.min(limits.maxInputBytes(), Integer.MAX_VALUE));
        return java.util.Map.of(
                "jdk.xml.entityExpansionLimit", NO_ENTITIES,
                "jdk.xml.entityReplacementLimit", NO_ENTITIES,
                // the JDK counts the document itself as a general entity ("[xml]"), so these sizes
                // cannot be tiny; no declared entity can exist to use them anyway
                "jdk.xml.maxGeneralEntitySizeLimit", documentSize,
                "jdk.xml.maxParameterEntitySizeLimit", NO_ENTITIES,
                "jdk.xml.totalEntitySizeLimit", documentSize,
                "jdk.xml.maxElementDepth", String.valueOf(limits.maxXmlDepth() + 1),
                "jdk.xml.elementAttributeLimit", String.valueOf(limits.maxAttributes() + 1),
                "jdk.xml.maxXMLNameLimit", String.valueOf(limits.maxNameLength() + 1));
    }
}
