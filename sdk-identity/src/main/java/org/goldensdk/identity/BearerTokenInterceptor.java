package org.goldensdk.identity;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.security.SecurityContext;
import org.goldensdk.core.AuthenticationException;

/**
 * A CXF interceptor for SOAP (or any CXF) endpoints that admits only requests whose HTTP
 * {@code Authorization: Bearer …} header holds a valid token (checked by a {@link TokenValidator}),
 * before the body is read. The endpoint then sees the {@link GovPrincipal} as
 * {@code WebServiceContext.getUserPrincipal()} (and in the exchange under {@code GovPrincipal.class});
 * a missing or invalid token ends the call with a fault (HTTP 401) whose message says what was
 * wrong. Add it to the endpoint's in-interceptors. (WS-Security tokens in the SOAP header are not
 * read: the token travels in the HTTP header.) Thread-safe.
 */
public final class BearerTokenInterceptor extends AbstractPhaseInterceptor<Message> {

    private final TokenValidator validator;

    private BearerTokenInterceptor(TokenValidator validator) {
        super(Phase.PRE_PROTOCOL);
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** An interceptor validating with {@code validator}. */
    public static BearerTokenInterceptor of(TokenValidator validator) {
        return new BearerTokenInterceptor(validator);
    }

    @Override
    public void handleMessage(Message message) {
        GovPrincipal principal;
        try {
            principal = validator.validate(authorization(message));
        } catch (AuthenticationException e) {
            Fault fault = new Fault(e.getMessage(), java.util.logging.Logger.getLogger(BearerTokenInterceptor.class.getName()));
            fault.setStatusCode(401);
            fault.initCause(e);
            throw fault;
        }
        message.getExchange().put(GovPrincipal.class, principal);
        message.put(SecurityContext.class, new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return principal.hasRole(role);
            }
        });
    }

    private static String authorization(Message message) {
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers != null) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if ("Authorization".equalsIgnoreCase(header.getKey()) && header.getValue() != null && !header.getValue().isEmpty()) {
                    String value = header.getValue().get(0);
                    if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                        return value;
                    }
                }
            }
        }
        throw new AuthenticationException("no bearer token was presented (HTTP header Authorization: Bearer …)");
    }
}
