package org.goldensdk.exchange.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.EnvelopeFile;
import org.goldensdk.exchange.EnvelopeHeader;
import org.goldensdk.exchange.EnvelopeVerifier;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The committed golden vectors (fixed keys, fixed envelopes, expected canonical bytes and
 * signatures) verify through both codecs, re-encode byte for byte, and verify with the raw
 * BouncyCastle primitives as well — so another implementation can be checked against them.
 */
class GoldenVectorTest {
    private static final Path DIR = GoldenVectors.DIRECTORY;

    private static EnvelopeVerifier verifier() {
        return EnvelopeVerifier.builder().trustAnchors(TrustAnchors.fromPem(DIR.resolve("trust-anchors.pem")))
                .clock(GoldenVectors.CLOCK).build();
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void bothEncodingsCarryTheExpectedCanonicalBytesAndSignature(CryptoSuite suite) throws IOException {
        String stem = GoldenVectors.stem(suite);
        byte[] canonical = Files.readAllBytes(DIR.resolve(stem + "-header.canonical.json"));
        byte[] signature = Base64.getDecoder().decode(Files.readString(DIR.resolve(stem + "-signature.b64")).strip());
        byte[] json = Files.readAllBytes(DIR.resolve(stem + "-envelope.json"));
        byte[] xml = Files.readAllBytes(DIR.resolve(stem + "-envelope.xml"));

        for (Envelope envelope : new Envelope[] {EnvelopeCodec.json().decode(json), EnvelopeCodec.xml().decode(xml)}) {
            assertThat(envelope.canonicalHeader()).isEqualTo(canonical);
            assertThat(envelope.signature()).isEqualTo(signature);
            EnvelopeHeader header = verifier().verify(envelope);
            assertThat(header.messageId()).isEqualTo(GoldenVectors.MESSAGE_ID);
            assertThat(header.sender()).isEqualTo(TestDepartment.TAX.partyId());
            assertThat(header.signatureAlgorithm().suite()).isEqualTo(suite);
            assertThat(readAll(verifier().payload(envelope, Files.newInputStream(DIR.resolve("payload.bin")))))
                    .isEqualTo(GoldenVectors.PAYLOAD);
            assertThat(readAll(verifier().attachment(envelope, 0, Files.newInputStream(DIR.resolve("attachment-1.csv")))))
                    .isEqualTo(GoldenVectors.ATTACHMENT);
            assertThat(EnvelopeCodec.json().encode(envelope)).isEqualTo(json);
            assertThat(EnvelopeCodec.xml().encode(envelope)).isEqualTo(xml);
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void theEnvelopeFileVerifiesAndIsWrittenByteForByteAgain(CryptoSuite suite) throws IOException {
        String stem = GoldenVectors.stem(suite);
        Path file = DIR.resolve(stem + "-envelope.gef");
        byte[] canonical = Files.readAllBytes(DIR.resolve(stem + "-header.canonical.json"));
        try (EnvelopeFile opened = EnvelopeFile.open(file)) {
            EnvelopeHeader header = opened.verify(verifier());
            assertThat(header.messageId()).isEqualTo(GoldenVectors.MESSAGE_ID);
            assertThat(opened.envelope().canonicalHeader()).isEqualTo(canonical);
            assertThat(readAll(opened.payload())).isEqualTo(GoldenVectors.PAYLOAD);

            java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
            EnvelopeFile.write(opened.envelope(), Content.of(GoldenVectors.PAYLOAD),
                    java.util.List.of(Content.of(GoldenVectors.ATTACHMENT)), again);
            assertThat(again.toByteArray()).isEqualTo(Files.readAllBytes(file));
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void theVectorsVerifyWithTheRawPrimitivesAlone(CryptoSuite suite) throws Exception {
        String stem = GoldenVectors.stem(suite);
        byte[] canonical = Files.readAllBytes(DIR.resolve(stem + "-header.canonical.json"));
        byte[] signature = Base64.getDecoder().decode(Files.readString(DIR.resolve(stem + "-signature.b64")).strip());
        Envelope envelope = EnvelopeCodec.json().decode(Files.readAllBytes(DIR.resolve(stem + "-envelope.json")));
        X509Certificate signer = envelope.signerChain().get(0);

        BouncyCastleProvider bc = new BouncyCastleProvider();
        Signature raw = Signature.getInstance(suite == CryptoSuite.GM ? "SM3withSM2" : "SHA256withECDSA", bc);
        if (suite == CryptoSuite.GM) {
            raw.setParameter(new SM2ParameterSpec("1234567812345678".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        raw.initVerify(signer.getPublicKey());
        raw.update(canonical);
        assertThat(raw.verify(signature)).isTrue();

        org.bouncycastle.crypto.Digest digest = suite == CryptoSuite.GM ? new SM3Digest() : new SHA256Digest();
        digest.update(canonical, 0, canonical.length);
        byte[] expected = new byte[digest.getDigestSize()];
        digest.doFinal(expected, 0);
        assertThat(envelope.digest().bytes()).isEqualTo(expected);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
