package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.goldensdk.core.internal.crypto.KeyWrapping;
import org.goldensdk.core.internal.crypto.SoftwareSigner;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of GB/T 32918.5-2017 / GM/T 0003.5-2012 (SM2 on the recommended curve
 * sm2p256v1): signature of "message digest" with user ID 1234567812345678, and encryption of
 * "encryption standard", both with the fixed random k the standard gives.
 */
class Sm2StandardVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger D = new BigInteger("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8", 16);
    private static final BigInteger PX = new BigInteger("09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020", 16);
    private static final BigInteger PY = new BigInteger("CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13", 16);
    private static final String K = "59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21";
    private static final BigInteger R = new BigInteger("F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3", 16);
    private static final BigInteger S = new BigInteger("B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA", 16);
    private static final String CIPHERTEXT_C1C3C2 = "04"
            + "04EBFC718E8D1798620432268E77FEB6415E2EDE0E073C0F4F640ECD2E149A73"
            + "E858F9D81E5430A57B36DAAB8F950A3C64E6EE6A63094D99283AFF767E124DF0"
            + "59983C18F809E262923C53AEC295D30383B54E39D609D160AFCB1908D0BD8766"
            + "21886CA989CA9C7D58087307CA93092D651EFA";

    private final KeyPair standardKeys = standardKeys();

    @Test
    void signsTheStandardsMessageToTheStandardsSignatureWithItsFixedK() {
        TestPki.Issued selfSigned = TestPki.root(standardKeys, "GB/T 32918.5 example key");
        Signer signer = SoftwareSigner.of(standardKeys.getPrivate(), selfSigned.chain(), new FixedRandom(K));

        ASN1Sequence signature = ASN1Sequence.getInstance(signer.sign(bytes("message digest")));

        assertThat(ASN1Integer.getInstance(signature.getObjectAt(0)).getValue()).isEqualTo(R);
        assertThat(ASN1Integer.getInstance(signature.getObjectAt(1)).getValue()).isEqualTo(S);
    }

    @Test
    void verifiesTheStandardsSignature() throws Exception {
        byte[] signature = new DERSequence(new ASN1Integer[] {new ASN1Integer(R), new ASN1Integer(S)}).getEncoded();
        Verifier verifier = Verifier.of(standardKeys.getPublic());

        assertThat(verifier.verify(bytes("message digest"), signature)).isTrue();
        assertThat(verifier.verify(bytes("message digesT"), signature)).isFalse();
    }

    @Test
    void encryptsTheStandardsMessageInC1C3C2OrderWithItsFixedK() {
        KeyWrapping.Wrapped wrapped = KeyWrapping.wrap(standardKeys.getPublic(), bytes("encryption standard"), new FixedRandom(K));

        assertThat(wrapped.algorithm()).isEqualTo("SM2-C1C3C2");
        assertThat(HEX.formatHex(wrapped.encryptedKey())).isEqualToIgnoringCase(CIPHERTEXT_C1C3C2);
    }

    @Test
    void decryptsTheStandardsCiphertext() {
        byte[] plaintext = KeyWrapping.unwrap("SM2-C1C3C2", HEX.parseHex(CIPHERTEXT_C1C3C2.toLowerCase()), new byte[0],
                standardKeys.getPrivate(), standardKeys.getPublic());

        assertThat(new String(plaintext, StandardCharsets.US_ASCII)).isEqualTo("encryption standard");
    }

    private static KeyPair standardKeys() {
        try {
            ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec("sm2p256v1");
            KeyFactory factory = KeyFactory.getInstance("EC", TestPki.BC);
            PrivateKey privateKey = factory.generatePrivate(new ECPrivateKeySpec(D, curve));
            PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(curve.getCurve().createPoint(PX, PY), curve));
            return new KeyPair(publicKey, privateKey);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns the standard's k whenever randomness is drawn, reproducing its worked example. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] value;

        FixedRandom(String hex) {
            this.value = HEX.parseHex(hex.toLowerCase());
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(value, 0, bytes, 0, Math.min(value.length, bytes.length));
        }
    }
}
