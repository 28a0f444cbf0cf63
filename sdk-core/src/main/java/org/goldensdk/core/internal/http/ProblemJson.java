package org.goldensdk.core.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.Finding;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.Problem;

/**
 * Reads and writes problem+json bodies with tight limits: the body is small, shallow and read
 * leniently (a field of the wrong type is ignored, never fatal), because it comes from a peer that
 * is already failing.
 */
public final class ProblemJson {

    /** Problem bodies larger than this are not parsed; the answer maps by status. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_FINDINGS = 200;
    private static final int MAX_TEXT = 4096;

    private static final JsonCodec CODEC = JsonCodec.of(CodecLimits.builder().maxInputBytes(MAX_BODY_BYTES)
            .maxJsonDepth(8).maxStringLength(MAX_BODY_BYTES).maxNumberLength(20).build());

    private ProblemJson() {
    }

    /** The problem in {@code body}, or empty when it is not a JSON object of at most {@link #MAX_BODY_BYTES}. */
    public static Optional<Problem> parse(byte[] body, int httpStatus, String fallbackRequestId) {
        if (body.length == 0 || body.length > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = CODEC.readTree(body);
        } catch (MalformedInputException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        String requestId = text(root, "requestId");
        return Optional.of(new Problem(text(root, "type"), text(root, "title"), httpStatus, text(root, "detail"),
                text(root, "instance"), text(root, "code"), requestId != null ? requestId : fallbackRequestId,
                findings(root.get("findings"))));
    }

    /** The problem+json bytes of {@code problem}; absent fields are left out. */
    public static byte[] write(Problem problem) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        putIfPresent(root, "type", problem.type());
        putIfPresent(root, "title", problem.title());
        root.put("status", problem.status());
        putIfPresent(root, "detail", problem.detail());
        putIfPresent(root, "instance", problem.instance());
        putIfPresent(root, "code", problem.code());
        putIfPresent(root, "requestId", problem.requestId());
        if (!problem.findings().isEmpty()) {
            ArrayNode findings = root.putArray("findings");
            problem.findings().forEach(finding -> findings.addObject()
                    .put("field", finding.field()).put("rule", finding.rule()).put("message", finding.message()));
        }
        return CODEC.write(root);
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static List<Finding> findings(JsonNode node) {
        List<Finding> findings = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode item : node) {
                if (findings.size() == MAX_FINDINGS) {
                    break;
                }
                String field = text(item, "field");
                String rule = text(item, "rule");
                String message = text(item, "message");
                if (field != null && rule != null && message != null) {
                    findings.add(new Finding(field, rule, message));
                }
            }
        }
        return findings;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.asText();
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }
}
