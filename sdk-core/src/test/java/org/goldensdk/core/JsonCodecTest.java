package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(5);

    record Filing(String company, BigDecimal amount, Instant receivedAt, OffsetDateTime localTime, List<String> tags) {
    }

    record Person(String name, int age) {
    }

    static final class Harmless {
        public int x;
    }

    static final class Holder {
        @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
        public Object payload;
    }

    private final JsonCodec codec = JsonCodec.of();

    @Test
    void roundTripsARecordWithExactDecimalsAndRfc3339Timestamps() {
        Filing filing = new Filing("11420100MB00000196", new BigDecimal("1234.50"),
                Instant.parse("2024-05-01T08:30:00.123Z"),
                OffsetDateTime.of(2024, 5, 1, 16, 30, 0, 0, ZoneOffset.ofHours(8)), List.of("tax"));

        byte[] json = codec.write(filing);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"receivedAt\":\"2024-05-01T08:30:00.123Z\"")
                .contains("\"localTime\":\"2024-05-01T16:30:00+08:00\"")
                .contains("\"amount\":1234.50");
        assertThat(codec.read(json, Filing.class)).isEqualTo(filing);
    }

    @Test
    void readsRfc3339TimestampsWithAnOffsetAsTheSameInstant() {
        Filing filing = codec.read("{\"receivedAt\":\"2024-05-01T16:30:00.5+08:00\"}", Filing.class);

        assertThat(filing.receivedAt()).isEqualTo(Instant.parse("2024-05-01T08:30:00.500Z"));
    }

    @Test
    void writesToAStreamWithoutClosingIt() {
        ClosingWatch out = new ClosingWatch();

        codec.write(new Person("a", 1), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"a\",\"age\":1}");
        assertThat(out.closed).isFalse();
    }

    @Test
    void ignoresUnknownPropertiesSoPeersCanAddOptionalFields() {
        assertThat(codec.read("{\"name\":\"a\",\"age\":1,\"addedLater\":{\"x\":[1]}}", Person.class))
                .isEqualTo(new Person("a", 1));
    }

    @Test
    void keepsFloatsExactInTrees() {
        JsonNode tree = codec.readTree("{\"v\":0.10000000000000000000001}");

        assertThat(tree.get("v").decimalValue()).isEqualByComparingTo("0.10000000000000000000001");
    }

    @Test
    void rejectsDuplicatePropertyNames() {
        assertThatThrownBy(() -> codec.read("{\"name\":\"a\",\"name\":\"b\",\"age\":1}", Person.class))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("Duplicate field 'name'")
                .hasMessageContaining("line 1");
    }

    @Test
    void rejectsTrailingContentAfterTheDocument() {
        assertThatThrownBy(() -> codec.readTree("{\"a\":1} {\"a\":2}"))
                .isInstanceOf(MalformedInputException.class)
                .extracting(e -> ((MalformedInputException) e).code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    }

    @Test
    void rejectsAnEmptyDocument() {
        assertThatThrownBy(() -> codec.readTree(""))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void reportsSyntaxErrorsWithLineAndColumn() {
        assertThatThrownBy(() -> codec.readTree("{\n  \"a\": tru }"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageStartingWith("malformed JSON at line 2, column");
    }

    @Test
    void neverQuotesTheOffendingValueOfABindingError() {
        assertThatThrownBy(() -> codec.read("{\"name\":\"a\",\"age\":\"11010519491231002X\"}", Person.class))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("$.age")
                .hasMessageContaining("Person")
                .hasMessageNotContaining("11010519491231002X")
                .hasNoCause();
    }

    @Test
    void neverInstantiatesAClassNamedByTheInput() throws Exception {
        String json = "{\"payload\":{\"@class\":\"" + Harmless.class.getName() + "\",\"x\":1}}";
        // a plain ObjectMapper honours the class name: the input is a working gadget request
        assertThat(new ObjectMapper().readValue(json, Holder.class).payload).isInstanceOf(Harmless.class);

        assertThatThrownBy(() -> codec.read(json, Holder.class))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("$.payload");
    }

    @Test
    void rejects100000DeepNestingWithoutRecursingIntoIt() {
        GeneratedInput deep = GeneratedInput.of("", "[", 100_000, "");

        MalformedInputException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> catchMalformed(() -> codec.readTree(deep)));

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
        assertThat(e).hasMessageContaining("nesting depth").hasMessageContaining("64");
    }

    @Test
    void stopsReadingAnEndlessDocumentJustPastTheSizeLimit() {
        long limit = 64 * 1024;
        JsonCodec small = JsonCodec.of(CodecLimits.builder().maxInputBytes(limit).build());
        GeneratedInput endless = GeneratedInput.endless("[", "1234567,");

        MalformedInputException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> catchMalformed(() -> small.readTree(endless)));

        assertThat(e.code()).as(XmlCodecTest.fullText(e)).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(e).hasMessageContaining(String.valueOf(limit));
        assertThat(endless.bytesRead()).isBetween(limit, limit + 1);
    }

    @Test
    void rejectsAStringLargerThanTheSizeLimitBeforeEncodingIt() {
        JsonCodec small = JsonCodec.of(CodecLimits.builder().maxInputBytes(10).build());

        assertThatThrownBy(() -> small.readTree("[\"0123456789\"]"))
                .isInstanceOf(MalformedInputException.class)
                .extracting(e -> ((MalformedInputException) e).code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void rejectsAStringValueLongerThanTheLimit() {
        JsonCodec small = JsonCodec.of(CodecLimits.builder().maxStringLength(1000).build());
        GeneratedInput longString = GeneratedInput.of("[\"", "x", 100_000, "\"]");

        MalformedInputException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> catchMalformed(() -> small.readTree(longString)));

        assertThat(e).hasMessageContaining("String value length");
    }

    @Test
    void rejectsANumberLongerThanTheLimit() {
        GeneratedInput longNumber = GeneratedInput.of("[", "9", 5_000, "]");

        MalformedInputException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> catchMalformed(() -> codec.readTree(longNumber)));

        assertThat(e).hasMessageContaining("Number value length");
    }

    @Test
    void rejectsAPropertyNameLongerThanTheLimit() {
        GeneratedInput longName = GeneratedInput.of("{\"", "n", 5_000, "\":1}");

        MalformedInputException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> catchMalformed(() -> codec.readTree(longName)));

        assertThat(e).hasMessageContaining("Name length");
    }

    static MalformedInputException catchMalformed(Runnable read) {
        try {
            read.run();
        } catch (MalformedInputException e) {
            return e;
        }
        throw new AssertionError("expected a MalformedInputException");
    }

    private static final class ClosingWatch extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
