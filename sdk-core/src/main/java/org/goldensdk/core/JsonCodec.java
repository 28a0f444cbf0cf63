package org.goldensdk.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.goldensdk.core.internal.codec.JsonSupport;

/**
 * Reads and writes JSON with Jackson, safe by construction. Every read is bounded by
 * {@link CodecLimits} (size enforced while streaming, nesting depth, string, name and number
 * length); duplicate property names and trailing content are refused; the input never names a
 * class to instantiate (no default typing, class-name type ids denied); floats bind exactly
 * ({@link java.math.BigDecimal} for untyped values and trees); {@code java.time} values are written
 * as RFC 3339 text. Unknown properties are ignored so that peers may add optional fields.
 *
 * <p>Every read failure is a {@link MalformedInputException} ({@code MALFORMED_INPUT}, or
 * {@code PAYLOAD_TOO_LARGE} past {@link CodecLimits#maxInputBytes()}) whose message says what was
 * wrong and where, without quoting the input's values. Immutable and thread-safe.
 */
public final class JsonCodec {

    private static final JsonCodec DEFAULT = new JsonCodec(CodecLimits.defaults());

    private final CodecLimits limits;
    private final JsonMapper mapper;

    private JsonCodec(CodecLimits limits) {
        this.limits = limits;
        this.mapper = JsonSupport.mapper(limits);
    }

    /** A codec with {@link CodecLimits#defaults()}. */
    public static JsonCodec of() {
        return DEFAULT;
    }

    /** A codec with the given limits. */
    public static JsonCodec of(CodecLimits limits) {
        return new JsonCodec(Objects.requireNonNull(limits, "limits"));
    }

    /** The limits this codec enforces. */
    public CodecLimits limits() {
        return limits;
    }

    /**
     * Binds one JSON document from {@code in} to {@code type}. Reads at most one byte past the
     * size limit; does not close {@code in}.
     *
     * @throws MalformedInputException if the document is malformed, breaks a limit or does not fit
     * @throws UncheckedIOException if reading {@code in} itself fails
     */
    public <T> T read(InputStream in, Class<T> type) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(type, "type");
        BoundedInputStream source = limited(in);
        try {
            return mapper.readValue(source, type);
        } catch (IOException e) {
            throw JsonSupport.readFailure(e, source, type.getSimpleName());
        }
    }

    /** Binds a UTF-8 JSON document to {@code type}; see {@link #read(InputStream, Class)}. */
    public <T> T read(byte[] json, Class<T> type) {
        return read(new ByteArrayInputStream(Objects.requireNonNull(json, "json")), type);
    }

    /** Binds a JSON document to {@code type}; see {@link #read(InputStream, Class)}. */
    public <T> T read(String json, Class<T> type) {
        return read(utf8(json), type);
    }

    /**
     * Reads one JSON document from {@code in} as a tree, numbers kept exact.
     *
     * @throws MalformedInputException if the document is empty, malformed or breaks a limit
     * @throws UncheckedIOException if reading {@code in} itself fails
     */
    public JsonNode readTree(InputStream in) {
        Objects.requireNonNull(in, "in");
        BoundedInputStream source = limited(in);
        JsonNode tree;
        try {
            tree = mapper.readTree(source);
        } catch (IOException e) {
            throw JsonSupport.readFailure(e, source, "a JSON tree");
        }
        if (tree == null || tree.isMissingNode()) {
            throw new MalformedInputException("the JSON document is empty; send one JSON value", null);
        }
        return tree;
    }

    /** Reads a UTF-8 JSON document as a tree; see {@link #readTree(InputStream)}. */
    public JsonNode readTree(byte[] json) {
        return readTree(new ByteArrayInputStream(Objects.requireNonNull(json, "json")));
    }

    /** Reads a JSON document as a tree; see {@link #readTree(InputStream)}. */
    public JsonNode readTree(String json) {
        return readTree(utf8(json));
    }

    /**
     * Writes {@code value} as UTF-8 JSON.
     *
     * @throws IllegalArgumentException if Jackson cannot serialise the value's type
     */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw unwritable(value, e);
        }
    }

    /**
     * Writes {@code value} as UTF-8 JSON to {@code out}, which is flushed but not closed.
     *
     * @throws IllegalArgumentException if Jackson cannot serialise the value's type
     * @throws UncheckedIOException if writing to {@code out} fails
     */
    public void write(Object value, OutputStream out) {
        Objects.requireNonNull(out, "out");
        try {
            mapper.writeValue(out, value);
        } catch (JsonProcessingException e) {
            throw unwritable(value, e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON failed", e);
        }
    }

    private BoundedInputStream limited(InputStream in) {
        return BoundedInputStream.of(in, limits.maxInputBytes());
    }

    private ByteArrayInputStream utf8(String json) {
        Objects.requireNonNull(json, "json");
        // a UTF-8 byte per char at least: reject before copying a string that cannot fit
        if (json.length() > limits.maxInputBytes()) {
            throw MalformedInputException.tooLarge("JSON document", limits.maxInputBytes());
        }
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static IllegalArgumentException unwritable(Object value, JsonProcessingException e) {
        String type = value == null ? "null" : value.getClass().getName();
        return new IllegalArgumentException("cannot write " + type + " as JSON: " + e.getOriginalMessage(), e);
    }
}
