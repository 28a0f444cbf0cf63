package org.goldensdk.cxf.internal;

import java.io.IOException;
import java.util.Collection;
import org.apache.cxf.attachment.AttachmentDataSource;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Attachment;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Receives an answer's MTOM parts completely before the client call returns: each part not yet read
 * is copied into CXF's cache (a temporary file beyond the memory threshold, never a whole part in
 * memory). Left lazy, a part would be read from the HTTP response after the call had returned and
 * CXF had let go of the response, which can stall or fail.
 */
public final class ReceivedPartsCache extends AbstractPhaseInterceptor<Message> {
    /** The interceptor, for a client's in-chain. */
    public ReceivedPartsCache() {
        super(Phase.POST_LOGICAL);
    }

    @Override
    public void handleMessage(Message message) {
        Collection<Attachment> attachments = message.getAttachments();
        if (attachments == null) {
            return;
        }
        try {
            for (Attachment attachment : attachments) {
                if (attachment.getDataHandler().getDataSource() instanceof AttachmentDataSource part && !part.isCached()) {
                    part.cache(message);
                }
            }
        } catch (IOException e) {
            throw new Fault(e);
        }
    }
}
