package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CryptoSuiteTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sm3OfAbcMatchesTheStandardsExample() {
        assertThat(CryptoSuite.GM.digest("abc".getBytes(StandardCharsets.US_ASCII)).hex())
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void sm3OfSixtyFourBytesMatchesTheStandardsSecondExample() {
        assertThat(CryptoSuite.GM.digest("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII)).hex())
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void sha256OfAbcMatchesFips180Example() {
        assertThat(CryptoSuite.INTL.digest("abc".getBytes(StandardCharsets.US_ASCII)))
                .hasToString("SHA-256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void sm4EncryptsTheGbt32907ExampleBlock() {
        byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
        assertThat(HEX.formatHex(sm4(key, key.clone(), 1))).isEqualTo("681edf34d206965e86b3e94f536e4246");
    }

    @Test
    void sm4EncryptsTheGbt32907ExampleAMillionTimes() {
        // cheap enough (well under a second): one million single-block encryptions with one key schedule
        byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
        assertThat(HEX.formatHex(sm4(key, key.clone(), 1_000_000))).isEqualTo("595298c7c6fd271f0402f804c33d3f66");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 65, 16_383, 16_384, 16_385, 70_001})
    void digestOfAStreamReadInOddChunksEqualsDigestOfItsBytes(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        for (CryptoSuite suite : CryptoSuite.values()) {
            assertThat(suite.digest(trickling(data))).isEqualTo(suite.digest(data));
        }
    }

    @Test
    void digestValuePrintsAndParsesBack() {
        DigestValue digest = CryptoSuite.GM.digest(new byte[] {1, 2, 3});
        assertThat(DigestValue.parse(digest.toString())).isEqualTo(digest);
        assertThat(digest.algorithmId()).isEqualTo("SM3");
    }

    @Test
    void digestValueRejectsMalformedText() {
        assertThatThrownBy(() -> DigestValue.parse("MD5:00")).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("MD5");
        assertThatThrownBy(() -> DigestValue.parse("SM3:zz" + "0".repeat(62))).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> DigestValue.parse("SM3:00")).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("64 hex digits");
    }

    @Test
    void suiteFollowsFromTheKey() {
        assertThat(CryptoSuite.of(TestPki.sm2().getPublic())).isEqualTo(CryptoSuite.GM);
        assertThat(CryptoSuite.of(TestPki.p256().getPublic())).isEqualTo(CryptoSuite.INTL);
        assertThat(SignatureAlgorithm.of(TestPki.p256().getPublic())).isEqualTo(SignatureAlgorithm.ES256);
        assertThat(SignatureAlgorithm.of(TestPki.rsa().getPublic())).isEqualTo(SignatureAlgorithm.RS256);
    }

    @Test
    void keysOnOtherCurvesAreRefused() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC", TestPki.BC);
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        assertThatThrownBy(() -> CryptoSuite.of(generator.generateKeyPair().getPublic()))
                .isInstanceOf(CryptoException.class).hasMessageContaining("unsupported elliptic curve");
    }

    @Test
    void algorithmIdsAreStable() {
        assertThat(CryptoSuite.GM.signatureAlgorithm().id()).isEqualTo("SM2-SM3");
        assertThat(CryptoSuite.INTL.signatureAlgorithm().id()).isEqualTo("ES256");
        assertThat(CryptoSuite.GM.contentEncryptionAlgorithmId()).isEqualTo("SM4-GCM");
        assertThat(CryptoSuite.INTL.contentEncryptionAlgorithmId()).isEqualTo("A256GCM");
        assertThat(SignatureAlgorithm.parse("RS256")).isEqualTo(SignatureAlgorithm.RS256);
        assertThat(CryptoSuite.parse("GM")).isEqualTo(CryptoSuite.GM);
        assertThatThrownBy(() -> SignatureAlgorithm.parse("HS256")).isInstanceOf(MalformedInputException.class);
    }

    private static byte[] sm4(byte[] key, byte[] block, int times) {
        SM4Engine engine = new SM4Engine();
        engine.init(true, new KeyParameter(key));
        for (int i = 0; i < times; i++) {
            engine.processBlock(block, 0, block, 0);
        }
        return block;
    }

    /** A stream that hands out at most 7 bytes per read, to exercise chunk boundaries. */
    static InputStream trickling(byte[] data) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }

            @Override
            public void close() throws IOException {
                throw new IOException("the SDK must not close the caller's stream");
            }
        };
    }
}
