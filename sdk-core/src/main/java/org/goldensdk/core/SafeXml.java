package org.goldensdk.core;

import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.TransformerFactory;
import org.goldensdk.core.internal.codec.LimitingStreamReader;
import org.goldensdk.core.internal.codec.XmlFactories;

/**
 * Hardened XML parser factories for every module that must touch XML itself (SOAP, portal), so
 * the protection against XXE, SSRF through DTDs, entity expansion and XInclude is written once.
 * Each call returns a new factory of the JDK's own implementation, configured as follows:
 * DTDs refused or never loaded, external entities and external DTD/schema/stylesheet access off,
 * XInclude off, the JDK's {@code jdk.xml.*} limits set from {@link CodecLimits} with entity
 * expansion at its minimum. Factories are not thread-safe to configure; configure before sharing.
 */
public final class SafeXml {

    private SafeXml() {
    }

    /**
     * A StAX factory whose readers never load a DTD or resolve an external resource. A reader it
     * creates still reports a DOCTYPE as an event: wrap it with {@link #limit} to refuse it.
     */
    public static XMLInputFactory inputFactory(CodecLimits limits) {
        return XmlFactories.inputFactory(Objects.requireNonNull(limits, "limits"));
    }

    /**
     * A namespace-aware DOM factory whose parsers reject any DOCTYPE (a {@link org.xml.sax.SAXParseException}),
     * never process XInclude, and cap element depth, attributes and names by {@code limits}. It
     * does not cap size: bound the input stream yourself.
     */
    public static DocumentBuilderFactory documentBuilderFactory(CodecLimits limits) {
        return XmlFactories.documentBuilderFactory(Objects.requireNonNull(limits, "limits"));
    }

    /** A transformer factory with secure processing on and no external DTD or stylesheet access. */
    public static TransformerFactory transformerFactory() {
        return XmlFactories.transformerFactory();
    }

    /**
     * Wraps any StAX reader (from any implementation, e.g. one handed over by a SOAP stack) so that
     * a DOCTYPE, an entity reference, or nesting, attributes, names or text beyond {@code limits}
     * raise {@link javax.xml.stream.XMLStreamException} before the event is seen.
     */
    public static XMLStreamReader limit(XMLStreamReader reader, CodecLimits limits) {
        return new LimitingStreamReader(Objects.requireNonNull(reader, "reader"), Objects.requireNonNull(limits, "limits"));
    }
}
