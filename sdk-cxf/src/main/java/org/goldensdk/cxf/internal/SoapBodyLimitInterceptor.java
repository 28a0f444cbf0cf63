package org.goldensdk.cxf.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.io.DelegatingInputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.goldensdk.core.BoundedInputStream;
import org.goldensdk.core.MalformedInputException;

/**
 * Bounds a SOAP request body (MTOM parts included): refused at once by its Content-Length, or cut
 * off while streaming when the sender said nothing or lied. A multipart (MTOM) request may hold the
 * parts' allowance on top of the limit; a plain XML request only the limit.
 */
final class SoapBodyLimitInterceptor extends AbstractPhaseInterceptor<Message> {
    private final long xmlLimit;
    private final long multipartLimit;

    SoapBodyLimitInterceptor(long limit, long partsAllowance) {
        super(Phase.RECEIVE);
        this.xmlLimit = limit;
        this.multipartLimit = sum(limit, partsAllowance);
    }

    /** {@code a + b}, or {@link Long#MAX_VALUE} where that overflows. */
    static long sum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public void handleMessage(Message message) {
        Object type = message.get(Message.CONTENT_TYPE);
        boolean multipart = type instanceof String text && text.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
        long limit = multipart ? multipartLimit : xmlLimit;
        String declared = declaredLength(message);
        if (declared != null && declared.matches("[0-9]{1,19}") && Long.parseLong(declared) > limit) {
            // Before answering, CXF reads up to 16 MiB of an unread request body (to keep the connection
            // usable); without its stream it reads none, so the refusal is sent before any body arrives.
            message.removeContent(DelegatingInputStream.class);
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
