package org.goldensdk.interop.metro;

import jakarta.xml.soap.SOAPMessage;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * A JAX-WS {@link SOAPHandler} that changes outbound messages only (requests, for a client) and lets
 * answers and faults through untouched. Outbound, a binding's handlers run in the order of its chain.
 */
abstract class OutboundHandler implements SOAPHandler<SOAPMessageContext> {

    /** Changes {@code message} before it is sent. */
    protected abstract void outbound(SOAPMessage message) throws Exception;

    @Override
    public final boolean handleMessage(SOAPMessageContext context) {
        if (Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
            try {
                outbound(context.getMessage());
                context.getMessage().saveChanges();
            } catch (WebServiceException e) {
                throw e;
            } catch (Exception e) {
                throw new WebServiceException(getClass().getSimpleName() + " failed: " + e.getMessage(), e);
            }
        }
        return true;
    }

    @Override
    public final boolean handleFault(SOAPMessageContext context) {
        return true;
    }

    @Override
    public final void close(MessageContext context) {
        // nothing is held between messages
    }

    @Override
    public final Set<QName> getHeaders() {
        return Set.of();
    }
}
