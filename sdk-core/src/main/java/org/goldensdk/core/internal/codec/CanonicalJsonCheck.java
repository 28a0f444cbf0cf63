package org.goldensdk.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import org.goldensdk.core.MalformedInputException;

/**
 * Checks that a JSON tree is I-JSON (RFC 7493) as RFC 8785 requires, so canonicalisation can never
 * silently change what is signed: strings and names are valid Unicode (no lone surrogates),
 * numbers survive conversion to IEEE 754 doubles (see {@link #requireDoubleFaithful}), only JSON
 * values occur, and the depth is bounded. Duplicate names cannot occur in a tree; the parser refuses them earlier.
 */
public final class CanonicalJsonCheck {

    private final int maxDepth;

    /** A check allowing at most {@code maxDepth} nested arrays and objects. */
    public CanonicalJsonCheck(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** @throws MalformedInputException naming the path of the first offending value */
    public void check(JsonNode root) {
        check(root, "$", 0);
    }

    private void check(JsonNode node, String path, int depth) {
        switch (node.getNodeType()) {
            case OBJECT:
                enter(path, depth);
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    String memberPath = path + "." + member.getKey();
                    requireValidUnicode(member.getKey(), "property name", memberPath);
                    check(member.getValue(), memberPath, depth + 1);
                }
                break;
            case ARRAY:
                enter(path, depth);
                for (int i = 0; i < node.size(); i++) {
                    check(node.get(i), path + "[" + i + "]", depth + 1);
                }
                break;
            case STRING:
                requireValidUnicode(node.textValue(), "string", path);
                break;
            case NUMBER:
                requireDoubleFaithful(node, path);
                break;
            case BOOLEAN:
            case NULL:
                break;
            default:
                throw refuse("value at " + path + " is not plain JSON data (" + node.getNodeType()
                        + "); only objects, arrays, strings, numbers, booleans and null can be canonicalised");
        }
    }

    private void enter(String path, int depth) {
        if (depth >= maxDepth) {
            throw refuse("JSON at " + path + " nests deeper than " + maxDepth + " levels");
        }
    }

    private static void requireValidUnicode(String text, String what, String path) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw refuse("JSON " + what + " at " + path + " holds a lone surrogate (U+"
                        + Integer.toHexString(c).toUpperCase() + "); canonical JSON needs valid Unicode");
            }
        }
    }

    /**
     * JCS reads every number as an IEEE 754 double, so a fraction may round (the RFC's own example
     * turns 333333333.33333329 into 333333333.3333333). What is refused is a change of kind: an
     * integer that no double holds exactly (identifiers past 2^53), a value that overflows to
     * infinity, and a non-zero value that underflows to zero.
     */
    private static void requireDoubleFaithful(JsonNode node, String path) {
        double value = node.doubleValue();
        String problem = null;
        if (!Double.isFinite(value)) {
            problem = "is too large for an IEEE 754 double";
        } else if (value == 0 && node.decimalValue().signum() != 0) {
            problem = "is too small for an IEEE 754 double and would become 0";
        } else if (node.isIntegralNumber() && new BigDecimal(node.bigIntegerValue()).compareTo(new BigDecimal(value)) != 0) {
            problem = "is an integer that an IEEE 754 double cannot hold exactly";
        }
        if (problem != null) {
            throw refuse("JSON number at " + path + " " + problem + ", so canonicalisation would change it;"
                    + " send it as a string");
        }
    }

    private static MalformedInputException refuse(String message) {
        return new MalformedInputException(InputErrors.detail(message), null);
    }
}
