package org.goldensdk.cxf.internal;

import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.interceptor.StaxInInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.SafeXml;

/**
 * Reads the SOAP part through core's {@link SafeXml#limit} on top of CXF's own stax limits: a
 * DOCTYPE (and so any entity, internal or external, parameter entities, billion laughs) or an
 * entity reference is refused at the first event, before anything is expanded or fetched.
 */
final class SafeXmlReaderInterceptor extends AbstractPhaseInterceptor<Message> {
    private final CodecLimits limits;

    SafeXmlReaderInterceptor(CodecLimits limits) {
        super(Phase.POST_STREAM);
        addAfter(StaxInInterceptor.class.getName());
        this.limits = limits;
    }

    @Override
    public void handleMessage(Message message) {
        XMLStreamReader reader = message.getContent(XMLStreamReader.class);
        if (reader != null) {
            message.setContent(XMLStreamReader.class, SafeXml.limit(reader, limits));
        }
    }
}
