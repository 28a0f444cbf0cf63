package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.goldensdk.exchange.EnvelopeFixtures.CLOCK;
import static org.goldensdk.exchange.EnvelopeFixtures.NOW;
import static org.goldensdk.exchange.EnvelopeFixtures.PAYLOAD;
import static org.goldensdk.exchange.EnvelopeFixtures.message;
import static org.goldensdk.exchange.EnvelopeFixtures.sealer;
import static org.goldensdk.exchange.EnvelopeFixtures.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.testkit.CertificateAuthority;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeSignatureTest {
    private static final JsonCodec JSON = JsonCodec.of();

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void anEnvelopeSurvivesJsonToXmlToJsonWithTheSameSignature(CryptoSuite suite) {
        try (SealedMessage sealed = sealer(suite).seal(message().build())) {
            Envelope original = sealed.envelope();
            Envelope viaJson = EnvelopeCodec.json().decode(EnvelopeCodec.json().encode(original));
            Envelope viaXml = EnvelopeCodec.xml().decode(EnvelopeCodec.xml().encode(viaJson));
            Envelope back = EnvelopeCodec.json().decode(EnvelopeCodec.json().encode(viaXml));

            assertThat(back).isEqualTo(original);
            assertThat(back.signature()).isEqualTo(original.signature());
            assertThat(back.canonicalHeader()).isEqualTo(original.canonicalHeader());
            EnvelopeHeader header = verifier().verify(back);
            assertThat(header.sender()).isEqualTo(TestDepartment.TAX.partyId());
            assertThat(header.signatureAlgorithm().suite()).isEqualTo(suite);
            assertThat(header.attachments()).extracting(AttachmentInfo::name).containsExactly("ledger-2026Q1.csv", "notice.pdf");
            assertThat(readVerified(verifier().payload(back, sealed.payload().open()))).isEqualTo(PAYLOAD);
        }
    }

    @Test
    void theCanonicalHeaderIsSortedAllStringJsonWithMillisecondUtcTimes() {
        Envelope envelope = sealer(CryptoSuite.GM).seal(message().build()).envelope();
        String canonical = new String(envelope.canonicalHeader(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(canonical).startsWith("{\"actingFor\":\"case 2026-0007\",\"attachments\":[{\"contentType\":\"text/csv\"")
                .contains("\"createdAt\":\"2026-03-01T08:00:00.123Z\"")
                .contains("\"payloadSize\":\"" + PAYLOAD.length + "\"")
                .contains("\"formatVersion\":\"1\"")
                .contains("\"signatureAlgorithm\":\"SM2-SM3\"")
                .doesNotContain(": ").doesNotContain("\n");
        assertThat(JSON.readTree(canonical)).allSatisfy(value -> assertThat(value.isTextual() || value.isContainerNode()).isTrue());
    }

    static Stream<Arguments> everyHeaderString() {
        Envelope envelope = sealer(CryptoSuite.GM).seal(message().build()).envelope();
        List<Arguments> paths = new ArrayList<>();
        collect(envelope.headerNode(), "", paths);
        return paths.stream();
    }

    private static void collect(JsonNode node, String path, List<Arguments> into) {
        if (node.isTextual()) {
            into.add(Arguments.of(path));
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyHeaderString")
    void changingAnySingleHeaderValueBreaksTheSignature(String pointer) {
        Envelope envelope = sealer(CryptoSuite.GM).seal(message().build()).envelope();
        ObjectNode document = (ObjectNode) JSON.readTree(EnvelopeCodec.json().encode(envelope));
        JsonNode header = document.get("header");
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String member = pointer.substring(pointer.lastIndexOf('/') + 1);
        String original = header.at(pointer).asText();
        String altered = alter(original);
        if (header.at(parent) instanceof ObjectNode object) {
            object.set(member, TextNode.valueOf(altered));
        } else {
            ((com.fasterxml.jackson.databind.node.ArrayNode) header.at(parent)).set(Integer.parseInt(member), TextNode.valueOf(altered));
        }
        Envelope tampered = EnvelopeCodec.json().decode(JSON.write(document));

        assertThatThrownBy(() -> verifier().verify(tampered)).isInstanceOf(SignatureException.class)
                .hasMessageContaining("envelope header signature does not verify");
    }

    /** One character changed to another of the same kind, so the value stays well-formed where it can. */
    private static String alter(String value) {
        char[] chars = value.toCharArray();
        for (int i = chars.length - 1; i >= 0; i--) {
            char c = chars[i];
            if (c >= '0' && c <= '8' || c >= 'a' && c <= 'e' || c >= 'A' && c <= 'Y') {
                chars[i] = (char) (c + 1);
                return new String(chars);
            }
        }
        return value + "x";
    }

    @Test
    void aChangedPayloadByteFailsWhileReadingAndNamesThePayload() {
        try (SealedMessage sealed = sealer(CryptoSuite.INTL).seal(message().build())) {
            byte[] altered = sealed.payload().readAllBytes();
            altered[3] ^= 1;
            Envelope envelope = sealed.envelope();
            verifier().verify(envelope);

            assertThatThrownBy(() -> readVerified(verifier().payload(envelope, new ByteArrayInputStream(altered))))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("the payload of")
                    .hasMessageContaining("does not match its digest");
            assertThatThrownBy(() -> readVerified(verifier().payload(envelope,
                    new ByteArrayInputStream(java.util.Arrays.copyOf(altered, altered.length - 1)))))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void aChangedAttachmentByteFailsAndNamesTheAttachment() {
        try (SealedMessage sealed = sealer(CryptoSuite.GM).seal(message().build())) {
            byte[] altered = sealed.attachments().get(1).readAllBytes();
            altered[0] ^= 0x20;

            assertThatThrownBy(() -> readVerified(verifier().attachment(sealed.envelope(), 1, new ByteArrayInputStream(altered))))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("attachment 'notice.pdf'");
            assertThat(readVerified(verifier().attachment(sealed.envelope(), 0, sealed.attachments().get(0).open())))
                    .isEqualTo(sealed.attachments().get(0).readAllBytes());
        }
    }

    @Test
    void aSignerFromAnotherCaIsRefused() {
        CertificateAuthority foreign = CertificateAuthority.builder().clock(CLOCK).build();
        DepartmentCredentials impostor = foreign.issue(TestDepartment.TAX.creditCode(), TestDepartment.TAX.organisation());
        Envelope envelope = EnvelopeSealer.builder().party(TestDepartment.TAX.partyId()).credentials(impostor).clock(CLOCK)
                .build().seal(message().build()).envelope();

        assertThatThrownBy(() -> verifier().verify(envelope)).isInstanceOf(SignatureException.class)
                .hasMessageContaining("does not validate");
    }

    @Test
    void anExpiredSignerCertificateIsRefused() {
        DepartmentCredentials expired = org.goldensdk.testkit.TestCredentials.authority().issue(
                TestDepartment.TAX.creditCode(), TestDepartment.TAX.organisation(),
                NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)));
        Envelope envelope = EnvelopeSealer.builder().party(TestDepartment.TAX.partyId()).credentials(expired).clock(CLOCK)
                .build().seal(message().build()).envelope();

        assertThatThrownBy(() -> verifier().verify(envelope)).isInstanceOf(SignatureException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aCertificateOfAnotherCreditCodeCannotSignForTheSender() {
        PartyId claimedTax = TestDepartment.TAX.partyId();
        assertThatThrownBy(() -> EnvelopeSealer.builder().party(claimedTax).credentials(TestDepartment.AUDIT.credentials())
                .build()).isInstanceOf(org.goldensdk.core.ConfigurationException.class).hasMessageContaining("belongs to credit code");

        // A forger who bypasses the sealer: audit's key signs a header claiming to be tax.
        EnvelopeHeader header = sealer(CryptoSuite.GM).seal(message().build()).envelope().header();
        org.goldensdk.core.Signer audit = TestDepartment.AUDIT.credentials().signer(CryptoSuite.GM);
        EnvelopeHeader forged = header.toBuilder().signer(audit.algorithm(),
                org.goldensdk.core.Certificates.digest(audit.certificate(), CryptoSuite.GM)).build();
        Envelope envelope = Envelope.signed(forged, audit);

        assertThatThrownBy(() -> verifier().verify(envelope)).isInstanceOf(SignatureException.class)
                .hasMessageContaining("belongs to credit code " + CreditCode.parse("11420100MB0000051H"))
                .hasMessageContaining("a department signs only as itself");
    }

    @Test
    void anExpiredEnvelopeIsRefusedButCanBeReverifiedForAudit() {
        Envelope envelope = sealer(CryptoSuite.GM).seal(message().expiresIn(Duration.ofHours(1)).build()).envelope();
        Clock later = Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC);

        assertThatThrownBy(() -> EnvelopeVerifier.builder().trustAnchors(EnvelopeFixtures.anchors()).clock(later).build()
                .verify(envelope)).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.findings()).extracting("rule").containsExactly("envelope.expired"));
        assertThat(EnvelopeVerifier.builder().trustAnchors(EnvelopeFixtures.anchors()).clock(later).checkExpiry(false)
                .build().verify(envelope).messageId()).isEqualTo(envelope.header().messageId());
    }

    @Test
    void anEnvelopeFromTheFutureIsRefused() {
        Envelope envelope = EnvelopeSealer.builder().party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials()).clock(Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC))
                .build().seal(message().build()).envelope();

        assertThatThrownBy(() -> verifier().verify(envelope)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.findings()).extracting("rule").containsExactly("envelope.createdInFuture"));
    }

    @Test
    void aLifetimeBeyondThirtyDaysIsRefusedBeforeSealing() {
        assertThatThrownBy(() -> message().expiresIn(Duration.ofDays(31)).build())
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.findings()).extracting("rule").containsExactly("envelope.lifetime"));
    }

    @Test
    void theEnvelopeDigestNamesTheCanonicalHeader() {
        Envelope envelope = sealer(CryptoSuite.GM).seal(message().build()).envelope();
        assertThat(envelope.digest()).isEqualTo(CryptoSuite.GM.digest(envelope.canonicalHeader()));
    }

    static byte[] readVerified(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
