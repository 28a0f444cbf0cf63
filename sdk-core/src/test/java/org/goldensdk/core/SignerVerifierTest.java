package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignerVerifierTest {
    private static final byte[] MESSAGE = "税务局→海关: company status 91420100MA4K00002Y".getBytes(StandardCharsets.UTF_8);

    enum KeyType {
        SM2(SignatureAlgorithm.SM2_SM3), P256(SignatureAlgorithm.ES256), RSA(SignatureAlgorithm.RS256);

        final SignatureAlgorithm algorithm;

        KeyType(SignatureAlgorithm algorithm) {
            this.algorithm = algorithm;
        }

        TestPki.Issued issue() {
            java.security.KeyPair keys = switch (this) {
                case SM2 -> TestPki.sm2();
                case P256 -> TestPki.p256();
                case RSA -> TestPki.rsa();
            };
            return TestPki.root(keys, "signer " + name());
        }
    }

    private static final java.util.Map<KeyType, TestPki.Issued> KEYS = new java.util.EnumMap<>(KeyType.class);
    private static final java.util.Map<KeyType, TestPki.Issued> OTHER_KEYS = new java.util.EnumMap<>(KeyType.class);
    private static ExecutorService pool;

    @BeforeAll
    static void issueKeys() {
        for (KeyType type : KeyType.values()) {
            KEYS.put(type, type.issue());
            OTHER_KEYS.put(type, type.issue());
        }
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static Signer signer(KeyType type) {
        return Signer.of(KEYS.get(type).privateKey(), KEYS.get(type).chain());
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void aSignatureVerifiesWithTheSignersCertificate(KeyType type) {
        Signer signer = signer(type);
        byte[] signature = signer.sign(MESSAGE);

        assertThat(signer.algorithm()).isEqualTo(type.algorithm);
        assertThat(Verifier.of(signer.certificate()).verify(MESSAGE, signature)).isTrue();
        Verifier.of(signer.certificate()).requireValid(MESSAGE, signature);
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void signingAStreamEqualsSigningItsBytes(KeyType type) {
        byte[] large = new byte[200_000];
        new Random(7).nextBytes(large);
        byte[] signature = signer(type).sign(CryptoSuiteTest.trickling(large));

        assertThat(Verifier.of(KEYS.get(type).certificate()).verify(large, signature)).isTrue();
        assertThat(Verifier.of(KEYS.get(type).certificate()).verify(new ByteArrayInputStream(large), signature)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void aTamperedMessageDoesNotVerify(KeyType type) {
        byte[] signature = signer(type).sign(MESSAGE);
        byte[] tampered = MESSAGE.clone();
        tampered[3] ^= 1;
        Verifier verifier = Verifier.of(KEYS.get(type).certificate());

        assertThat(verifier.verify(tampered, signature)).isFalse();
        assertThatThrownBy(() -> verifier.requireValid(tampered, signature)).isInstanceOf(SignatureException.class)
                .hasMessageContaining(type.algorithm.id()).hasMessageContaining("does not verify");
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void anotherKeysSignatureDoesNotVerify(KeyType type) {
        byte[] signature = signer(type).sign(MESSAGE);

        assertThat(Verifier.of(OTHER_KEYS.get(type).certificate()).verify(MESSAGE, signature)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void aSignatureOfEveryOtherAlgorithmDoesNotVerify(KeyType type) {
        Verifier verifier = Verifier.of(KEYS.get(type).certificate());
        for (KeyType other : KeyType.values()) {
            if (other != type) {
                assertThat(verifier.verify(MESSAGE, signer(other).sign(MESSAGE))).as("%s signature", other).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void bytesThatAreNoSignatureAreFalseNotAnException(KeyType type) {
        Verifier verifier = Verifier.of(KEYS.get(type).certificate());

        assertThat(verifier.verify(MESSAGE, new byte[0])).isFalse();
        assertThat(verifier.verify(MESSAGE, new byte[] {0x30, 0x02, 0x02, 0x00})).isFalse();
        assertThat(verifier.verify(MESSAGE, (byte[]) null)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void concurrentSignersShareThePoolSafely(KeyType type) throws Exception {
        Signer signer = signer(type);
        Verifier verifier = Verifier.of(signer.certificate());
        List<Future<Boolean>> results = IntStream.range(0, 40).mapToObj(i -> pool.submit(() -> {
            byte[] message = ("message " + i).getBytes(StandardCharsets.US_ASCII);
            return verifier.verify(message, signer.sign(message))
                    && !verifier.verify(("message " + (i + 1)).getBytes(StandardCharsets.US_ASCII), signer.sign(message));
        })).toList();
        for (Future<Boolean> result : results) {
            assertThat(result.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aKeyPairedWithAnotherCertificateIsRefused() {
        assertThatThrownBy(() -> Signer.of(KEYS.get(KeyType.SM2).privateKey(), OTHER_KEYS.get(KeyType.SM2).chain()))
                .isInstanceOf(CryptoException.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> Signer.of(KEYS.get(KeyType.SM2).privateKey(), KEYS.get(KeyType.P256).chain()))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void theSuiteFollowsFromTheKey() {
        assertThat(signer(KeyType.SM2).suite()).isEqualTo(CryptoSuite.GM);
        assertThat(signer(KeyType.P256).suite()).isEqualTo(CryptoSuite.INTL);
        assertThat(Verifier.of(KEYS.get(KeyType.RSA).certificate()).suite()).isEqualTo(CryptoSuite.INTL);
    }
}
