package org.goldensdk.core.internal.codec;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.BoundedInputStream;
import org.goldensdk.core.MalformedInputException;

/** The one Jackson configuration every SDK codec uses, and the translation of its failures. */
public final class JsonSupport {

    /** Longest unparseable token Jackson quotes in a message: enough to recognise, too short to leak a value. */
    private static final int MAX_ERROR_TOKEN_CHARS = 12;

    private JsonSupport() {
    }

    /**
     * A mapper bounded by {@code limits}: duplicate names, trailing content and class-name type ids
     * refused, floats kept exact as {@link java.math.BigDecimal}, java.time written as RFC 3339 text.
     * Unknown properties are ignored (see docs/core-codecs.md: peers add optional fields within a
     * service's major version, and signatures are checked over received bytes, not bound objects).
     */
    public static JsonMapper mapper(CodecLimits limits) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxJsonDepth())
                        .maxDocumentLength(limits.maxInputBytes())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxNameLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .build())
                .errorReportConfiguration(ErrorReportConfiguration.builder()
                        .maxErrorTokenLength(MAX_ERROR_TOKEN_CHARS)
                        .maxRawContentLength(0)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                // deny-all: no class named by the input is ever instantiated; @JsonTypeInfo(use = NAME)
                // with registered subtypes still works because it never consults the validator
                .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().build())
                .enable(MapperFeature.BLOCK_UNSAFE_POLYMORPHIC_BASE_TYPES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
    }

    /**
     * The typed failure for a read that threw {@code failure}. Messages name the problem, the
     * position and (for binding errors) the JSON path and target type, but never the offending value.
     *
     * @throws UncheckedIOException when the source itself failed, which says nothing about the input
     */
    public static MalformedInputException readFailure(IOException failure, BoundedInputStream source, String target) {
        if (source.limitExceeded()) {
            return MalformedInputException.tooLarge("JSON document", source.limit());
        }
        return describe(failure, target);
    }

    private static MalformedInputException describe(IOException failure, String target) {
        if (!(failure instanceof JsonProcessingException)) {
            throw new UncheckedIOException("reading the JSON input failed", failure);
        }
        JsonProcessingException e = (JsonProcessingException) failure;
        JsonLocation location = e.getLocation();
        String at = location == null ? "" : InputErrors.at(location.getLineNr(), location.getColumnNr());
        String message;
        if (e instanceof StreamConstraintsException) {
            message = "JSON document breaks a limit" + at + ": " + InputErrors.detail(e.getOriginalMessage())
                    + "; raise it in CodecLimits only if such input is legitimate";
        } else if (e instanceof InvalidDefinitionException) {
            message = "JSON cannot be bound to " + target + ": the type is not usable for binding ("
                    + InputErrors.detail(e.getOriginalMessage()) + ")";
        } else if (e instanceof JsonMappingException) {
            // no cause: Jackson's binding messages quote the offending value, which may be personal data
            return new MalformedInputException("JSON value at " + path((JsonMappingException) e) + at
                    + " does not fit " + target + " (wrong type, shape or format, or a refused type id)", null);
        } else {
            message = "malformed JSON" + at + ": " + InputErrors.detail(e.getOriginalMessage());
        }
        return new MalformedInputException(message, e);
    }

    /** The path as {@code $.a.b[2]}, built from property names and indexes only. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return InputErrors.detail(path.toString());
    }
}
