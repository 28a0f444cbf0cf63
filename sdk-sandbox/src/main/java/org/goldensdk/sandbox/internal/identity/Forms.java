package org.goldensdk.sandbox.internal.identity;

import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reading OAuth parameters (each at most once, RFC 6749 §3.1) and writing them into redirections. */
final class Forms {
    private Forms() {
    }

    /** The parameter's only value, or empty when absent or empty. */
    static Optional<String> optional(MultivaluedMap<String, String> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw OAuthError.invalidRequest("the parameter " + name + " is repeated");
        }
        return Optional.of(values.get(0));
    }

    /** The parameter's only value. */
    static String single(MultivaluedMap<String, String> parameters, String name) {
        return optional(parameters, name).orElseThrow(() -> OAuthError.invalidRequest("the parameter " + name + " is missing"));
    }

    /** {@code base} with the parameters added to its query (null values are left out). */
    static URI withQuery(String base, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        if (query.isEmpty()) {
            return URI.create(base);
        }
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
