package org.goldensdk.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.Signer;
import org.goldensdk.core.Verifier;
import org.goldensdk.testkit.TestDepartment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing and verifying 1 KiB per suite through the SDK ({@link Signer}, {@link Verifier}) beside the
 * raw JCA {@link Signature} of BouncyCastle kept initialised (the best a hand-written caller can do)
 * and, for ES256, the JDK's own SunEC provider. The raw side uses its own key pair on the same curve:
 * the cost of a signature does not depend on which key of the curve signs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CryptoBenchmark {
    private static final Provider BC = new BouncyCastleProvider();
    private static final byte[] SM2_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    @Param({"GM", "INTL"})
    public String suite;

    private final byte[] data = new byte[1024];
    private Signer signer;
    private Verifier verifier;
    private byte[] ourSignature;
    private Signature rawSigner;
    private Signature rawVerifier;
    private byte[] rawSignature;
    private Signature jdkSigner;
    private Signature jdkVerifier;
    private byte[] jdkSignature;

    @Setup
    public void setUp() throws GeneralSecurityException {
        Arrays.fill(data, (byte) 'x');
        CryptoSuite cryptoSuite = CryptoSuite.valueOf(suite);
        signer = TestDepartment.TAX.credentials().signer(cryptoSuite);
        verifier = Verifier.of(signer.certificate());
        ourSignature = signer.sign(data);
        boolean gm = cryptoSuite == CryptoSuite.GM;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec(gm ? "sm2p256v1" : "secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String algorithm = gm ? "SM3withSM2" : "SHA256withECDSA";
        rawSigner = Signature.getInstance(algorithm, BC);
        rawVerifier = Signature.getInstance(algorithm, BC);
        if (gm) {
            rawSigner.setParameter(new SM2ParameterSpec(SM2_USER_ID));
            rawVerifier.setParameter(new SM2ParameterSpec(SM2_USER_ID));
        }
        rawSigner.initSign(pair.getPrivate());
        rawVerifier.initVerify(pair.getPublic());
        rawSignature = rawSign();
        if (!gm) {
            KeyPairGenerator jdk = KeyPairGenerator.getInstance("EC", "SunEC");
            jdk.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair jdkPair = jdk.generateKeyPair();
            jdkSigner = Signature.getInstance(algorithm, "SunEC");
            jdkVerifier = Signature.getInstance(algorithm, "SunEC");
            jdkSigner.initSign(jdkPair.getPrivate());
            jdkVerifier.initVerify(jdkPair.getPublic());
            jdkSigner.update(data);
            jdkSignature = jdkSigner.sign();
        }
    }

    @Benchmark
    public byte[] sdkSign() {
        return signer.sign(data);
    }

    @Benchmark
    public boolean sdkVerify() {
        return verifier.verify(data, ourSignature);
    }

    /** A new {@link Verifier} per call, as a careless caller would use it. */
    @Benchmark
    public boolean sdkVerifyFreshVerifier() {
        return Verifier.of(signer.certificate()).verify(data, ourSignature);
    }

    @Benchmark
    public byte[] rawBouncyCastleSign() throws GeneralSecurityException {
        return rawSign();
    }

    @Benchmark
    public boolean rawBouncyCastleVerify() throws GeneralSecurityException {
        rawVerifier.update(data);
        return rawVerifier.verify(rawSignature);
    }

    /** ES256 with the JDK's SunEC provider (GM: not available, answers null). */
    @Benchmark
    public byte[] rawJdkSign() throws GeneralSecurityException {
        if (jdkSigner == null) {
            return null;
        }
        jdkSigner.update(data);
        return jdkSigner.sign();
    }

    /** ES256 with the JDK's SunEC provider (GM: not available, answers false). */
    @Benchmark
    public boolean rawJdkVerify() throws GeneralSecurityException {
        if (jdkVerifier == null) {
            return false;
        }
        jdkVerifier.update(data);
        return jdkVerifier.verify(jdkSignature);
    }

    private byte[] rawSign() throws GeneralSecurityException {
        rawSigner.update(data);
        return rawSigner.sign();
    }
}
