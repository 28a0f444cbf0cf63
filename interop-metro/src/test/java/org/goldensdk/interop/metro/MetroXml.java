package org.goldensdk.interop.metro;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.SafeXml;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.interop.metro.wsdl.envelope.EnvelopeType;
import org.goldensdk.interop.metro.wsdl.envelope.ObjectFactory;
import org.goldensdk.interop.metro.wsdl.envelope.ReceiptType;

/**
 * Between the SDK's envelope and receipts (sealed and signed by sdk-exchange, GM) and the JAXB
 * classes Metro generated from the WSDL: through the envelope's XML encoding, whose header strings
 * are the signed ones, so nothing is re-encoded. The XML is read with the SDK's hardened StAX factory.
 */
final class MetroXml {
    private static final JAXBContext ENVELOPE_SCHEMA = context();
    private static final ObjectFactory ELEMENTS = new ObjectFactory();

    private MetroXml() {
    }

    static EnvelopeType envelope(Envelope envelope) {
        return unmarshal(EnvelopeCodec.xml().encode(envelope), EnvelopeType.class);
    }

    static Envelope envelope(EnvelopeType envelope) {
        return EnvelopeCodec.xml().decode(marshal(ELEMENTS.createEnvelope(envelope)));
    }

    static ReceiptType receipt(Receipt receipt) {
        return unmarshal(EnvelopeCodec.xml().encode(receipt), ReceiptType.class);
    }

    static Receipt receipt(ReceiptType receipt) {
        return EnvelopeCodec.xml().decodeReceipt(marshal(ELEMENTS.createReceipt(receipt)));
    }

    /** A part carried as {@code xs:base64Binary} (inline, or an MTOM part when MTOM is on). */
    static DataHandler part(byte[] bytes) {
        return new DataHandler(new DataSource() {
            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public OutputStream getOutputStream() throws IOException {
                throw new IOException("read-only");
            }

            @Override
            public String getContentType() {
                return "application/octet-stream";
            }

            @Override
            public String getName() {
                return "part";
            }
        });
    }

    static byte[] bytes(DataHandler part) {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a part: " + e.getMessage(), e);
        }
    }

    private static <T> T unmarshal(byte[] xml, Class<T> type) {
        try {
            XMLStreamReader reader = SafeXml.limit(SafeXml.inputFactory(CodecLimits.defaults())
                    .createXMLStreamReader(new ByteArrayInputStream(xml)), CodecLimits.defaults());
            return ENVELOPE_SCHEMA.createUnmarshaller().unmarshal(reader, type).getValue();
        } catch (JAXBException | XMLStreamException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] marshal(JAXBElement<?> element) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ENVELOPE_SCHEMA.createMarshaller().marshal(element, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write " + element.getName() + ": " + e.getMessage(), e);
        }
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
