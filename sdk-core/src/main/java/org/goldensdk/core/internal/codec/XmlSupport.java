package org.goldensdk.core.internal.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import org.goldensdk.core.MalformedInputException;
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
    public static MalformedInputException readFailure(Exception failure, String target) {
        return InputErrors.tooLarge(failure, "XML document").orElseGet(() -> describe(failure, target));
    }

    private static MalformedInputException describe(Exception failure, String target) {
        var stax = InputErrors.findCause(failure, XMLStreamException.class);
        if (stax.isPresent()) {
            XMLStreamException e = stax.get();
            Location location = e.getLocation();
            String at = location == null ? "" : InputErrors.at(location.getLineNumber(), location.getColumnNumber());
            return new MalformedInputException("XML rejected" + at + ": " + InputErrors.detail(stripLocation(e)), e);
        }
        var sax = InputErrors.findCause(failure, SAXParseException.class);
        if (sax.isPresent()) {
            SAXParseException e = sax.get();
            return new MalformedInputException("XML rejected" + InputErrors.at(e.getLineNumber(), e.getColumnNumber())
                    + ": " + InputErrors.detail(e.getMessage()), e);
        }
        var io = InputErrors.findCause(failure, IOException.class);
        if (io.isPresent()) {
            throw new UncheckedIOException("reading the XML input failed", io.get());
        }
        // binding failures without a parser cause: the binder's message names types and elements
        return new MalformedInputException("XML does not fit " + target + ": "
                + InputErrors.detail(failure.getMessage() != null ? failure.getMessage() : failure.toString()), failure);
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
