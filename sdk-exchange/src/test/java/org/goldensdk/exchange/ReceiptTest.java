package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.goldensdk.exchange.EnvelopeFixtures.CLOCK;
import static org.goldensdk.exchange.EnvelopeFixtures.NOW;
import static org.goldensdk.exchange.EnvelopeFixtures.anchors;
import static org.goldensdk.exchange.EnvelopeFixtures.message;
import static org.goldensdk.exchange.EnvelopeFixtures.sealer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.goldensdk.core.CanonicalJson;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.SignatureAlgorithm;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.Signer;
import org.goldensdk.core.ValidationException;
import org.goldensdk.testkit.CertificateAuthority;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptTest {
    private static final JsonCodec JSON = JsonCodec.of();
    /** The platform's hub stores messages and reports ACCEPTED; any testkit department can play it. */
    private static final TestDepartment HUB = TestDepartment.SERVICE_CENTRE;
    private static final TestDepartment RECEIVER = EnvelopeFixtures.RECEIVER;
    private static final String REASON_CODE = "E_UNKNOWN_COMPANY";

    private static Envelope envelope(CryptoSuite suite) {
        return sealer(suite).seal(message().build()).envelope();
    }

    /** The party that reports {@code state}: the hub for ACCEPTED, the receiver for everything after. */
    private static TestDepartment issuerOf(ReceiptState state) {
        return state == ReceiptState.ACCEPTED ? HUB : RECEIVER;
    }

    private static Receipt issue(CryptoSuite suite, ReceiptState state) {
        return issue(envelope(suite), suite, state);
    }

    private static Receipt issue(Envelope envelope, CryptoSuite suite, ReceiptState state) {
        TestDepartment issuer = issuerOf(state);
        return Receipt.issue(envelope, state, issuer.partyId(), issuer.credentials().signer(suite), NOW,
                state == ReceiptState.REJECTED ? REASON_CODE : null, "checked against the register 登记簿");
    }

    static Stream<Arguments> everySuiteAndState() {
        List<Arguments> all = new ArrayList<>();
        for (CryptoSuite suite : CryptoSuite.values()) {
            for (ReceiptState state : ReceiptState.values()) {
                all.add(Arguments.of(suite, state));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everySuiteAndState")
    void aReceiptOfEveryStateIsSignedByItsIssuerOverTheEnvelope(CryptoSuite suite, ReceiptState state) {
        Envelope envelope = envelope(suite);
        Receipt receipt = issue(envelope, suite, state);

        assertThat(receipt.messageId()).isEqualTo(envelope.header().messageId());
        assertThat(receipt.envelopeDigest()).isEqualTo(envelope.digest());
        assertThat(receipt.state()).isEqualTo(state);
        assertThat(receipt.issuer()).isEqualTo(issuerOf(state).partyId());
        assertThat(receipt.issuedAt()).isEqualTo(NOW);
        assertThat(receipt.reasonCode()).isEqualTo(state == ReceiptState.REJECTED
                ? java.util.Optional.of(REASON_CODE) : java.util.Optional.empty());
        assertThat(receipt.signerChain().get(0)).isEqualTo(issuerOf(state).credentials().signer(suite).certificate());
        assertThatCode(() -> receipt.verify(anchors(), NOW)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everySuiteAndState")
    void jsonAndXmlKeepTheCanonicalBytesAndTheSignature(CryptoSuite suite, ReceiptState state) {
        Receipt receipt = issue(suite, state);

        for (EnvelopeCodec codec : List.of(EnvelopeCodec.json(), EnvelopeCodec.xml())) {
            Receipt decoded = codec.decodeReceipt(codec.encode(receipt));
            assertThat(decoded.canonicalBytes()).as(codec.mediaType()).isEqualTo(receipt.canonicalBytes());
            assertThat(decoded.signature()).as(codec.mediaType()).isEqualTo(receipt.signature());
            assertThat(decoded).isEqualTo(receipt);
            assertThatCode(() -> decoded.verify(anchors(), NOW)).doesNotThrowAnyException();
        }
        Receipt converted = EnvelopeCodec.json().decodeReceipt(EnvelopeCodec.json().encode(
                EnvelopeCodec.xml().decodeReceipt(EnvelopeCodec.xml().encode(receipt))));
        assertThat(converted.canonicalBytes()).isEqualTo(receipt.canonicalBytes());
        assertThatCode(() -> converted.verify(anchors(), NOW)).doesNotThrowAnyException();
    }

    /** Every suite × state × member of the receipt as signed (generated from the receipt itself). */
    static Stream<Arguments> everyReceiptMember() {
        List<Arguments> all = new ArrayList<>();
        for (CryptoSuite suite : CryptoSuite.values()) {
            for (ReceiptState state : ReceiptState.values()) {
                issue(suite, state).node().fieldNames().forEachRemaining(member -> all.add(Arguments.of(suite, state, member)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyReceiptMember")
    void alteringAnyMemberOfAReceiptBreaksItsSignature(CryptoSuite suite, ReceiptState state, String member) {
        Receipt receipt = issue(suite, state);
        List<ObjectNode> forgeries = forgeries(receipt.node(), member);
        assertThat(forgeries).isNotEmpty();

        for (ObjectNode forged : forgeries) {
            byte[] encoded = encodedWith(receipt, forged);
            if (member.equals("formatVersion")) {
                // no other version is readable: the forgery is refused before anyone believes it
                assertThatThrownBy(() -> EnvelopeCodec.json().decodeReceipt(encoded)).isInstanceOfSatisfying(
                        ValidationException.class, e -> assertThat(e.findings()).extracting("rule")
                                .containsExactly("envelope.formatVersion"));
                continue;
            }
            Receipt decoded = EnvelopeCodec.json().decodeReceipt(encoded);
            assertThat(decoded.canonicalBytes()).isNotEqualTo(receipt.canonicalBytes());
            assertThatThrownBy(() -> decoded.verify(anchors(), NOW)).as("%s forged to %s", member, forged.get(member))
                    .isInstanceOf(SignatureException.class)
                    .hasMessageContaining("receipt signature does not verify");
        }
    }

    /**
     * Well-formed alterations of one member: every other state (the reason code added or removed
     * as that state demands), every other signature algorithm, or one character changed to
     * another of the same kind for everything else.
     */
    private static List<ObjectNode> forgeries(ObjectNode node, String member) {
        List<ObjectNode> forged = new ArrayList<>();
        String value = node.get(member).asText();
        if (member.equals(Receipt.STATE)) {
            for (ReceiptState other : ReceiptState.values()) {
                if (!other.name().equals(value)) {
                    ObjectNode copy = node.deepCopy();
                    copy.put(member, other.name());
                    if (other == ReceiptState.REJECTED) {
                        copy.put(Receipt.REASON_CODE, "E_FORGED");
                    } else {
                        copy.remove(Receipt.REASON_CODE);
                    }
                    forged.add(copy);
                }
            }
        } else if (member.equals("signatureAlgorithm")) {
            for (SignatureAlgorithm other : SignatureAlgorithm.values()) {
                if (!other.id().equals(value)) {
                    forged.add(node.deepCopy().put(member, other.id()));
                }
            }
        } else {
            forged.add(node.deepCopy().put(member, alter(value)));
        }
        return forged;
    }

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

    private static byte[] encodedWith(Receipt receipt, JsonNode body) {
        ObjectNode document = (ObjectNode) JSON.readTree(EnvelopeCodec.json().encode(receipt));
        document.set("receipt", body);
        return JSON.write(document);
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void anotherDepartmentsKeyCannotSignAsTheIssuer(CryptoSuite suite) {
        Signer audit = TestDepartment.AUDIT.credentials().signer(suite);
        Receipt forged = Receipt.issue(envelope(suite), ReceiptState.DELIVERED, RECEIVER.partyId(), audit, NOW, null, null);

        assertThatThrownBy(() -> forged.verify(anchors(), NOW)).isInstanceOf(SignatureException.class)
                .hasMessageContaining("belongs to credit code " + TestDepartment.AUDIT.creditCode())
                .hasMessageContaining("a department signs only as itself");
        Receipt decoded = EnvelopeCodec.xml().decodeReceipt(EnvelopeCodec.xml().encode(forged));
        assertThatThrownBy(() -> decoded.verify(anchors(), NOW)).isInstanceOf(SignatureException.class);
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aCertificateFromAForeignAuthorityIsRefused(CryptoSuite suite) {
        CertificateAuthority foreign = CertificateAuthority.builder().clock(CLOCK).build();
        DepartmentCredentials impostor = foreign.issue(RECEIVER.creditCode(), RECEIVER.organisation());
        Receipt forged = Receipt.issue(envelope(suite), ReceiptState.PROCESSED, RECEIVER.partyId(),
                impostor.signer(suite), NOW, null, null);

        assertThatThrownBy(() -> forged.verify(anchors(), NOW)).isInstanceOf(SignatureException.class)
                .hasMessageContaining("does not validate");
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aDeclaredAlgorithmThatIsNotTheSignersIsRefused(CryptoSuite suite) {
        Receipt genuine = issue(suite, ReceiptState.DELIVERED);
        String otherAlgorithm = suite == CryptoSuite.GM ? SignatureAlgorithm.ES256.id() : SignatureAlgorithm.SM2_SM3.id();
        Receipt forged = resignedByTheIssuer(genuine, genuine.node().put("signatureAlgorithm", otherAlgorithm), suite);

        assertThatThrownBy(() -> forged.verify(anchors(), NOW)).isInstanceOf(SignatureException.class)
                .hasMessageContaining("declares signature algorithm");
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aDeclaredCertificateDigestOfAnotherCertificateIsRefused(CryptoSuite suite) {
        Receipt genuine = issue(suite, ReceiptState.DELIVERED);
        String otherDigest = Certificates.digest(TestDepartment.AUDIT.credentials().signer(suite).certificate(), suite).toString();
        Receipt forged = resignedByTheIssuer(genuine, genuine.node().put("signerCertificateDigest", otherDigest), suite);

        assertThatThrownBy(() -> forged.verify(anchors(), NOW)).isInstanceOf(SignatureException.class)
                .hasMessageContaining("signerCertificateDigest in the receipt does not match");
    }

    /** The issuer's own key signs a node whose declarations are false: only the declaration checks can catch it. */
    private static Receipt resignedByTheIssuer(Receipt genuine, ObjectNode node, CryptoSuite suite) {
        Signer signer = RECEIVER.credentials().signer(suite);
        return Receipt.fromWire(node, signer.sign(CanonicalJson.of().canonicalize(node)), genuine.signerChain());
    }

    @ParameterizedTest
    @ValueSource(strings = {"E", "e_unknown", "1_LEADING_DIGIT", "_LEADING_UNDERSCORE", "E-DASH", "E SPACE", "E_Ü",
            "E_ABCDEFGHIJKLMNOPQRSTUVWXYZ_ABCDEFGHIJKLMNOPQRSTUVWXYZ_012345678" /* 65 */})
    void aRejectedReceiptRefusesAReasonCodeOfAnotherForm(String reasonCode) {
        assertThatThrownBy(() -> Receipt.issue(envelope(CryptoSuite.GM), ReceiptState.REJECTED, RECEIVER.partyId(),
                RECEIVER.credentials().signer(CryptoSuite.GM), NOW, reasonCode, null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.findings()).extracting("rule").containsExactly("receipt.reasonCode"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"E_UNKNOWN_COMPANY", "EX", "NOT_FOUND_404",
            "E_ABCDEFGHIJKLMNOPQRSTUVWXYZ_ABCDEFGHIJKLMNOPQRSTUVWXYZ_01234567" /* 64 */})
    void aRejectedReceiptCarriesAReasonCodeOfTheDocumentedForm(String reasonCode) {
        Receipt receipt = Receipt.issue(envelope(CryptoSuite.GM), ReceiptState.REJECTED, RECEIVER.partyId(),
                RECEIVER.credentials().signer(CryptoSuite.GM), NOW, reasonCode, null);

        assertThat(receipt.reasonCode()).contains(reasonCode);
        assertThatCode(() -> receipt.verify(anchors(), NOW)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(ReceiptState.class)
    void onlyARejectedReceiptCarriesAReasonCode(ReceiptState state) {
        Signer signer = RECEIVER.credentials().signer(CryptoSuite.GM);
        Envelope envelope = envelope(CryptoSuite.GM);
        String reasonCode = state == ReceiptState.REJECTED ? null : REASON_CODE;

        assertThatThrownBy(() -> Receipt.issue(envelope, state, RECEIVER.partyId(), signer, NOW, reasonCode, null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.findings()).extracting("rule").containsExactly("receipt.reasonCode"));
    }

    static Stream<Arguments> everyMemberWithEveryNonStringValue() {
        List<Arguments> all = new ArrayList<>();
        issue(CryptoSuite.GM, ReceiptState.REJECTED).node().fieldNames().forEachRemaining(member -> {
            for (JsonNode value : List.of(IntNode.valueOf(1), BooleanNode.TRUE, NullNode.instance,
                    JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.arrayNode().add("x"))) {
                all.add(Arguments.of(member, value));
            }
        });
        return all.stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("everyMemberWithEveryNonStringValue")
    void aNonStringValueInReceiptJsonIsMalformed(String member, JsonNode value) {
        Receipt receipt = issue(CryptoSuite.GM, ReceiptState.REJECTED);
        byte[] encoded = encodedWith(receipt, receipt.node().set(member, value));

        assertThatThrownBy(() -> EnvelopeCodec.json().decodeReceipt(encoded)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining(member);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/receipt", "", "/signature"})
    void anUnknownMemberInReceiptJsonIsMalformed(String where) {
        Receipt receipt = issue(CryptoSuite.INTL, ReceiptState.ACCEPTED);
        ObjectNode document = (ObjectNode) JSON.readTree(EnvelopeCodec.json().encode(receipt));
        ((ObjectNode) document.at(where)).put("comment", "added in transit");

        assertThatThrownBy(() -> EnvelopeCodec.json().decodeReceipt(JSON.write(document)))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("unknown member 'comment'");
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aReceiptWithoutItsIssuersCertificateIsMalformed(CryptoSuite suite) {
        Receipt receipt = issue(suite, ReceiptState.DELIVERED);
        ObjectNode document = (ObjectNode) JSON.readTree(EnvelopeCodec.json().encode(receipt));
        ((ObjectNode) document.get("signature")).putArray("certificates");

        assertThatThrownBy(() -> EnvelopeCodec.json().decodeReceipt(JSON.write(document)))
                .isInstanceOf(MalformedInputException.class);
        byte[] xml = EnvelopeCodec.xml().encode(receipt);
        String withoutCertificates = new String(xml, java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("<([a-z0-9]+:)?Certificate>[^<]*</([a-z0-9]+:)?Certificate>", "");
        assertThat(withoutCertificates).isNotEqualTo(new String(xml, java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> EnvelopeCodec.xml().decodeReceipt(withoutCertificates.getBytes(
                java.nio.charset.StandardCharsets.UTF_8))).isInstanceOf(MalformedInputException.class);
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aReceiptIsNotAnEnvelopeNorTheOtherWayRound(CryptoSuite suite) {
        Receipt receipt = issue(suite, ReceiptState.ACCEPTED);
        Envelope envelope = envelope(suite);

        for (EnvelopeCodec codec : List.of(EnvelopeCodec.json(), EnvelopeCodec.xml())) {
            assertThatThrownBy(() -> codec.decode(codec.encode(receipt))).as(codec.mediaType())
                    .isInstanceOf(MalformedInputException.class);
            assertThatThrownBy(() -> codec.decodeReceipt(codec.encode(envelope))).as(codec.mediaType())
                    .isInstanceOf(MalformedInputException.class);
        }
        assertThat(Arrays.equals(receipt.canonicalBytes(), envelope.canonicalHeader())).isFalse();
    }
}
