package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.TransformerException;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.SAXParseException;

class SafeXmlTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(5);
    private static final String SECRET = "TOP-SECRET-7f3a9c";

    @Test
    void trapServerSeesTheConnectionAnUnhardenedParserMakes() throws Exception {
        try (TrapServer trap = new TrapServer()) {
            String xml = "<!DOCTYPE r SYSTEM '" + trap.url("/evil.dtd") + "'><r/>";
            CompletableFuture<?> parse = CompletableFuture.runAsync(() -> {
                try {
                    DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(stream(xml));
                } catch (Exception expectedOnceTheTrapHangsUp) {
                    // the trap closes the connection without answering
                }
            });

            assertThat(trap.connectionArrivesWithin(HANG_GUARD)).isTrue();
            trap.close(); // refuses the HTTP client's retry, so the parser gives up
            parse.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void documentBuildersRejectAnyDoctypeWithoutConnecting() throws IOException {
        try (TrapServer trap = new TrapServer()) {
            String xml = "<!DOCTYPE r [<!ENTITY % p SYSTEM '" + trap.url("/p.dtd") + "'> %p;]><r/>";

            assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> SafeXml
                    .documentBuilderFactory(CodecLimits.defaults()).newDocumentBuilder().parse(stream(xml)))
                    .isInstanceOf(SAXParseException.class)
                    .hasMessageContaining("DOCTYPE"));
            assertThat(trap.connectionWasAttempted()).isFalse();
        }
    }

    @Test
    void documentBuildersLeaveXIncludeUnprocessed(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        String xml = "<r xmlns:xi='http://www.w3.org/2001/XInclude'><xi:include href='" + secret.toUri()
                + "' parse='text'/></r>";

        Document document = SafeXml.documentBuilderFactory(CodecLimits.defaults()).newDocumentBuilder().parse(stream(xml));

        assertThat(document.getDocumentElement().getTextContent()).doesNotContain(SECRET);
        assertThat(document.getElementsByTagNameNS("http://www.w3.org/2001/XInclude", "include").getLength()).isEqualTo(1);
    }

    @Test
    void documentBuildersCapElementDepth() {
        String deep = "<a>".repeat(200) + "</a>".repeat(200);

        assertThatThrownBy(() -> SafeXml.documentBuilderFactory(CodecLimits.defaults()).newDocumentBuilder()
                .parse(stream(deep)))
                .isInstanceOf(SAXParseException.class)
                .hasMessageContaining("maxElementDepth");
    }

    @Test
    void transformersRefuseAnExternalDtdWithoutConnecting() throws IOException {
        try (TrapServer trap = new TrapServer()) {
            String xml = "<!DOCTYPE r SYSTEM '" + trap.url("/evil.dtd") + "'><r/>";

            assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> SafeXml.transformerFactory()
                    .newTransformer().transform(new StreamSource(new StringReader(xml)), new StreamResult(new StringWriter())))
                    .isInstanceOf(TransformerException.class));
            assertThat(trap.connectionWasAttempted()).isFalse();
        }
    }

    @Test
    void limitRefusesADoctypeEvenOnAReaderThatSupportsDtds() throws XMLStreamException {
        XMLInputFactory permissive = XMLInputFactory.newDefaultFactory();
        XMLStreamReader reader = SafeXml.limit(
                permissive.createXMLStreamReader(stream("<!DOCTYPE r [<!ENTITY e 'x'>]><r>&e;</r>")),
                CodecLimits.defaults());

        assertThatThrownBy(reader::next)
                .isInstanceOf(XMLStreamException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void limitCapsDepthOnAnyReader() throws XMLStreamException {
        CodecLimits limits = CodecLimits.builder().maxXmlDepth(3).build();
        XMLStreamReader reader = SafeXml.limit(
                XMLInputFactory.newDefaultFactory().createXMLStreamReader(stream("<a><b><c><d/></c></b></a>")), limits);

        assertThatThrownBy(() -> {
            while (reader.hasNext()) {
                reader.next();
            }
        }).isInstanceOf(XMLStreamException.class).hasMessageContaining("deeper than 3 levels");
    }

    private static ByteArrayInputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }
}
