package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ContentEncryptionTest {
    private static final byte[] AAD = "message 01J2ZK3Q".getBytes(StandardCharsets.US_ASCII);

    enum Receiver {
        SM2("SM4-GCM", "SM2-C1C3C2"), P256("A256GCM", "ECDH-ES+HKDF-SHA256+A256KW"), RSA("A256GCM", "RSA-OAEP-256");

        final String content;
        final String keyManagement;

        Receiver(String content, String keyManagement) {
            this.content = content;
            this.keyManagement = keyManagement;
        }

        TestPki.Issued issue() {
            java.security.KeyPair keys = switch (this) {
                case SM2 -> TestPki.sm2();
                case P256 -> TestPki.p256();
                case RSA -> TestPki.rsa();
            };
            return TestPki.root(keys, "receiver " + name());
        }
    }

    private static final java.util.Map<Receiver, TestPki.Issued> RECEIVERS = new java.util.EnumMap<>(Receiver.class);

    static {
        for (Receiver receiver : Receiver.values()) {
            RECEIVERS.put(receiver, receiver.issue());
        }
    }

    private static byte[] payload() {
        byte[] payload = new byte[100_003];
        new Random(11).nextBytes(payload);
        return payload;
    }

    private static Encrypted encrypt(TestPki.Issued receiver, byte[] plaintext) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EncryptionHeader header = ContentEncryption.encrypt(receiver.certificate(), CryptoSuiteTest.trickling(plaintext), out, AAD);
        return new Encrypted(header, out.toByteArray());
    }

    private static byte[] decrypt(TestPki.Issued receiver, EncryptionHeader header, byte[] ciphertext, byte[] aad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContentEncryption.decrypt(receiver.privateKey(), receiver.certificate(), header, new ByteArrayInputStream(ciphertext), out, aad);
        return out.toByteArray();
    }

    record Encrypted(EncryptionHeader header, byte[] ciphertext) {
    }

    @ParameterizedTest
    @EnumSource(Receiver.class)
    void theReceiverDecryptsWhatWasEncryptedForIt(Receiver type) {
        TestPki.Issued receiver = RECEIVERS.get(type);
        byte[] payload = payload();
        Encrypted encrypted = encrypt(receiver, payload);

        assertThat(encrypted.header().contentEncryptionAlgorithm()).isEqualTo(type.content);
        assertThat(encrypted.header().keyManagementAlgorithm()).isEqualTo(type.keyManagement);
        assertThat(encrypted.ciphertext()).hasSize(payload.length + 16).isNotEqualTo(payload);
        assertThat(decrypt(receiver, encrypted.header(), encrypted.ciphertext(), AAD)).isEqualTo(payload);
    }

    @ParameterizedTest
    @EnumSource(Receiver.class)
    void eachEncryptionUsesAFreshKeyAndIv(Receiver type) {
        byte[] payload = "same".getBytes(StandardCharsets.US_ASCII);
        Encrypted first = encrypt(RECEIVERS.get(type), payload);
        Encrypted second = encrypt(RECEIVERS.get(type), payload);

        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(first.header().iv()).isNotEqualTo(second.header().iv());
    }

    @ParameterizedTest
    @EnumSource(Receiver.class)
    void aThirdPartyCannotDecrypt(Receiver type) {
        Encrypted encrypted = encrypt(RECEIVERS.get(type), payload());
        TestPki.Issued thirdParty = type.issue();

        assertThatThrownBy(() -> decrypt(thirdParty, encrypted.header(), encrypted.ciphertext(), AAD))
                .isInstanceOf(CryptoException.class).hasMessageContaining("encrypted for another certificate");
    }

    @ParameterizedTest
    @EnumSource(Receiver.class)
    void aThirdPartyPosingAsTheRecipientCannotUnwrapTheKey(Receiver type) {
        TestPki.Issued receiver = RECEIVERS.get(type);
        Encrypted encrypted = encrypt(receiver, payload());
        TestPki.Issued thirdParty = type.issue();
        // the third party holds the receiver's certificate (it is public) but not its private key
        TestPki.Issued posing = new TestPki.Issued(thirdParty.keys(), receiver.certificate(), receiver.chain());

        assertThatThrownBy(() -> decrypt(posing, encrypted.header(), encrypted.ciphertext(), AAD))
                .isInstanceOf(SignatureException.class);
    }

    @ParameterizedTest
    @EnumSource(Receiver.class)
    void aWrappedKeyOfAllOnesIsRefusedAsAlteredNotWithALibraryError(Receiver type) {
        TestPki.Issued receiver = RECEIVERS.get(type);
        Encrypted encrypted = encrypt(receiver, payload());
        EncryptionHeader original = encrypted.header();
        // for RSA, a block above the modulus: the library's own DataLengthException must not escape
        byte[] allOnes = new byte[original.encryptedKey().length];
        java.util.Arrays.fill(allOnes, (byte) 0xFF);
        EncryptionHeader altered = EncryptionHeader.of(original.suite(), original.keyManagementAlgorithm(),
                original.recipient(), allOnes, original.ephemeralPublicKey(), original.iv());

        assertThatThrownBy(() -> decrypt(receiver, altered, encrypted.ciphertext(), AAD))
                .isInstanceOf(SignatureException.class);
    }

    @ParameterizedTest
    @EnumSource(Receiver.class)
    void aTamperedCiphertextFailsAuthentication(Receiver type) {
        TestPki.Issued receiver = RECEIVERS.get(type);
        Encrypted encrypted = encrypt(receiver, payload());
        byte[] tampered = encrypted.ciphertext().clone();
        tampered[50_000] ^= 0x40;

        assertThatThrownBy(() -> decrypt(receiver, encrypted.header(), tampered, AAD))
                .isInstanceOf(SignatureException.class).hasMessageContaining("does not authenticate");
    }

    @ParameterizedTest
    @EnumSource(Receiver.class)
    void aTruncatedCiphertextFailsAuthentication(Receiver type) {
        TestPki.Issued receiver = RECEIVERS.get(type);
        Encrypted encrypted = encrypt(receiver, payload());
        byte[] truncated = java.util.Arrays.copyOf(encrypted.ciphertext(), encrypted.ciphertext().length - 1);

        assertThatThrownBy(() -> decrypt(receiver, encrypted.header(), truncated, AAD)).isInstanceOf(SignatureException.class);
    }

    @ParameterizedTest
    @EnumSource(Receiver.class)
    void aTamperedWrappedKeyFailsWithATypedError(Receiver type) {
        TestPki.Issued receiver = RECEIVERS.get(type);
        Encrypted encrypted = encrypt(receiver, payload());
        EncryptionHeader header = encrypted.header();
        byte[] wrapped = header.encryptedKey();
        wrapped[wrapped.length - 1] ^= 1;
        EncryptionHeader tampered = EncryptionHeader.of(header.suite(), header.keyManagementAlgorithm(), header.recipient(),
                wrapped, header.ephemeralPublicKey(), header.iv());

        assertThatThrownBy(() -> decrypt(receiver, tampered, encrypted.ciphertext(), AAD))
                .isInstanceOf(SignatureException.class).hasMessageContaining("does not unwrap");
    }

    @ParameterizedTest
    @EnumSource(Receiver.class)
    void otherAssociatedDataFailsAuthentication(Receiver type) {
        TestPki.Issued receiver = RECEIVERS.get(type);
        Encrypted encrypted = encrypt(receiver, payload());

        assertThatThrownBy(() -> decrypt(receiver, encrypted.header(), encrypted.ciphertext(),
                "message 01J2ZK3R".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(SignatureException.class);
    }

    @ParameterizedTest
    @EnumSource(value = Receiver.class, names = "P256")
    void aSwappedEphemeralKeyFailsWithATypedError(Receiver type) {
        TestPki.Issued receiver = RECEIVERS.get(type);
        Encrypted encrypted = encrypt(receiver, payload());
        EncryptionHeader header = encrypted.header();
        EncryptionHeader swapped = EncryptionHeader.of(header.suite(), header.keyManagementAlgorithm(), header.recipient(),
                header.encryptedKey(), encrypt(receiver, new byte[1]).header().ephemeralPublicKey(), header.iv());

        assertThatThrownBy(() -> decrypt(receiver, swapped, encrypted.ciphertext(), AAD)).isInstanceOf(SignatureException.class);
    }

    @ParameterizedTest
    @EnumSource(value = Receiver.class, names = "SM2")
    void aChangedIvFailsAuthentication(Receiver type) {
        TestPki.Issued receiver = RECEIVERS.get(type);
        Encrypted encrypted = encrypt(receiver, payload());
        EncryptionHeader header = encrypted.header();
        byte[] iv = header.iv();
        iv[0] ^= 1;
        EncryptionHeader changed = EncryptionHeader.of(header.suite(), header.keyManagementAlgorithm(), header.recipient(),
                header.encryptedKey(), header.ephemeralPublicKey(), iv);

        assertThatThrownBy(() -> decrypt(receiver, changed, encrypted.ciphertext(), AAD)).isInstanceOf(SignatureException.class);
    }

    @org.junit.jupiter.api.Test
    void anEncryptionCertificateWithKeyUsageIsAcceptedAsRecipient() {
        TestPki.Issued ca = TestPki.root(CryptoSuite.GM, "ca");
        TestPki.Issued receiver = TestPki.leaf(ca, TestPki.sm2(), "11420100MB00000271", KeyUsage.keyEncipherment);
        Encrypted encrypted = encrypt(receiver, new byte[] {1, 2, 3});

        assertThat(decrypt(receiver, encrypted.header(), encrypted.ciphertext(), AAD)).containsExactly(1, 2, 3);
    }
}
