package org.goldensdk.sandbox.internal.identity;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.goldensdk.core.JsonCodec;

/** An OAuth 2.0 error answer (RFC 6749 §5.2): thrown inside an endpoint, answered as JSON. */
final class OAuthError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final JsonCodec JSON = JsonCodec.of();

    final int status;
    final String error;

    OAuthError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    static OAuthError invalidGrant(String description) {
        return new OAuthError(400, "invalid_grant", description);
    }

    static OAuthError invalidClient(String description) {
        return new OAuthError(401, "invalid_client", description);
    }

    Response toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", getMessage());
        Response.ResponseBuilder answer = Response.status(status).type("application/json").entity(JSON.write(body))
                .header("Cache-Control", "no-store");
        if (status == 401) {
            answer.header("WWW-Authenticate", "Basic realm=\"golden-sandbox\"");
        }
        return answer.build();
    }
}
