package org.goldensdk.core;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.JAXBIntrospector;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import org.goldensdk.core.internal.codec.LimitingStreamReader;
import org.goldensdk.core.internal.codec.XmlSupport;

/**
 * Binds XML with JAXB, reading only through a hardened StAX parser ({@link SafeXml}): any DOCTYPE
 * or entity reference is refused, nothing external is ever fetched, and depth, attributes, names,
 * text and size stay within {@link CodecLimits} (size enforced while streaming). Values that do not
 * fit the target type are refused, not defaulted, and so are elements the type does not declare:
 * XML schemas declare their extension points ({@code xs:any}, bound as
 * {@link jakarta.xml.bind.annotation.XmlAnyElement}), so anything else unexpected is an error.
 * Writes UTF-8.
 *
 * <p>Every read failure is a {@link MalformedInputException} ({@code MALFORMED_INPUT}, or
 * {@code PAYLOAD_TOO_LARGE} past {@link CodecLimits#maxInputBytes()}) with the line and column
 * where known. JAXB contexts are built once per bound class and kept for the codec's lifetime;
 * keep one codec per application. Immutable and thread-safe.
 */
public final class XmlCodec {

    private final CodecLimits limits;
    private final Schema schema;
    private final XMLInputFactory inputFactory;
    private final ConcurrentMap<Class<?>, JAXBContext> contexts = new ConcurrentHashMap<>();

    private XmlCodec(CodecLimits limits, Schema schema) {
        this.limits = limits;
        this.schema = schema;
        this.inputFactory = SafeXml.inputFactory(limits);
    }

    /** A codec with {@link CodecLimits#defaults()}. */
    public static XmlCodec of() {
        return new XmlCodec(CodecLimits.defaults(), null);
    }

    /** A codec with the given limits. */
    public static XmlCodec of(CodecLimits limits) {
        return new XmlCodec(Objects.requireNonNull(limits, "limits"), null);
    }

    /**
     * A codec with the given limits whose reads are also validated against {@code schema}, so a
     * document breaking it (an element repeated beyond its {@code maxOccurs} — which JAXB alone
     * would bind as "last one wins" — an undeclared attribute, a missing required element) is
     * refused with a {@link MalformedInputException}.
     */
    public static XmlCodec of(CodecLimits limits, Schema schema) {
        return new XmlCodec(Objects.requireNonNull(limits, "limits"), Objects.requireNonNull(schema, "schema"));
    }

    /** The limits this codec enforces. */
    public CodecLimits limits() {
        return limits;
    }

    /**
     * Binds one XML document from {@code in} to the JAXB type {@code type}. If {@code type} is an
     * {@link XmlRootElement}, the document's root element must be the one it declares. Reads at
     * most one byte past the size limit; does not close {@code in}.
     *
     * @throws MalformedInputException if the document is malformed, hostile, too large or does not fit
     * @throws IllegalArgumentException if {@code type} is not a usable JAXB type
     * @throws java.io.UncheckedIOException if reading {@code in} itself fails
     */
    public <T> T read(InputStream in, Class<T> type) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(type, "type");
        Unmarshaller unmarshaller = unmarshaller(type);
        BoundedInputStream source = BoundedInputStream.of(in, limits.maxInputBytes());
        XMLStreamReader reader = null;
        try {
            reader = new LimitingStreamReader(inputFactory.createXMLStreamReader(source), limits);
            Object bound = type.isAnnotationPresent(XmlRootElement.class)
                    ? JAXBIntrospector.getValue(unmarshaller.unmarshal(reader))
                    : unmarshaller.unmarshal(reader, type).getValue();
            if (!type.isInstance(bound)) {
                throw new MalformedInputException("XML root element does not fit " + type.getSimpleName()
                        + "; expected the root element that type declares", null);
            }
            return type.cast(bound);
        } catch (XMLStreamException | JAXBException e) {
            throw XmlSupport.readFailure(e, source, type.getSimpleName());
        } finally {
            close(reader);
        }
    }

    /** Binds a UTF-8 (or declared-encoding) XML document; see {@link #read(InputStream, Class)}. */
    public <T> T read(byte[] xml, Class<T> type) {
        return read(new ByteArrayInputStream(Objects.requireNonNull(xml, "xml")), type);
    }

    /** Binds an XML document held as text; see {@link #read(InputStream, Class)}. */
    public <T> T read(String xml, Class<T> type) {
        Objects.requireNonNull(xml, "xml");
        if (xml.length() > limits.maxInputBytes()) {
            throw MalformedInputException.tooLarge("XML document", limits.maxInputBytes());
        }
        return read(xml.getBytes(StandardCharsets.UTF_8), type);
    }

    /**
     * Writes {@code value} (an {@link XmlRootElement} instance or a {@link JAXBElement}) as a UTF-8
     * XML document.
     *
     * @throws IllegalArgumentException if JAXB cannot marshal the value
     */
    public byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    /**
     * Writes {@code value} as a UTF-8 XML document to {@code out}, which is not closed.
     *
     * @throws IllegalArgumentException if JAXB cannot marshal the value (or writing {@code out} failed)
     */
    public void write(Object value, OutputStream out) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(out, "out");
        Class<?> type = value instanceof JAXBElement ? ((JAXBElement<?>) value).getDeclaredType() : value.getClass();
        try {
            Marshaller marshaller = context(type).createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, StandardCharsets.UTF_8.name());
            marshaller.marshal(value, out);
        } catch (JAXBException e) {
            throw new IllegalArgumentException("cannot write " + type.getName()
                    + " as XML (is it an @XmlRootElement, or wrapped in a JAXBElement?): " + e, e);
        }
    }

    private Unmarshaller unmarshaller(Class<?> type) {
        try {
            Unmarshaller unmarshaller = context(type).createUnmarshaller();
            // JAXB's default handler lets recoverable errors through (e.g. "abc" in an int becomes 0)
            unmarshaller.setEventHandler(event -> event.getSeverity() == ValidationEvent.WARNING);
            unmarshaller.setSchema(schema);
            return unmarshaller;
        } catch (JAXBException e) {
            throw new IllegalArgumentException("cannot read " + type.getName() + " from XML: " + e, e);
        }
    }

    private JAXBContext context(Class<?> type) throws JAXBException {
        JAXBContext context = contexts.get(type);
        if (context == null) {
            context = JAXBContext.newInstance(type);
            JAXBContext raced = contexts.putIfAbsent(type, context);
            if (raced != null) {
                context = raced;
            }
        }
        return context;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // closing a StAX reader releases parser state only; the input stream stays the caller's
            }
        }
    }
}
