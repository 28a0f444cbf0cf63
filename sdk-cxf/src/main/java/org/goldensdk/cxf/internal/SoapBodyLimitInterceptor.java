package org.goldensdk.cxf.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.goldensdk.core.BoundedInputStream;
import org.goldensdk.core.MalformedInputException;

/**
 * Bounds a SOAP request body (MTOM parts included): refused at once by its Content-Length, or cut
 * off while streaming when the sender said nothing or lied.
 */
final class SoapBodyLimitInterceptor extends AbstractPhaseInterceptor<Message> {
    private final long limit;

    SoapBodyLimitInterceptor(long limit) {
        super(Phase.RECEIVE);
        this.limit = limit;
    }

    @Override
    public void handleMessage(Message message) {
        String declared = declaredLength(message);
        if (declared != null && declared.matches("[0-9]{1,19}") && Long.parseLong(declared) > limit) {
            throw new Fault(MalformedInputException.tooLarge("the request body", limit));
        }
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            message.setContent(InputStream.class, BoundedInputStream.of(in, limit));
        }
    }

    private static String declaredLength(Message message) {
        Object request = message.get(AbstractHTTPDestination.HTTP_REQUEST);
        return request instanceof HttpServletRequest http ? http.getHeader("Content-Length") : null;
    }
}
