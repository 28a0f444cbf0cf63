package org.goldensdk.core.internal.codec;

import jakarta.xml.bind.JAXBException;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import org.goldensdk.core.BoundedInputStream;
import org.goldensdk.core.MalformedInputException;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Translates XML parser and binder failures into typed, short messages. */
public final class XmlSupport {

    private XmlSupport() {
    }

    /**
     * The typed failure for a read that threw {@code failure}.
     *
     * @throws UncheckedIOException when the source itself failed, which says nothing about the input
     */
    public static MalformedInputException readFailure(Exception failure, BoundedInputStream source, String target) {
        if (source.limitExceeded()) {
            return MalformedInputException.tooLarge("XML document", source.limit());
        }
        return describe(failure, target);
    }

    private static MalformedInputException describe(Exception failure, String target) {
        var stax = InputErrors.findCause(failure, XMLStreamException.class);
        if (stax.isPresent()) {
            XMLStreamException e = stax.get();
            Location location = e.getLocation();
            String at = location == null ? "" : InputErrors.at(location.getLineNumber(), location.getColumnNumber());
            return new MalformedInputException("XML rejected" + at + ": " + InputErrors.detail(stripLocation(e)), e);
        }
        var binding = InputErrors.findCause(failure, SAXParseException.class);
        if (binding.isPresent()) {
            SAXParseException e = binding.get();
            String at = InputErrors.at(e.getLineNumber(), e.getColumnNumber());
            if (convertedAValue(e)) {
                // no cause: the converter's message quotes the value, which may be personal data
                return new MalformedInputException("XML value" + at + " does not fit " + target
                        + " (wrong type or format)", null);
            }
            return new MalformedInputException("XML does not fit " + target + at + ": "
                    + InputErrors.detail(e.getMessage()), e);
        }
        var io = InputErrors.findCause(failure, IOException.class);
        if (io.isPresent()) {
            throw new UncheckedIOException("reading the XML input failed", io.get());
        }
        return new MalformedInputException("XML does not fit " + target + ": "
                + InputErrors.detail(failure.getMessage() != null ? failure.getMessage() : failure.toString()), failure);
    }

    /**
     * Whether the binder failed converting a value (its chain then holds the converter's own
     * exception, e.g. {@link NumberFormatException}) rather than on structure (unexpected element).
     */
    private static boolean convertedAValue(SAXParseException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (!(t instanceof SAXException) && !(t instanceof JAXBException)) {
                return true;
            }
        }
        return false;
    }

    /** The JDK prefixes "ParseError at [row,col]:[l,c] Message:"; the location is reported separately. */
    private static String stripLocation(XMLStreamException e) {
        String message = e.getMessage();
        if (message == null) {
            return null;
        }
        int marker = message.indexOf("Message:");
        return marker >= 0 ? message.substring(marker + "Message:".length()) : message;
    }
}
