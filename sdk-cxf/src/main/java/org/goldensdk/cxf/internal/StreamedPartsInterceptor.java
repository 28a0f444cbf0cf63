package org.goldensdk.cxf.internal;

import java.util.Locale;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Keeps the SOAP stack from reading an MTOM part into memory: JAXB's validating unmarshaller reads
 * each part whole to check its base64 length, so a message packaged as MTOM (XOP) is unmarshalled
 * without the WSDL's schema. Its XML part keeps the StAX limits, its parts the body limit; what a
 * part must be is checked by the service while it streams the part (for the exchange service, the
 * digest and size the envelope's signed manifest declares). Other messages are validated as before.
 */
final class StreamedPartsInterceptor extends AbstractPhaseInterceptor<Message> {
    StreamedPartsInterceptor() {
        super(Phase.RECEIVE);
    }

    @Override
    public void handleMessage(Message message) {
        if (isXopPackage(message.get(Message.CONTENT_TYPE))) {
            message.put(Message.SCHEMA_VALIDATION_ENABLED, Boolean.FALSE);
        }
    }

    static boolean isXopPackage(Object contentType) {
        return contentType instanceof String type && type.toLowerCase(Locale.ROOT).contains("application/xop+xml");
    }
}
