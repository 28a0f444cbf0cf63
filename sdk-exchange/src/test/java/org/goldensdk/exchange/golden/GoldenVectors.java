package org.goldensdk.exchange.golden;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.testkit.TestDepartment;

/**
 * The fixed inputs of the golden vectors in {@code src/test/resources/golden}: one message from tax
 * to customs, sealed at a fixed instant with a fixed id, once per suite. The keys and
 * certificates are stored beside the outputs ({@code tax.p12}, {@code trust-anchors.pem}).
 */
public final class GoldenVectors {
    /** Where the vectors live, relative to the sdk-exchange module. */
    public static final Path DIRECTORY = Path.of("src", "test", "resources", "golden");
    /** The password of {@code tax.p12}: a test vector, not a secret. */
    public static final char[] PASSWORD = "golden-vectors".toCharArray();
    /** The instant the vectors were sealed at; verify them at this time. */
    public static final Instant SEALED_AT = Instant.parse("2026-03-01T08:00:00.123Z");
    /** A clock fixed at {@link #SEALED_AT}. */
    public static final Clock CLOCK = Clock.fixed(SEALED_AT, ZoneOffset.UTC);
    /** The fixed message id (a UUID version 7 of {@link #SEALED_AT}). */
    public static final MessageId MESSAGE_ID = MessageId.parse("019ca8d6-8a1b-7c3d-9e2f-0a1b2c3d4e5f");
    /** The payload bytes. */
    public static final byte[] PAYLOAD = "{\"creditCode\":\"91420100MA4K00002Y\",\"status\":\"正常\"}"
            .getBytes(StandardCharsets.UTF_8);
    /** The attachment bytes. */
    public static final byte[] ATTACHMENT = "company,amount\n91420100MA4K00002Y,1024.50\n".getBytes(StandardCharsets.UTF_8);

    private GoldenVectors() {
    }

    /** The message of the vectors. */
    public static Message message() {
        return Message.to(TestDepartment.CUSTOMS.partyId())
                .service(ServiceId.of("tax.company-status", 1))
                .messageId(MESSAGE_ID)
                .bytes("application/json", PAYLOAD)
                .attach("ledger-2026Q1.csv", "text/csv", Content.of(ATTACHMENT))
                .expiresIn(java.time.Duration.ofDays(1))
                .property("caseNumber", "武税稽〔2026〕7号")
                .actingFor("case 2026-0007")
                .build();
    }

    /** The file-name stem of a suite's vectors: {@code gm} or {@code intl}. */
    public static String stem(CryptoSuite suite) {
        return suite.name().toLowerCase(java.util.Locale.ROOT);
    }
}
