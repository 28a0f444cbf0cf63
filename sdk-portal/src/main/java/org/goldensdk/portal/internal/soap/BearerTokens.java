package org.goldensdk.portal.internal.soap;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.goldensdk.core.TokenSource;

/**
 * Puts an app token into the HTTP {@code Authorization: Bearer …} header of every outgoing SOAP
 * request (as the REST transport does), and remembers per thread which token it sent, so a caller
 * refused with 401 can {@link TokenSource#invalidate} exactly that one before its single retry.
 */
final class BearerTokens extends AbstractPhaseInterceptor<Message> {
    private final TokenSource tokens;
    private final ThreadLocal<String> sent = new ThreadLocal<>();

    BearerTokens(TokenSource tokens) {
        super(Phase.SETUP);
        this.tokens = tokens;
    }

    @Override
    public void handleMessage(Message message) {
        String token = tokens.token();
        sent.set(token);
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers == null) {
            headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            message.put(Message.PROTOCOL_HEADERS, headers);
        }
        headers.put("Authorization", List.of("Bearer " + token));
    }

    /** Tells the source that the token this thread sent last was refused. */
    void refused() {
        String token = sent.get();
        if (token != null) {
            tokens.invalidate(token);
        }
    }
}
