package org.goldensdk.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Objects;
import org.erdtman.jcs.JsonCanonicalizer;
import org.goldensdk.core.internal.codec.CanonicalJsonCheck;
import org.goldensdk.core.internal.codec.JsonSupport;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes that get signed. Output is UTF-8,
 * properties sorted by UTF-16 code units, no whitespace, numbers in ECMAScript form, strings with
 * minimal escaping. Input is refused with {@link MalformedInputException} unless it is I-JSON, as
 * JCS requires: duplicate property names, lone surrogates, numbers a double cannot hold exactly,
 * and anything breaking the {@link CodecLimits} are rejected, so canonicalisation never changes
 * what the sender meant. Immutable and thread-safe.
 */
public final class CanonicalJson {

    private static final CanonicalJson DEFAULT = new CanonicalJson(CodecLimits.defaults());

    private final JsonCodec codec;
    private final JsonMapper mapper;
    private final CanonicalJsonCheck check;

    private CanonicalJson(CodecLimits limits) {
        this.codec = JsonCodec.of(limits);
        this.mapper = JsonSupport.mapper(limits);
        this.check = new CanonicalJsonCheck(limits.maxJsonDepth());
    }

    /** Canonicalisation with {@link CodecLimits#defaults()}. */
    public static CanonicalJson of() {
        return DEFAULT;
    }

    /** Canonicalisation with the given limits on its input. */
    public static CanonicalJson of(CodecLimits limits) {
        return new CanonicalJson(Objects.requireNonNull(limits, "limits"));
    }

    /** The canonical UTF-8 bytes of the UTF-8 JSON document {@code json}. */
    public byte[] canonicalize(byte[] json) {
        return canonicalize(codec.readTree(json));
    }

    /** The canonical UTF-8 bytes of the JSON document {@code json}. */
    public byte[] canonicalize(String json) {
        return canonicalize(codec.readTree(json));
    }

    /** The canonical UTF-8 bytes of {@code tree}, which is checked like parsed input. */
    public byte[] canonicalize(JsonNode tree) {
        Objects.requireNonNull(tree, "tree");
        check.check(tree);
        try {
            return new JsonCanonicalizer(mapper.writeValueAsString(tree)).getEncodedUTF8();
        } catch (JsonProcessingException e) {
            throw new MalformedInputException("JSON tree cannot be written for canonicalisation: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // the checked tree is I-JSON, so the canonicaliser has nothing left to refuse
            throw new IllegalStateException("canonicaliser refused checked JSON", e);
        }
    }
}
