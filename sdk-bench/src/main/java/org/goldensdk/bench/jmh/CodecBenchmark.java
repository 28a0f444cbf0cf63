package org.goldensdk.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.EnvelopeSealer;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.SealedMessage;
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
 * The envelope codecs (JSON, and XML validated against the envelope XSD) beside a plain Jackson
 * tree parse of the same JSON bytes — the floor of any JSON reader.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Param({"GM"})
    public String suite;

    private Envelope envelope;
    private byte[] json;
    private byte[] xml;

    @Setup
    public void setUp() {
        byte[] payload = new byte[1024];
        Arrays.fill(payload, (byte) 'x');
        EnvelopeSealer sealer = EnvelopeSealer.builder().party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials()).suite(CryptoSuite.valueOf(suite)).build();
        try (SealedMessage sealed = sealer.seal(Message.to(TestDepartment.CUSTOMS.partyId())
                .service(EnvelopeBenchmark.SERVICE).bytes("application/octet-stream", payload).build())) {
            envelope = sealed.envelope();
        }
        json = EnvelopeCodec.json().encode(envelope);
        xml = EnvelopeCodec.xml().encode(envelope);
    }

    @Benchmark
    public byte[] jsonEncode() {
        return EnvelopeCodec.json().encode(envelope);
    }

    @Benchmark
    public Envelope jsonDecode() {
        return EnvelopeCodec.json().decode(json);
    }

    @Benchmark
    public byte[] xmlEncode() {
        return EnvelopeCodec.xml().encode(envelope);
    }

    @Benchmark
    public Envelope xmlDecode() {
        return EnvelopeCodec.xml().decode(xml);
    }

    /** The floor: Jackson reading the same JSON into a tree, no limits, no certificates, no checks. */
    @Benchmark
    public JsonNode rawJacksonTree() throws IOException {
        return PLAIN.readTree(json);
    }
}
