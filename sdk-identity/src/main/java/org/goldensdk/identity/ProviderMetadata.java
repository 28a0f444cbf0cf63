package org.goldensdk.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.goldensdk.core.ConfigurationException;

/**
 * What OpenID Connect discovery told about the provider ({@code /.well-known/openid-configuration}):
 * its issuer (checked to be exactly the configured one) and endpoints. Immutable.
 *
 * @param issuer the issuer identifier, exactly as configured
 * @param authorizationEndpoint where browsers are sent to log in
 * @param tokenEndpoint where codes, refresh tokens and client credentials are exchanged
 * @param jwksUri the provider's signing keys
 * @param introspectionEndpoint RFC 7662 introspection, if offered
 * @param userinfoEndpoint the userinfo endpoint, if offered
 * @param endSessionEndpoint RP-initiated logout, if offered
 * @param tokenEndpointAuthMethods client authentication methods the token endpoint accepts
 *     ({@code client_secret_basic} when the provider does not say, per RFC 8414)
 */
public record ProviderMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri,
        Optional<URI> introspectionEndpoint, Optional<URI> userinfoEndpoint, Optional<URI> endSessionEndpoint,
        List<String> tokenEndpointAuthMethods) {

    /** The metadata document's path below the issuer. */
    public static final String WELL_KNOWN_PATH = "/.well-known/openid-configuration";

    /** Copies the lists. */
    public ProviderMetadata {
        tokenEndpointAuthMethods = List.copyOf(tokenEndpointAuthMethods);
    }

    /**
     * Reads a discovery document and checks that it speaks for {@code expectedIssuer}.
     *
     * @throws ConfigurationException naming {@code golden.identity.issuer} when the document's
     *     issuer differs (even by a trailing slash) or a required endpoint is missing or not https/http
     */
    public static ProviderMetadata parse(JsonNode document, String expectedIssuer) {
        String issuer = text(document, "issuer").orElseThrow(() -> invalid("names no issuer"));
        if (!issuer.equals(expectedIssuer)) {
            throw new ConfigurationException(IdentityClient.ISSUER_KEY, "the provider's discovery document names issuer '"
                    + issuer + "', not '" + expectedIssuer + "'; configure exactly the provider's issuer"
                    + " (OpenID Connect requires an exact match, trailing slash included)");
        }
        List<String> methods = new ArrayList<>();
        JsonNode declared = document.get("token_endpoint_auth_methods_supported");
        if (declared != null && declared.isArray()) {
            declared.forEach(method -> methods.add(method.asText()));
        } else {
            methods.add("client_secret_basic");
        }
        return new ProviderMetadata(issuer, endpoint(document, "authorization_endpoint"), endpoint(document, "token_endpoint"),
                endpoint(document, "jwks_uri"), optionalEndpoint(document, "introspection_endpoint"),
                optionalEndpoint(document, "userinfo_endpoint"), optionalEndpoint(document, "end_session_endpoint"), methods);
    }

    private static URI endpoint(JsonNode document, String name) {
        return optionalEndpoint(document, name).orElseThrow(() -> invalid("has no " + name));
    }

    private static Optional<URI> optionalEndpoint(JsonNode document, String name) {
        return text(document, name).map(value -> {
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                throw invalid("has a malformed " + name);
            }
            if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw invalid("has a " + name + " that is not an absolute http(s) URI");
            }
            return uri;
        });
    }

    private static Optional<String> text(JsonNode document, String name) {
        JsonNode value = document.get(name);
        return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static ConfigurationException invalid(String what) {
        return new ConfigurationException(IdentityClient.ISSUER_KEY, "the provider's discovery document " + what);
    }
}
