package org.goldensdk.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import org.erdtman.jcs.NumberToJSON;
import org.goldensdk.core.MalformedInputException;

/**
 * Checks that a JSON tree is I-JSON (RFC 7493) as RFC 8785 requires, so canonicalisation can never
 * silently change what is signed: strings and names are valid Unicode (no lone surrogates),
 * numbers are finite and keep their exact value as IEEE 754 doubles, only JSON values occur, and
 * the depth is bounded. Duplicate names cannot occur in a tree; the parser refuses them earlier.
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
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = it.next();
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
                requireExactDouble(node, path);
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

    private static void requireExactDouble(JsonNode node, String path) {
        BigDecimal exact = node.decimalValue();
        double asDouble = node.doubleValue();
        boolean exactAsDouble;
        try {
            exactAsDouble = Double.isFinite(asDouble)
                    && exact.compareTo(new BigDecimal(NumberToJSON.serializeNumber(asDouble))) == 0;
        } catch (IOException e) {
            exactAsDouble = false;
        }
        if (!exactAsDouble) {
            throw refuse("JSON number at " + path + " cannot be represented exactly as an IEEE 754 double,"
                    + " so canonicalisation would change it; send it as a string");
        }
    }

    private static MalformedInputException refuse(String message) {
        return new MalformedInputException(InputErrors.detail(message), null);
    }
}
