package org.goldensdk.identity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads CAS 3.0 answers — {@code p3/serviceValidate} in XML or JSON, and the SAML single-logout
 * request — through core's hardened parsers (no DTD, no external entity, bounded size).
 */
public final class CasResponses {

    private static final String CAS_NS = "http://www.yale.edu/tp/cas";
    private static final String SAMLP_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
    private static final CodecLimits LIMITS = CodecLimits.builder().maxInputBytes(256 * 1024).build();
    private static final JsonCodec JSON = JsonCodec.of(LIMITS);

    private CasResponses() {
    }

    /** A successful validation: the user and the attributes (each a list of values). */
    public record Validation(String user, Map<String, List<String>> attributes) {
        /** The attributes as claims, the user as {@code sub}. */
        public Map<String, Object> claims() {
            Map<String, Object> claims = new LinkedHashMap<>(attributes);
            claims.put("sub", user);
            return claims;
        }
    }

    /**
     * The validation in an XML answer.
     *
     * @throws AuthenticationException with the server's failure code, or when the answer is not a CAS answer
     */
    public static Validation fromXml(byte[] xml) {
        Element root = parse(xml).getDocumentElement();
        if (!CAS_NS.equals(root.getNamespaceURI()) || !"serviceResponse".equals(root.getLocalName())) {
            throw new AuthenticationException("the CAS server's answer is not a cas:serviceResponse");
        }
        Optional<Element> failure = child(root, CAS_NS, "authenticationFailure");
        if (failure.isPresent()) {
            throw new AuthenticationException("the CAS server refused the ticket: " + failure.get().getAttribute("code")
                    + " " + failure.get().getTextContent().trim());
        }
        Element success = child(root, CAS_NS, "authenticationSuccess")
                .orElseThrow(() -> new AuthenticationException("the CAS server's answer holds neither success nor failure"));
        String user = child(success, CAS_NS, "user").map(element -> element.getTextContent().trim()).orElse("");
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        child(success, CAS_NS, "attributes").ifPresent(element -> {
            NodeList nodes = element.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element attribute) {
                    attributes.computeIfAbsent(attribute.getLocalName(), name -> new ArrayList<>()).add(attribute.getTextContent().trim());
                }
            }
        });
        return validated(user, attributes);
    }

    /**
     * The validation in a JSON answer ({@code format=JSON}).
     *
     * @throws AuthenticationException with the server's failure code, or when the answer is not a CAS answer
     */
    public static Validation fromJson(byte[] json) {
        JsonNode response = JSON.readTree(json).path("serviceResponse");
        JsonNode failure = response.path("authenticationFailure");
        if (!failure.isMissingNode()) {
            throw new AuthenticationException("the CAS server refused the ticket: " + failure.path("code").asText()
                    + " " + failure.path("description").asText());
        }
        JsonNode success = response.path("authenticationSuccess");
        if (!success.isObject()) {
            throw new AuthenticationException("the CAS server's answer holds neither success nor failure");
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        success.path("attributes").fields().forEachRemaining(entry -> {
            List<String> values = new ArrayList<>();
            if (entry.getValue().isArray()) {
                entry.getValue().forEach(value -> values.add(value.asText()));
            } else {
                values.add(entry.getValue().asText());
            }
            attributes.put(entry.getKey(), values);
        });
        return validated(success.path("user").asText(""), attributes);
    }

    /** The service ticket a SAML {@code LogoutRequest} ends (its {@code SessionIndex}). */
    public static Optional<String> logoutTicket(String logoutRequest) {
        Element root = parse(logoutRequest.getBytes(java.nio.charset.StandardCharsets.UTF_8)).getDocumentElement();
        if (!SAMLP_NS.equals(root.getNamespaceURI()) || !"LogoutRequest".equals(root.getLocalName())) {
            return Optional.empty();
        }
        return child(root, SAMLP_NS, "SessionIndex").map(element -> element.getTextContent().trim()).filter(ticket -> !ticket.isEmpty());
    }

    private static Validation validated(String user, Map<String, List<String>> attributes) {
        if (user.isBlank()) {
            throw new AuthenticationException("the CAS server's success names no user");
        }
        return new Validation(user, attributes);
    }

    private static Document parse(byte[] xml) {
        if (xml.length > LIMITS.maxInputBytes()) {
            throw new AuthenticationException("the CAS message is larger than " + LIMITS.maxInputBytes() + " bytes");
        }
        try {
            DocumentBuilder builder = SafeXml.documentBuilderFactory(LIMITS).newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AuthenticationException("the CAS message is not well-formed, safe XML: " + e.getMessage(), e);
        }
    }

    private static Optional<Element> child(Element parent, String namespace, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI()) && name.equals(element.getLocalName())) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }
}
