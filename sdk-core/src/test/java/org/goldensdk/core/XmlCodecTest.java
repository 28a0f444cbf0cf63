package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class XmlCodecTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(5);
    private static final String NS = "urn:golden:test";
    private static final String SECRET = "TOP-SECRET-7f3a9c";

    @XmlRootElement(name = "filing", namespace = NS)
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Filing {
        @XmlAttribute
        String id;
        @XmlElement(namespace = NS)
        String company;
        @XmlElement(namespace = NS)
        int count;
        @XmlElement(namespace = NS)
        String note;

        Filing() {
        }

        Filing(String id, String company, int count, String note) {
            this.id = id;
            this.company = company;
            this.count = count;
            this.note = note;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Filing && Objects.equals(id, ((Filing) o).id)
                    && Objects.equals(company, ((Filing) o).company) && count == ((Filing) o).count
                    && Objects.equals(note, ((Filing) o).note);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, company, count, note);
        }
    }

    /** A type with a declared extension point, so any well-formed content binds. */
    @XmlRootElement(name = "extensible", namespace = NS)
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Extensible {
        @XmlAnyElement
        List<Element> extensions = new ArrayList<>();
    }

    private final XmlCodec codec = XmlCodec.of();

    @Test
    void roundTripsAJaxbTypeAsUtf8() {
        Filing filing = new Filing("f-1", "武汉市税务局", 3, "a < b & c > d \"q\"");

        byte[] xml = codec.write(filing);

        assertThat(new String(xml, StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"")
                .contains("武汉市税务局");
        assertThat(codec.read(xml, Filing.class)).isEqualTo(filing);
    }

    @Test
    void writesToAStreamTheSameBytes() {
        Filing filing = new Filing("f-1", "c", 1, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        codec.write(filing, out);

        assertThat(out.toByteArray()).isEqualTo(codec.write(filing));
    }

    @Test
    void rejectsAValueThatDoesNotFitInsteadOfDefaultingIt() {
        String xml = "<filing xmlns='" + NS + "'><count>not-a-number</count></filing>";

        assertThatThrownBy(() -> codec.read(xml, Filing.class))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("line 1")
                .hasMessageNotContaining("not-a-number");
    }

    @Test
    void rejectsAnElementTheTypeDoesNotDeclare() {
        assertThatThrownBy(() -> codec.read("<filing xmlns='" + NS + "'><surprise/></filing>", Filing.class))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("unexpected element")
                .hasMessageContaining("surprise");
    }

    @Test
    void bindsUndeclaredContentAtADeclaredExtensionPoint() {
        Extensible bound = codec.read("<extensible xmlns='" + NS + "'><a><b>1</b></a></extensible>", Extensible.class);

        assertThat(bound.extensions).singleElement().extracting(Element::getLocalName).isEqualTo("a");
    }

    @Test
    void rejectsAnotherRootElement() {
        assertThatThrownBy(() -> codec.read("<other xmlns='" + NS + "'/>", Filing.class))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void rejectsAnExternalEntityToALocalFileWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        String xml = "<?xml version='1.0'?><!DOCTYPE filing [<!ENTITY xxe SYSTEM '" + secret.toUri() + "'>]>"
                + "<filing xmlns='" + NS + "'><note>&xxe;</note></filing>";

        MalformedInputException e = readHostile(xml);

        assertThat(e).hasMessageContaining("DOCTYPE");
        assertThat(fullText(e)).doesNotContain(SECRET);
    }

    @Test
    void neverConnectsForAnExternalEntity() throws IOException {
        try (TrapServer trap = new TrapServer()) {
            readHostile("<!DOCTYPE filing [<!ENTITY xxe SYSTEM '" + trap.url("/entity") + "'>]>"
                    + "<filing xmlns='" + NS + "'><note>&xxe;</note></filing>");

            assertThat(trap.connectionWasAttempted()).isFalse();
        }
    }

    @Test
    void neverConnectsForAnExternalDtd() throws IOException {
        try (TrapServer trap = new TrapServer()) {
            readHostile("<!DOCTYPE filing SYSTEM '" + trap.url("/evil.dtd") + "'><filing xmlns='" + NS + "'/>");

            assertThat(trap.connectionWasAttempted()).isFalse();
        }
    }

    @Test
    void neverConnectsForAParameterEntity() throws IOException {
        try (TrapServer trap = new TrapServer()) {
            readHostile("<!DOCTYPE filing [<!ENTITY % xxe SYSTEM '" + trap.url("/param.dtd") + "'> %xxe;]>"
                    + "<filing xmlns='" + NS + "'/>");

            assertThat(trap.connectionWasAttempted()).isFalse();
        }
    }

    @Test
    void rejectsBillionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE filing [<!ENTITY lol0 'lol'>");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" '")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("'>");
        }
        String xml = dtd + "]><filing xmlns='" + NS + "'><note>&lol9;</note></filing>";

        assertThat(readHostile(xml)).hasMessageContaining("DOCTYPE");
    }

    @Test
    void rejectsQuadraticBlowUpBeforeReadingTheReferences() {
        String head = "<!DOCTYPE filing [<!ENTITY big '" + "x".repeat(100_000) + "'>]><filing xmlns='" + NS + "'><note>";
        GeneratedInput xml = GeneratedInput.of(head, "&big;", 1_000_000, "</note></filing>");

        MalformedInputException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> JsonCodecTest.catchMalformed(() -> codec.read(xml, Filing.class)));

        assertThat(e).hasMessageContaining("DOCTYPE");
        assertThat(xml.bytesRead()).isLessThan(head.length() + 64 * 1024);
    }

    @Test
    void rejectsAnUndeclaredEntityReference() {
        assertThat(readHostile("<filing xmlns='" + NS + "'><note>&xxe;</note></filing>"))
                .extracting(MalformedInputException::code).isEqualTo(ErrorCode.MALFORMED_INPUT);
    }

    @Test
    void rejects100000DeepNestingAtTheDepthLimit() {
        GeneratedInput deep = GeneratedInput.of("<extensible xmlns='" + NS + "'>", "<a>", 100_000, "");

        MalformedInputException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> JsonCodecTest.catchMalformed(() -> codec.read(deep, Extensible.class)));

        assertThat(e).hasMessageContaining("deeper than 100 levels");
    }

    @Test
    void stopsReadingAnEndlessDocumentJustPastTheSizeLimit() {
        long limit = 64 * 1024;
        XmlCodec small = XmlCodec.of(CodecLimits.builder().maxInputBytes(limit).build());
        GeneratedInput endless = GeneratedInput.endless("<filing xmlns='" + NS + "'>", "<note>x</note>");

        MalformedInputException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> JsonCodecTest.catchMalformed(() -> small.read(endless, Filing.class)));

        assertThat(e.code()).as(XmlCodecTest.fullText(e)).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(endless.bytesRead()).isBetween(limit, limit + 1);
    }

    @Test
    void rejectsTextLongerThanTheLimit() {
        XmlCodec small = XmlCodec.of(CodecLimits.builder().maxStringLength(1_000).build());
        GeneratedInput xml = GeneratedInput.of("<filing xmlns='" + NS + "'><note>", "x", 100_000, "</note></filing>");

        MalformedInputException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> JsonCodecTest.catchMalformed(() -> small.read(xml, Filing.class)));

        assertThat(e).hasMessageContaining("text longer than 1000");
    }

    @Test
    void rejectsTooManyAttributes() {
        XmlCodec small = XmlCodec.of(CodecLimits.builder().maxAttributes(3).build());
        String xml = "<filing xmlns='" + NS + "' a='1' b='2' c='3' d='4'/>";

        assertThatThrownBy(() -> small.read(xml, Filing.class))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("more than 3 attributes");
    }

    @Test
    void leavesXIncludeUnprocessed(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        String xml = "<extensible xmlns='" + NS + "' xmlns:xi='http://www.w3.org/2001/XInclude'>"
                + "<xi:include href='" + secret.toUri() + "' parse='text'/></extensible>";

        Extensible bound = codec.read(xml, Extensible.class);

        assertThat(bound.extensions).singleElement().satisfies(include -> {
            assertThat(include.getLocalName()).isEqualTo("include");
            assertThat(include.getTextContent()).doesNotContain(SECRET);
        });
    }

    private MalformedInputException readHostile(String xml) {
        return assertTimeoutPreemptively(HANG_GUARD,
                () -> JsonCodecTest.catchMalformed(() -> codec.read(xml, Filing.class)));
    }

    static String fullText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
