package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private final CanonicalJson jcs = CanonicalJson.of();

    /** RFC 8785 §3.2.2: serialisation of primitive data types. */
    @Test
    void serialisesPrimitivesAsRfc8785Section322Shows() {
        String input = "{\n"
                + "  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
                + "              2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n"
                + "}";

        assertThat(utf8(jcs.canonicalize(input))).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    /** RFC 8785 §3.2.3: properties sorted by UTF-16 code units, not by code points or locale. */
    @Test
    void sortsPropertiesAsRfc8785Section323Shows() {
        String input = "{\n"
                + "  \"\\u20ac\": \"Euro Sign\",\n"
                + "  \"\\r\": \"Carriage Return\",\n"
                + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
                + "  \"1\": \"One\",\n"
                + "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n"
                + "  \"\\u0080\": \"Control\",\n"
                + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n"
                + "}";

        assertThat(utf8(jcs.canonicalize(input.getBytes(StandardCharsets.UTF_8)))).isEqualTo("{"
                + "\"\\r\":\"Carriage Return\","
                + "\"1\":\"One\","
                + "\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                + "\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    /** RFC 8785 Appendix B: IEEE 754 values and their ECMAScript serialisation. */
    @ParameterizedTest
    @CsvSource({
            "4340000000000000, 9007199254740992",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "0000000000000001, 5e-324",
            "8000000000000000, 0",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    })
    void serialisesNumbersAsRfc8785AppendixBShows(String ieee754Hex, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieee754Hex, 16));

        assertThat(utf8(jcs.canonicalize("[" + value + "]"))).isEqualTo("[" + expected + "]");
    }

    @Test
    void givesTheSameBytesForATreeAsForItsText() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("b", "2").put("a", "1");

        assertThat(jcs.canonicalize(tree)).isEqualTo(jcs.canonicalize("{ \"b\" : \"2\", \"a\" : \"1\" }"));
    }

    @Test
    void rejectsDuplicatePropertyNames() {
        assertThatThrownBy(() -> jcs.canonicalize("{\"a\":\"x\",\"b\":{\"c\":1,\"c\":2}}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("Duplicate field 'c'");
    }

    @Test
    void rejectsALoneSurrogateInAString() {
        assertThatThrownBy(() -> jcs.canonicalize("{\"a\":[\"ok\",\"\\ud800x\"]}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("lone surrogate (U+D800)")
                .hasMessageContaining("$.a[1]");
    }

    @Test
    void rejectsALoneLowSurrogateInAPropertyName() {
        // the parser refuses it in text; the check refuses it in a tree built by code
        assertThatThrownBy(() -> jcs.canonicalize("{\"\\udc00\":1}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("surrogate");
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("\udc00", 1);

        assertThatThrownBy(() -> jcs.canonicalize(tree))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("property name")
                .hasMessageContaining("U+DC00");
    }

    @Test
    void rejectsAnIntegerThatADoubleCannotHoldExactly() {
        assertThatThrownBy(() -> jcs.canonicalize("{\"id\":9007199254740993}"))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("$.id")
                .hasMessageContaining("send it as a string");
    }

    @Test
    void rejectsNumbersThatOverflowOrUnderflowADouble() {
        assertThatThrownBy(() -> jcs.canonicalize("[1e400]")).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> jcs.canonicalize("[1e-400]")).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void rejectsDeepNestingBeforeTheRecursiveCanonicaliserSeesIt() {
        GeneratedInput deep = GeneratedInput.of("", "[", 100_000, "");

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThatThrownBy(() -> jcs.canonicalize(deep.readAllBytes()))
                    .isInstanceOf(MalformedInputException.class)
                    .hasMessageContaining("nesting depth");
        });
    }

    @Test
    void rejectsADeepTreeBuiltInMemory() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode node = root;
        for (int i = 0; i < 100; i++) {
            node = node.putObject("n");
        }

        assertThatThrownBy(() -> jcs.canonicalize(root))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("deeper than 64");
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
