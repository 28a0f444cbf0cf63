package org.goldensdk.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;

/** Shared fixtures: tax sends to customs at a fixed time, credentials from the testkit's development CA. */
final class EnvelopeFixtures {
    static final Instant NOW = Instant.parse("2026-03-01T08:00:00.123Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final TestDepartment SENDER = TestDepartment.TAX;
    static final TestDepartment RECEIVER = TestDepartment.CUSTOMS;
    static final ServiceId SERVICE = ServiceId.of("tax.company-status", 1);
    static final byte[] PAYLOAD = "{\"creditCode\":\"91420100MA4K00002Y\",\"status\":\"normal\"}"
            .getBytes(StandardCharsets.UTF_8);

    private EnvelopeFixtures() {
    }

    static EnvelopeSealer sealer(CryptoSuite suite) {
        return EnvelopeSealer.builder().party(SENDER.partyId()).credentials(SENDER.credentials()).suite(suite)
                .clock(CLOCK).build();
    }

    static TrustAnchors anchors() {
        return TestCredentials.trustAnchors();
    }

    static EnvelopeVerifier verifier() {
        return EnvelopeVerifier.builder().trustAnchors(anchors()).clock(CLOCK).build();
    }

    static Message.Builder message() {
        return Message.to(RECEIVER.partyId()).service(SERVICE).bytes("application/json", PAYLOAD)
                .attach("ledger-2026Q1.csv", "text/csv", Content.of("company,amount\n91420100MA4K00002Y,100\n"
                        .getBytes(StandardCharsets.UTF_8)))
                .attach("notice.pdf", "application/pdf", Content.of(new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '7'}))
                .property("caseNumber", "武税稽〔2026〕7号")
                .actingFor("case 2026-0007");
    }
}
