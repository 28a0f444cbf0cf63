package org.goldensdk.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.Signer;
import org.goldensdk.core.Verifier;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.EnvelopeHeader;
import org.goldensdk.exchange.EnvelopeSealer;
import org.goldensdk.exchange.EnvelopeVerifier;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.SealedMessage;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.testkit.TestCredentials;
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
 * The envelope: seal (digest the payload, build and canonicalise the header, sign it), verify (the
 * signer's certificate path, the signature over the canonical header, the header's rules) and verify
 * with the payload streamed through its digest check — beside the raw primitive the SDK cannot
 * avoid: one signature, or one verification, over the same canonical header bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvelopeBenchmark {
    static final ServiceId SERVICE = ServiceId.of("tax.company-status", 1);

    @Param({"GM", "INTL"})
    public String suite;

    @Param({"1024"})
    public int payloadBytes;

    private byte[] payload;
    private EnvelopeSealer sealer;
    private EnvelopeVerifier verifier;
    private Envelope envelope;
    private Signer signer;
    private Verifier rawVerifier;
    private byte[] canonical;

    @Setup
    public void setUp() {
        payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'x');
        CryptoSuite cryptoSuite = CryptoSuite.valueOf(suite);
        sealer = EnvelopeSealer.builder().party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials()).suite(cryptoSuite).build();
        verifier = EnvelopeVerifier.builder().trustAnchors(TestCredentials.trustAnchors()).build();
        try (SealedMessage sealed = sealer.seal(message())) {
            envelope = sealed.envelope();
        }
        signer = TestDepartment.TAX.credentials().signer(cryptoSuite);
        rawVerifier = Verifier.of(signer.certificate());
        canonical = envelope.canonicalHeader();
    }

    private Message message() {
        return Message.to(TestDepartment.CUSTOMS.partyId()).service(SERVICE).bytes("application/octet-stream", payload).build();
    }

    @Benchmark
    public Envelope seal() {
        try (SealedMessage sealed = sealer.seal(message())) {
            return sealed.envelope();
        }
    }

    @Benchmark
    public EnvelopeHeader verify() {
        return verifier.verify(envelope);
    }

    @Benchmark
    public long verifyWithPayload() throws IOException {
        verifier.verify(envelope);
        try (InputStream in = verifier.payload(envelope, new java.io.ByteArrayInputStream(payload))) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    /** Encode → decode → verify, what a receiver does with the envelope JSON it was sent. */
    @Benchmark
    public EnvelopeHeader decodeAndVerifyJson() {
        return verifier.verify(EnvelopeCodec.json().decode(EnvelopeCodec.json().encode(envelope)));
    }

    /** The floor under {@link #seal}: one signature over the canonical header. */
    @Benchmark
    public byte[] rawSignCanonicalHeader() {
        return signer.sign(canonical);
    }

    /** The floor under {@link #verify}: one verification over the canonical header. */
    @Benchmark
    public boolean rawVerifyCanonicalHeader() {
        return rawVerifier.verify(canonical, envelope.signature());
    }
}
