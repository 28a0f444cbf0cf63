package org.goldensdk.cxf.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import org.goldensdk.core.Problem;

/**
 * The one Jackson configuration of Golden servers. Never enables default typing (no class names
 * from the wire), bounds nesting, string, number and name sizes, refuses trailing tokens and
 * nulls for primitives, writes dates as ISO-8601 text, and leaves absent problem fields out.
 */
final class JsonSupport {

    private static final int MAX_NESTING_DEPTH = 64;
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final int MAX_NAME_LENGTH = 1_000;

    private JsonSupport() {
    }

    /** Leaves null fields and empty findings out of a problem body. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private interface ProblemFormat {
    }

    static ObjectMapper mapper(long maxRequestBytes) {
        int maxString = (int) Math.min(Integer.MAX_VALUE, maxRequestBytes);
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxStringLength(maxString)
                        .maxDocumentLength(maxRequestBytes)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addMixIn(Problem.class, ProblemFormat.class)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    static JacksonJsonProvider provider(ObjectMapper mapper) {
        return new JacksonJsonProvider(mapper);
    }
}
