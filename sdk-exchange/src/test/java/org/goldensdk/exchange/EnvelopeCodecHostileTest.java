package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.goldensdk.exchange.EnvelopeFixtures.message;
import static org.goldensdk.exchange.EnvelopeFixtures.sealer;
import static org.goldensdk.exchange.EnvelopeFixtures.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.goldensdk.core.CanonicalJson;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.ErrorCode;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.Signer;
import org.goldensdk.core.ValidationException;
import org.goldensdk.exchange.internal.HeaderNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecHostileTest {
    private static final JsonCodec JSON = JsonCodec.of();
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    /** A SENSITIVE envelope, so the header has every kind of member: attachments, properties, encryption. */
    private static Envelope sensitiveEnvelope() {
        try (SealedMessage sealed = sealer(CryptoSuite.GM).seal(message().classification(Classification.SENSITIVE)
                .encryptFor(EnvelopeFixtures.RECEIVER.credentials().encryptionCertificateChain(CryptoSuite.GM).get(0))
                .build())) {
            return sealed.envelope();
        }
    }

    private static Envelope envelope() {
        return sealer(CryptoSuite.GM).seal(message().build()).envelope();
    }

    private static String xml(Envelope envelope) {
        return new String(EnvelopeCodec.xml().encode(envelope), StandardCharsets.UTF_8);
    }

    private static ObjectNode jsonDocument(Envelope envelope) {
        return (ObjectNode) JSON.readTree(EnvelopeCodec.json().encode(envelope));
    }

    private static void refusedAsMalformed(Executable decode) {
        assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(decode::execute)
                .isInstanceOf(MalformedInputException.class));
    }

    // ---- XML: DTDs, external entities, entity expansion ----

    /** The XML envelope with {@code doctype} after the declaration and {@code &entity;} as the acting-for value. */
    private static byte[] withDoctype(String doctype, String actingFor) {
        String xml = xml(envelope());
        int afterDeclaration = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
        String hostile = xml.substring(0, afterDeclaration) + doctype + xml.substring(afterDeclaration);
        String withReference = hostile.replaceFirst("(<([A-Za-z0-9]+:)?ActingFor>)[^<]*(</)", "$1" + actingFor + "$3");
        assertThat(withReference).as("the acting-for element was found").isNotEqualTo(hostile);
        return withReference.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anXmlEnvelopeWithAnInternalDoctypeIsMalformed() {
        byte[] hostile = withDoctype("<!DOCTYPE Envelope [<!ENTITY greeting \"hello\">]>", "&greeting;");

        refusedAsMalformed(() -> EnvelopeCodec.xml().decode(hostile));
    }

    @Test
    void anXmlEnvelopeWithAFileEntityIsMalformedAndLeaksNothing(@TempDir Path directory) throws IOException {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET-FILE-CONTENT");
        byte[] hostile = withDoctype("<!DOCTYPE Envelope [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>", "&xxe;");

        assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> EnvelopeCodec.xml().decode(hostile))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageNotContaining("TOP-SECRET-FILE-CONTENT"));
    }

    @Test
    void anXmlEnvelopeReferencingTheNetworkMakesNoConnection() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            String base = "http://127.0.0.1:" + server.socket().getLocalPort();
            List<byte[]> hostile = List.of(
                    withDoctype("<!DOCTYPE Envelope [<!ENTITY xxe SYSTEM \"" + base + "/entity\">]>", "&xxe;"),
                    withDoctype("<!DOCTYPE Envelope SYSTEM \"" + base + "/external.dtd\">", "case"),
                    withDoctype("<!DOCTYPE Envelope [<!ENTITY % remote SYSTEM \"" + base + "/parameter.dtd\"> %remote;]>", "case"));

            for (byte[] document : hostile) {
                refusedAsMalformed(() -> EnvelopeCodec.xml().decode(document));
                refusedAsMalformed(() -> EnvelopeCodec.xml().decodeReceipt(document));
            }
            // a connection the parser opened would already sit in the backlog, handshake done
            assertThat(server.accept()).as("a connection to the local server").isNull();
        }
    }

    @Test
    void billionLaughsIsMalformed() {
        StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            entities.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        byte[] hostile = withDoctype("<!DOCTYPE Envelope [" + entities + "]>", "&lol9;");

        refusedAsMalformed(() -> EnvelopeCodec.xml().decode(hostile));
    }

    // ---- XML: what JAXB alone would bind leniently ----

    /** Every element of a SENSITIVE envelope's XML that carries one string (generated from the document). */
    static Stream<String> everyXmlTextElement() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([A-Za-z]+)>[^<]*</\\1>").matcher(xml(sensitiveEnvelope()));
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names.stream();
    }

    /**
     * A repeated element placed before the signed one: JAXB alone binds the last, so the envelope
     * would verify while a reader taking the first (an XPath router, another SOAP stack) sees
     * another receiver or classification — the XML twin of a duplicate JSON member.
     */
    @ParameterizedTest
    @MethodSource("everyXmlTextElement")
    void aRepeatedXmlElementIsMalformed(String element) {
        Envelope sensitive = sensitiveEnvelope();
        String xml = xml(sensitive);
        String repeated = xml.replaceFirst("<" + element + ">", "<" + element + ">decoy</" + element + "><" + element + ">");
        assertThat(repeated).isNotEqualTo(xml);
        assertThat(EnvelopeCodec.xml().decode(xml.getBytes(StandardCharsets.UTF_8))).isEqualTo(sensitive);

        refusedAsMalformed(() -> EnvelopeCodec.xml().decode(repeated.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRepeatedReceiverCannotRouteAnEnvelopeThatStillVerifies() {
        String xml = xml(envelope());
        String decoy = "<Receiver>" + org.goldensdk.testkit.TestDepartment.AUDIT.partyId() + "</Receiver>";
        String routedElsewhere = xml.replaceFirst("<Receiver>", decoy + "<Receiver>");

        assertThatThrownBy(() -> verifier().verify(EnvelopeCodec.xml().decode(routedElsewhere.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void anXmlDocumentBreakingTheSchemaIsMalformed() {
        String xml = xml(envelope());
        String certificate = xml.replaceFirst("(?s).*(<Certificate>[^<]*</Certificate>).*", "$1");
        List<String> hostile = List.of(
                xml.replaceFirst("(<Certificate>)", certificate.repeat(16) + "$1"),
                xml.replaceFirst("(?s)<Attachments>.*</Attachments>", "<Attachments></Attachments>"),
                xml.replaceFirst("<Classification>", "<Classification priority=\"high\">"),
                xml.replaceFirst("<Classification>", "<x:Priority xmlns:x=\"urn:other\">high</x:Priority><Classification>"));
        assertThat(hostile).doesNotContain(xml);

        for (String document : hostile) {
            refusedAsMalformed(() -> EnvelopeCodec.xml().decode(document.getBytes(StandardCharsets.UTF_8)));
        }
    }

    // ---- JSON: shape ----

    /** The JSON pointer of every string in a header with every kind of member. */
    static Stream<String> everyHeaderString() {
        List<String> pointers = new ArrayList<>();
        collect(sensitiveEnvelope().headerNode(), "", pointers);
        return pointers.stream();
    }

    private static void collect(JsonNode node, String path, List<String> into) {
        if (node.isTextual()) {
            into.add(path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, into);
            }
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> member = it.next();
                collect(member.getValue(), path + "/" + member.getKey(), into);
            }
        }
    }

    static Stream<Arguments> everyHeaderStringAsANonString() {
        List<JsonNode> replacements = List.of(new DecimalNode(new BigDecimal("1")), BooleanNode.TRUE, NullNode.instance);
        return everyHeaderString().flatMap(pointer -> replacements.stream().map(value -> Arguments.of(pointer, value)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("everyHeaderStringAsANonString")
    void aHeaderValueThatIsNotAStringIsMalformed(String pointer, JsonNode value) {
        ObjectNode document = jsonDocument(sensitiveEnvelope());
        replace(document.get("header"), pointer, value);

        assertThatThrownBy(() -> EnvelopeCodec.json().decode(JSON.write(document)))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("must be a JSON string");
    }

    private static void replace(JsonNode root, String pointer, JsonNode value) {
        JsonNode parent = root.at(pointer.substring(0, pointer.lastIndexOf('/')));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/signature", "/header", "/header/attachments/0", "/header/payloadEncryption",
            "/header/attachments/1/encryption"})
    void anUnknownMemberIsMalformed(String where) {
        ObjectNode document = jsonDocument(sensitiveEnvelope());
        ((ObjectNode) document.at(where)).put("priority", "high");

        assertThatThrownBy(() -> EnvelopeCodec.json().decode(JSON.write(document)))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("unknown member 'priority'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"header\":{", "\"signature\":{"})
    void duplicateMemberNamesAreMalformed(String opening) {
        String json = new String(EnvelopeCodec.json().encode(envelope()), StandardCharsets.UTF_8);
        // a second "classification" (or "value") that a lenient parser would let win over the signed one
        String duplicated = json.replace(opening, opening.equals("\"signature\":{")
                ? opening + "\"value\":\"AAAA\"," : opening + "\"classification\":\"PUBLIC\",");
        assertThat(duplicated).isNotEqualTo(json);

        assertThatThrownBy(() -> EnvelopeCodec.json().decode(duplicated.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void aDuplicateTopLevelHeaderIsMalformed() {
        String json = new String(EnvelopeCodec.json().encode(envelope()), StandardCharsets.UTF_8);
        String duplicated = "{\"header\":{\"formatVersion\":\"1\"}," + json.substring(1);

        assertThatThrownBy(() -> EnvelopeCodec.json().decode(duplicated.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "{\"a\":"})
    void aHundredThousandLevelsOfNestingAreMalformed(String level) {
        String close = level.equals("[") ? "]" : "}";
        String hostile = "{\"header\":" + level.repeat(100_000) + "\"x\"" + close.repeat(100_000)
                + ",\"signature\":{}}";

        refusedAsMalformed(() -> EnvelopeCodec.json().decode(hostile.getBytes(StandardCharsets.UTF_8)));
        refusedAsMalformed(() -> EnvelopeCodec.json().decodeReceipt(hostile.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDocumentOverOneMebibyteIsTooLarge() {
        String json = new String(EnvelopeCodec.json().encode(envelope()), StandardCharsets.UTF_8);
        String padded = json.replaceFirst("\\{", "{" + " ".repeat((int) EnvelopeCodec.MAX_ENCODED_BYTES));
        // comments, not one long run of whitespace: that would first break the 64 Ki-character text limit
        String comments = ("<!--" + "x".repeat(1000) + "-->\n").repeat((int) (EnvelopeCodec.MAX_ENCODED_BYTES / 1000));
        String xml = xml(envelope());
        String xmlPadded = xml.replaceFirst("\\?>", "?>" + comments);
        assertThat(xmlPadded).isNotEqualTo(xml);

        for (Executable decode : List.<Executable>of(
                () -> EnvelopeCodec.json().decode(padded.getBytes(StandardCharsets.UTF_8)),
                () -> EnvelopeCodec.json().decode(new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8))),
                () -> EnvelopeCodec.json().decodeReceipt(padded.getBytes(StandardCharsets.UTF_8)),
                () -> EnvelopeCodec.xml().decode(xmlPadded.getBytes(StandardCharsets.UTF_8)))) {
            assertThatThrownBy(decode::execute).isInstanceOfSatisfying(MalformedInputException.class,
                    e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
        }
    }

    static Stream<Arguments> brokenSignatures() {
        Consumer<ObjectNode> notBase64 = s -> s.put("value", "not base64!");
        Consumer<ObjectNode> unpadded = s -> s.put("value", "AAA");
        Consumer<ObjectNode> wrapped = s -> s.put("value", new StringBuilder(s.get("value").asText()).insert(8, "\n").toString());
        Consumer<ObjectNode> urlSafe = s -> s.put("value", s.get("value").asText().replace('+', '-').replace('/', '_') + "-_");
        Consumer<ObjectNode> nonCanonicalBits = s -> s.put("value", "AB==");
        Consumer<ObjectNode> missing = s -> s.remove("value");
        Consumer<ObjectNode> number = s -> s.put("value", 12);
        Consumer<ObjectNode> noCertificates = s -> s.putArray("certificates");
        Consumer<ObjectNode> certificatesMissing = s -> s.remove("certificates");
        Consumer<ObjectNode> certificatesNotAnArray = s -> s.put("certificates", s.get("certificates").get(0).asText());
        Consumer<ObjectNode> notACertificate = s -> ((ArrayNode) s.get("certificates")).insert(0,
                java.util.Base64.getEncoder().encodeToString("not a certificate".getBytes(StandardCharsets.UTF_8)));
        Consumer<ObjectNode> truncatedCertificate = s -> ((ArrayNode) s.get("certificates")).set(0, TextNode.valueOf(
                s.get("certificates").get(0).asText().substring(0, 100)));
        Consumer<ObjectNode> certificateNotAString = s -> ((ArrayNode) s.get("certificates")).set(0, BooleanNode.TRUE);
        Consumer<ObjectNode> tooManyCertificates = s -> {
            ArrayNode certificates = (ArrayNode) s.get("certificates");
            for (int i = 0; i < 20; i++) {
                certificates.add(certificates.get(0).asText());
            }
        };
        return Stream.of(Arguments.of("not base64", notBase64), Arguments.of("unpadded", unpadded),
                Arguments.of("line-wrapped", wrapped), Arguments.of("url-safe alphabet", urlSafe),
                Arguments.of("non-canonical trailing bits", nonCanonicalBits), Arguments.of("value missing", missing),
                Arguments.of("value a number", number), Arguments.of("empty certificate list", noCertificates),
                Arguments.of("certificates missing", certificatesMissing),
                Arguments.of("certificates not an array", certificatesNotAnArray),
                Arguments.of("a non-certificate first in the chain", notACertificate),
                Arguments.of("a truncated certificate", truncatedCertificate),
                Arguments.of("a certificate that is not a string", certificateNotAString),
                Arguments.of("more than 16 certificates", tooManyCertificates));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSignatures")
    void aBrokenSignatureOrChainIsMalformed(String what, Consumer<ObjectNode> breakIt) {
        ObjectNode document = jsonDocument(envelope());
        breakIt.accept((ObjectNode) document.get("signature"));

        assertThatThrownBy(() -> EnvelopeCodec.json().decode(JSON.write(document))).as(what)
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void aBrokenXmlSignatureIsMalformed() {
        String xml = xml(envelope());
        // the Value inside Signature, not a property's Value
        String badValue = xml.replaceFirst("(<([A-Za-z0-9]+:)?Signature>\\s*<([A-Za-z0-9]+:)?Value>)[^<]*(</)", "$1not base64!$4");
        String noCertificate = xml.replaceAll("<([A-Za-z0-9]+:)?Certificate>[^<]*</([A-Za-z0-9]+:)?Certificate>", "");
        String notACertificate = xml.replaceFirst("(<([A-Za-z0-9]+:)?Certificate>)[^<]*(</)", "$1bm90IGEgY2VydGlmaWNhdGU=$3");
        assertThat(List.of(badValue, noCertificate, notACertificate)).doesNotContain(xml);

        for (String hostile : List.of(badValue, noCertificate, notACertificate)) {
            assertThatThrownBy(() -> EnvelopeCodec.xml().decode(hostile.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(MalformedInputException.class);
        }
    }

    // ---- characters XML 1.0 cannot carry ----

    @ParameterizedTest
    @ValueSource(strings = {"case\u0001", "case\u001B[31m", "case\uD800", "\uDC00case", "case\uFFFE"})
    void sealingRefusesAHeaderValueXmlCannotCarry(String value) {
        assertThatThrownBy(() -> sealer(CryptoSuite.GM).seal(message().property("caseNumber", value).build()))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.findings()).extracting("rule").containsExactly("envelope.xmlCharacter"));
        assertThatThrownBy(() -> sealer(CryptoSuite.GM).seal(message().actingFor(value).build()))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.findings()).extracting("rule").containsExactly("envelope.xmlCharacter"));
        assertThatThrownBy(() -> message().attach(value + ".pdf", "application/pdf", Content.of(new byte[1])))
                .isInstanceOf(ValidationException.class);
        EnvelopeHeader header = envelope().header();
        assertThatThrownBy(() -> header.toBuilder().property("caseNumber", value).build())
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.findings()).extracting("rule").containsExactly("envelope.xmlCharacter"));
    }

    /**
     * A header value XML cannot carry, signed by a sender who bypassed the SDK: the JSON decoder
     * accepts the shape, the verifier refuses the value (a signed one, so the refusal is not
     * merely a bad signature).
     */
    @ParameterizedTest
    @ValueSource(strings = {"case\u0001", "case\u001F"})
    void aReceivedControlCharacterIsRefusedByTheVerifier(String value) {
        Envelope received = EnvelopeCodec.json().decode(EnvelopeCodec.json().encode(signedByTheSender(
                node -> ((ObjectNode) node.get("properties")).put("caseNumber", value))));

        assertThatThrownBy(() -> verifier().verify(received)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.findings()).extracting("rule").containsExactly("envelope.xmlCharacter"));
        assertThatThrownBy(received::header).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "\\udc00", "\\udbff\\u0041"})
    void aReceivedLoneSurrogateIsMalformed(String escaped) {
        String json = new String(EnvelopeCodec.json().encode(envelope()), StandardCharsets.UTF_8);
        String hostile = json.replace("\"case 2026-0007\"", "\"case" + escaped + "\"");
        assertThat(hostile).isNotEqualTo(json);

        assertThatThrownBy(() -> EnvelopeCodec.json().decode(hostile.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"&#1;", "&#x1B;", "&#xD800;", "&#xFFFE;", "\u0001"})
    void anXmlHeaderValueWithACharacterXmlCannotCarryIsMalformed(String character) {
        String xml = xml(envelope());
        String hostile = xml.replace(">case 2026-0007<", ">case" + character + "<");
        assertThat(hostile).isNotEqualTo(xml);

        refusedAsMalformed(() -> EnvelopeCodec.xml().decode(hostile.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anXmlHeaderValueWithALoneSurrogateInUtf8IsMalformed() {
        byte[] xml = EnvelopeCodec.xml().encode(envelope());
        String text = new String(xml, StandardCharsets.UTF_8);
        int at = text.indexOf(">case 2026-0007<") + 1;
        byte[] prefix = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] suffix = text.substring(at).getBytes(StandardCharsets.UTF_8);
        byte[] hostile = new byte[prefix.length + 3 + suffix.length];
        System.arraycopy(prefix, 0, hostile, 0, prefix.length);
        // CESU-style encoding of U+D800: not UTF-8
        hostile[prefix.length] = (byte) 0xED;
        hostile[prefix.length + 1] = (byte) 0xA0;
        hostile[prefix.length + 2] = (byte) 0x80;
        System.arraycopy(suffix, 0, hostile, prefix.length + 3, suffix.length);

        refusedAsMalformed(() -> EnvelopeCodec.xml().decode(hostile));
    }

    // ---- secret data ----

    @ParameterizedTest
    @ValueSource(strings = {"SECRET", "secret", "CONFIDENTIAL", "TOP_SECRET", "涉密", "秘密", "机密", "绝密", " Top-Secret "})
    void aReceivedSecretClassificationIsRefusedEvenWhenValidlySigned(String marking) {
        Envelope secret = signedByTheSender(node -> node.put("classification", marking));

        for (EnvelopeCodec codec : List.of(EnvelopeCodec.json(), EnvelopeCodec.xml())) {
            Envelope received = codec.decode(codec.encode(secret));
            assertThatThrownBy(() -> verifier().verify(received)).as(codec.mediaType())
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.findings())
                            .extracting("rule").containsExactly("classification.secret"));
            assertThatThrownBy(received::header).as("routing on the unverified header").isInstanceOfSatisfying(
                    ValidationException.class, e -> assertThat(e.findings()).extracting("rule")
                            .containsExactly("classification.secret"));
        }
    }

    /** An envelope whose header object was changed by {@code change} and then signed with the sender's real key. */
    private static Envelope signedByTheSender(Consumer<ObjectNode> change) {
        Envelope genuine = envelope();
        ObjectNode node = genuine.headerNode();
        change.accept(node);
        Signer signer = EnvelopeFixtures.SENDER.credentials().signer(CryptoSuite.GM);
        Envelope forged = Envelope.fromWire(node, signer.sign(CanonicalJson.of().canonicalize(node)), genuine.signerChain());
        assertThat(forged.headerNode().get(HeaderNodes.SENDER)).isEqualTo(genuine.headerNode().get(HeaderNodes.SENDER));
        return forged;
    }
}
