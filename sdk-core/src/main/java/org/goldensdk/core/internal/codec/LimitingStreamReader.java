package org.goldensdk.core.internal.codec;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import org.goldensdk.core.CodecLimits;

/**
 * Enforces the SDK's XML rules on any StAX reader, whatever implementation produced it: no DOCTYPE
 * and no entity references at all, and element depth, attribute count, name and text length within
 * {@link CodecLimits}. Violations are {@link XMLStreamException}s thrown before the offending event
 * reaches the caller.
 */
public final class LimitingStreamReader extends StreamReaderDelegate {

    private final CodecLimits limits;
    private int depth;
    private long textRun;

    /** Wraps {@code reader}, which must be positioned at the start of a document or element. */
    public LimitingStreamReader(XMLStreamReader reader, CodecLimits limits) {
        super(reader);
        this.limits = limits;
    }

    @Override
    public int next() throws XMLStreamException {
        int event = super.next();
        switch (event) {
            case XMLStreamConstants.DTD:
                throw refuse("DOCTYPE declarations are not allowed (no DTDs, no entities); remove the DOCTYPE");
            case XMLStreamConstants.ENTITY_REFERENCE:
                throw refuse("entity references are not allowed; use character references or plain text");
            case XMLStreamConstants.START_ELEMENT:
                startElement();
                break;
            case XMLStreamConstants.END_ELEMENT:
                depth--;
                textRun = 0;
                break;
            case XMLStreamConstants.CHARACTERS:
            case XMLStreamConstants.CDATA:
            case XMLStreamConstants.SPACE:
                textRun += getTextLength();
                if (textRun > limits.maxStringLength()) {
                    throw refuse("text longer than " + limits.maxStringLength() + " characters");
                }
                break;
            default:
                break;
        }
        return event;
    }

    // StreamReaderDelegate forwards nextTag and getElementText to the wrapped reader, which would
    // step past events unchecked; both are re-expressed through next() as the StAX contract defines them.

    @Override
    public int nextTag() throws XMLStreamException {
        int event = next();
        while (isIgnorable(event)) {
            event = next();
        }
        if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
            throw new XMLStreamException("expected a start or end tag", getLocation());
        }
        return event;
    }

    @Override
    public String getElementText() throws XMLStreamException {
        if (getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw new XMLStreamException("not at a start tag", getLocation());
        }
        StringBuilder text = new StringBuilder();
        for (int event = next(); event != XMLStreamConstants.END_ELEMENT; event = next()) {
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                text.append(getText());
            } else if (event != XMLStreamConstants.COMMENT && event != XMLStreamConstants.PROCESSING_INSTRUCTION) {
                throw new XMLStreamException("element text holds markup", getLocation());
            }
        }
        return text.toString();
    }

    private boolean isIgnorable(int event) {
        return ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && isWhiteSpace())
                || event == XMLStreamConstants.SPACE
                || event == XMLStreamConstants.COMMENT
                || event == XMLStreamConstants.PROCESSING_INSTRUCTION;
    }

    private void startElement() throws XMLStreamException {
        depth++;
        textRun = 0;
        if (depth > limits.maxXmlDepth()) {
            throw refuse("elements nest deeper than " + limits.maxXmlDepth() + " levels");
        }
        if (getAttributeCount() > limits.maxAttributes()) {
            throw refuse("an element has more than " + limits.maxAttributes() + " attributes");
        }
        if (getLocalName().length() > limits.maxNameLength()) {
            throw refuse("an element name is longer than " + limits.maxNameLength() + " characters");
        }
        for (int i = 0; i < getAttributeCount(); i++) {
            if (getAttributeLocalName(i).length() > limits.maxNameLength()) {
                throw refuse("an attribute name is longer than " + limits.maxNameLength() + " characters");
            }
        }
    }

    private XMLStreamException refuse(String message) {
        return new XMLStreamException(message, getLocation());
    }
}
