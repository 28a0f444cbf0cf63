package org.goldensdk.exchange.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.EnvelopeFile;
import org.goldensdk.exchange.EnvelopeSealer;
import org.goldensdk.exchange.SealedMessage;
import org.goldensdk.testkit.CertificateAuthority;
import org.goldensdk.testkit.TestDepartment;

/**
 * Writes the golden vectors once; they are committed and never regenerated casually (a change
 * to them is a change of the wire format). From the repository root:
 * <pre>
 * mvn -q -pl sdk-exchange -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
 * cd sdk-exchange &amp;&amp; java -cp "target/test-classes:target/classes:$(cat target/test.cp)" \
 *     org.goldensdk.exchange.golden.GenerateGoldenVectors
 * </pre>
 */
public final class GenerateGoldenVectors {
    private GenerateGoldenVectors() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = GoldenVectors.DIRECTORY;
        Files.createDirectories(dir);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        CertificateAuthority ca = CertificateAuthority.builder().name("Golden SDK golden-vector CA")
                .clock(GoldenVectors.CLOCK).rootValidity(from, Duration.ofDays(365L * 24)).build();
        DepartmentCredentials tax = ca.issue(TestDepartment.TAX.creditCode(), TestDepartment.TAX.organisation(),
                from, Instant.parse("2049-12-31T00:00:00Z"));
        ca.writeTrustAnchorsPem(dir.resolve("trust-anchors.pem"));
        CertificateAuthority.writePkcs12(tax, dir.resolve("tax.p12"), GoldenVectors.PASSWORD);
        Files.write(dir.resolve("payload.bin"), GoldenVectors.PAYLOAD);
        Files.write(dir.resolve("attachment-1.csv"), GoldenVectors.ATTACHMENT);
        for (CryptoSuite suite : CryptoSuite.values()) {
            EnvelopeSealer sealer = EnvelopeSealer.builder().party(TestDepartment.TAX.partyId()).credentials(tax)
                    .suite(suite).clock(GoldenVectors.CLOCK).build();
            try (SealedMessage sealed = sealer.seal(GoldenVectors.message())) {
                String stem = GoldenVectors.stem(suite);
                Files.write(dir.resolve(stem + "-header.canonical.json"), sealed.envelope().canonicalHeader());
                Files.writeString(dir.resolve(stem + "-signature.b64"),
                        Base64.getEncoder().encodeToString(sealed.envelope().signature()) + "\n");
                Files.write(dir.resolve(stem + "-envelope.json"), EnvelopeCodec.json().encode(sealed.envelope()));
                Files.write(dir.resolve(stem + "-envelope.xml"), EnvelopeCodec.xml().encode(sealed.envelope()));
                EnvelopeFile.write(sealed, dir.resolve(stem + "-envelope.gef"));
            }
        }
        System.out.println("golden vectors written to " + dir.toAbsolutePath());
    }
}
