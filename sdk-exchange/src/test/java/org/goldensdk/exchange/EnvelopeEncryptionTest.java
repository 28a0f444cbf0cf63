package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.goldensdk.exchange.EnvelopeFixtures.PAYLOAD;
import static org.goldensdk.exchange.EnvelopeFixtures.RECEIVER;
import static org.goldensdk.exchange.EnvelopeFixtures.message;
import static org.goldensdk.exchange.EnvelopeFixtures.sealer;
import static org.goldensdk.exchange.EnvelopeFixtures.verifier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.CryptoException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.EncryptionHeader;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeEncryptionTest {
    private static final EnvelopeDecryptor RECEIVER_DECRYPTOR = EnvelopeDecryptor.of(RECEIVER.credentials());

    /** Customs' GM encryption certificate (双证书) or its INTL certificate. */
    private static X509Certificate receiverCertificate(CryptoSuite suite) {
        return RECEIVER.credentials().encryptionCertificateChain(suite).get(0);
    }

    private static Message sensitive(CryptoSuite receiverSuite) {
        return message().classification(Classification.SENSITIVE).encryptFor(receiverCertificate(receiverSuite)).build();
    }

    private static List<byte[]> attachmentPlaintexts() {
        return message().build().attachments().stream().map(a -> a.content().readAllBytes()).toList();
    }

    static Stream<Arguments> senderAndReceiverSuites() {
        List<Arguments> all = new ArrayList<>();
        for (CryptoSuite sender : CryptoSuite.values()) {
            for (CryptoSuite receiver : CryptoSuite.values()) {
                all.add(Arguments.of(sender, receiver));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "signed {0}, encrypted for a {1} certificate")
    @MethodSource("senderAndReceiverSuites")
    void aSensitiveMessageTravelsEncryptedAndOnlyTheReceiverReadsIt(CryptoSuite senderSuite, CryptoSuite receiverSuite) {
        List<byte[]> attachments = attachmentPlaintexts();
        try (SealedMessage sealed = sealer(senderSuite).seal(sensitive(receiverSuite))) {
            byte[] carriedPayload = sealed.payload().readAllBytes();
            assertThat(carriedPayload).isNotEqualTo(PAYLOAD);
            assertThat(indexOf(carriedPayload, Arrays.copyOf(PAYLOAD, 16))).isNegative();
            for (int i = 0; i < attachments.size(); i++) {
                assertThat(sealed.attachments().get(i).readAllBytes()).isNotEqualTo(attachments.get(i));
            }

            for (EnvelopeCodec codec : List.of(EnvelopeCodec.json(), EnvelopeCodec.xml())) {
                Envelope received = codec.decode(codec.encode(sealed.envelope()));
                EnvelopeHeader header = verifier().verify(received);
                assertThat(header.classification()).isEqualTo(Classification.SENSITIVE);
                EncryptionHeader encryption = header.payloadEncryption().orElseThrow();
                assertThat(encryption.suite()).isEqualTo(receiverSuite);
                assertThat(encryption.contentEncryptionAlgorithm()).isEqualTo(receiverSuite.contentEncryptionAlgorithmId());
                assertThat(encryption.recipient()).isEqualTo(Certificates.digest(receiverCertificate(receiverSuite), receiverSuite));
                assertThat(header.payloadDigest().suite()).isEqualTo(senderSuite);

                assertThat(decryptPayload(RECEIVER_DECRYPTOR, received, verifier().payload(received, sealed.payload().open())))
                        .as(codec.mediaType()).isEqualTo(PAYLOAD);
                for (int i = 0; i < attachments.size(); i++) {
                    InputStream carried = verifier().attachment(received, i, sealed.attachments().get(i).open());
                    assertThat(decryptAttachment(RECEIVER_DECRYPTOR, received, i, carried)).as(codec.mediaType() + " #" + i)
                            .isEqualTo(attachments.get(i));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aThirdPartyCannotDecrypt(CryptoSuite receiverSuite) {
        EnvelopeDecryptor audit = EnvelopeDecryptor.of(TestDepartment.AUDIT.credentials());
        try (SealedMessage sealed = sealer(CryptoSuite.GM).seal(sensitive(receiverSuite))) {
            Envelope envelope = sealed.envelope();

            assertThatThrownBy(() -> decryptPayload(audit, envelope, sealed.payload().open()))
                    .isInstanceOf(CryptoException.class).hasMessageContaining("encrypted for another certificate");
            for (int i = 0; i < envelope.header().attachments().size(); i++) {
                int index = i;
                assertThatThrownBy(() -> decryptAttachment(audit, envelope, index, sealed.attachments().get(index).open()))
                        .isInstanceOf(CryptoException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void tamperedCiphertextFailsAtTheDigestCheck(CryptoSuite receiverSuite) {
        try (SealedMessage sealed = sealer(receiverSuite).seal(sensitive(receiverSuite))) {
            Envelope envelope = sealed.envelope();
            byte[] tampered = flipped(sealed.payload().readAllBytes(), 5);

            assertThatThrownBy(() -> decryptPayload(RECEIVER_DECRYPTOR, envelope,
                    verifier().payload(envelope, new ByteArrayInputStream(tampered))))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("does not match its digest");
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void tamperedCiphertextFailsAtTheTagCheckWhenTheDigestCheckIsBypassed(CryptoSuite receiverSuite) {
        try (SealedMessage sealed = sealer(receiverSuite).seal(sensitive(receiverSuite))) {
            Envelope envelope = sealed.envelope();
            byte[] carried = sealed.payload().readAllBytes();

            for (int position : new int[] {0, carried.length / 2, carried.length - 1}) {
                assertThatThrownBy(() -> decryptPayload(RECEIVER_DECRYPTOR, envelope,
                        new ByteArrayInputStream(flipped(carried, position)))).as("byte %d", position)
                        .isInstanceOf(SignatureException.class).hasMessageContaining("does not authenticate");
            }
            assertThatThrownBy(() -> decryptPayload(RECEIVER_DECRYPTOR, envelope,
                    new ByteArrayInputStream(Arrays.copyOf(carried, carried.length - 1))))
                    .isInstanceOf(SignatureException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void theCiphertextOfOneAttachmentDoesNotDecryptAsAnother(CryptoSuite receiverSuite) {
        try (SealedMessage sealed = sealer(receiverSuite).seal(sensitive(receiverSuite))) {
            Envelope envelope = sealed.envelope();
            byte[] first = sealed.attachments().get(0).readAllBytes();

            assertThatThrownBy(() -> decryptAttachment(RECEIVER_DECRYPTOR, envelope, 1, new ByteArrayInputStream(first)))
                    .isInstanceOf(SignatureException.class);

            // A forger who skips verification and also copies attachment 0's key header into slot 1:
            // only the associated data (message id and place) still tells the two apart.
            ObjectNode node = envelope.headerNode();
            ArrayNode manifest = (ArrayNode) node.get("attachments");
            ((ObjectNode) manifest.get(1)).set("encryption", manifest.get(0).get("encryption").deepCopy());
            Envelope swapped = Envelope.fromWire(node, envelope.signature(), envelope.signerChain());

            assertThat(decryptAttachment(RECEIVER_DECRYPTOR, swapped, 0, new ByteArrayInputStream(first)))
                    .isEqualTo(attachmentPlaintexts().get(0));
            assertThatThrownBy(() -> decryptAttachment(RECEIVER_DECRYPTOR, swapped, 1, new ByteArrayInputStream(first)))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("does not authenticate");
            assertThatThrownBy(() -> verifier().verify(swapped)).isInstanceOf(SignatureException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void ciphertextMovedIntoAnotherEnvelopeDoesNotDecrypt(CryptoSuite receiverSuite) {
        try (SealedMessage original = sealer(receiverSuite).seal(sensitive(receiverSuite));
                SealedMessage other = sealer(receiverSuite).seal(sensitive(receiverSuite))) {
            assertThat(other.envelope().header().messageId()).isNotEqualTo(original.envelope().header().messageId());
            byte[] ciphertext = original.payload().readAllBytes();

            assertThatThrownBy(() -> decryptPayload(RECEIVER_DECRYPTOR, other.envelope(), new ByteArrayInputStream(ciphertext)))
                    .isInstanceOf(SignatureException.class);

            // Moved together with its key header: the other message id in the associated data refuses it.
            ObjectNode node = other.envelope().headerNode();
            node.set("payloadEncryption", original.envelope().headerNode().get("payloadEncryption"));
            Envelope moved = Envelope.fromWire(node, other.envelope().signature(), other.envelope().signerChain());
            Envelope unchanged = Envelope.fromWire(original.envelope().headerNode(), original.envelope().signature(),
                    original.envelope().signerChain());

            assertThat(decryptPayload(RECEIVER_DECRYPTOR, unchanged, new ByteArrayInputStream(ciphertext))).isEqualTo(PAYLOAD);
            assertThatThrownBy(() -> decryptPayload(RECEIVER_DECRYPTOR, moved, new ByteArrayInputStream(ciphertext)))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("does not authenticate");
        }
    }

    @Test
    void aSensitiveMessageWithoutTheReceiversCertificateIsRefusedAtBuild() {
        assertThatThrownBy(() -> message().classification(Classification.SENSITIVE).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.findings())
                        .extracting("field", "rule").containsExactly(org.assertj.core.groups.Tuple.tuple(
                                "encryptFor", "message.recipientCertificate")));
    }

    @ParameterizedTest
    @EnumSource(value = Classification.class, names = "SENSITIVE", mode = EnumSource.Mode.EXCLUDE)
    void onlyASensitiveMessageIsEncrypted(Classification classification) {
        assertThatThrownBy(() -> message().classification(classification).encryptFor(receiverCertificate(CryptoSuite.GM))
                .build()).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.findings())
                        .extracting("rule").containsExactly("message.recipientCertificate"));
    }

    @Test
    void aHeaderClaimingSensitiveWithoutEncryptionIsRefused() {
        EnvelopeHeader internal = sealer(CryptoSuite.GM).seal(message().build()).envelope().header();

        assertThatThrownBy(() -> internal.toBuilder().classification(Classification.SENSITIVE).build())
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.findings()).extracting("rule").containsExactly("envelope.encryption"));
    }

    @Test
    void aHeaderEncryptingOnlyThePayloadOfASensitiveMessageIsRefused() {
        try (SealedMessage sealed = sealer(CryptoSuite.GM).seal(sensitive(CryptoSuite.GM))) {
            EnvelopeHeader header = sealed.envelope().header();
            EnvelopeHeader.Builder plaintextAttachment = EnvelopeHeader.builder()
                    .messageId(header.messageId()).sender(header.sender()).receiver(header.receiver())
                    .service(header.service()).createdAt(header.createdAt()).expiresAt(header.expiresAt())
                    .classification(header.classification()).contentType(header.contentType())
                    .payload(header.payloadDigest(), header.payloadSize())
                    .payloadEncryption(header.payloadEncryption().orElseThrow())
                    .signer(header.signatureAlgorithm(), header.signerCertificateDigest());
            AttachmentInfo first = header.attachments().get(0);
            plaintextAttachment.addAttachment(AttachmentInfo.of(first.name(), first.contentType(), first.size(),
                    first.digest(), null));

            assertThatThrownBy(plaintextAttachment::build).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.findings()).extracting("rule").containsExactly("envelope.encryption"));
            assertThatThrownBy(() -> header.toBuilder().classification(Classification.INTERNAL).build())
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.findings()).extracting("rule").containsExactly("envelope.encryption"));
        }
    }

    @Test
    void aReceivedHeaderClaimingSensitiveWithoutEncryptionIsRefused() {
        Envelope internal = sealer(CryptoSuite.GM).seal(message().build()).envelope();
        ObjectNode node = internal.headerNode();
        node.put("classification", Classification.SENSITIVE.name());
        Envelope received = EnvelopeCodec.json().decode(EnvelopeCodec.json().encode(
                Envelope.fromWire(node, internal.signature(), internal.signerChain())));

        assertThatThrownBy(received::header).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.findings()).extracting("rule").containsExactly("envelope.encryption"));
    }

    @Test
    void decryptingAPlaintextEnvelopeIsRefused() {
        try (SealedMessage sealed = sealer(CryptoSuite.GM).seal(message().build())) {
            assertThatThrownBy(() -> decryptPayload(RECEIVER_DECRYPTOR, sealed.envelope(), sealed.payload().open()))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.findings()).extracting("rule").containsExactly("envelope.notEncrypted"));
        }
    }

    private static byte[] decryptPayload(EnvelopeDecryptor decryptor, Envelope envelope, InputStream carried) {
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        try (carried) {
            decryptor.decryptPayload(envelope, carried, plaintext);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return plaintext.toByteArray();
    }

    private static byte[] decryptAttachment(EnvelopeDecryptor decryptor, Envelope envelope, int index, InputStream carried) {
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        try (carried) {
            decryptor.decryptAttachment(envelope, index, carried, plaintext);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return plaintext.toByteArray();
    }

    private static byte[] flipped(byte[] bytes, int position) {
        byte[] copy = bytes.clone();
        copy[position] ^= 0x01;
        return copy;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
