package org.goldensdk.bench.load;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.EnvelopeSealer;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.SealedMessage;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.testkit.TestDepartment;

/**
 * The work one message costs, taken from a message the SDK really sealed (so the baselines move the
 * same bytes) and from reading the pipeline's code (so they do the same cryptography).
 *
 * <p>Per message, one delivery attempt, no retries:
 * <ul>
 *   <li>signatures: 4 — the sender seals the envelope; the hub signs ACCEPTED; the receiver signs
 *       DELIVERED and PROCESSED;</li>
 *   <li>verifications: 8 — the hub verifies the envelope and the receiver's two receipts; the
 *       receiver verifies the envelope; the sender verifies ACCEPTED in the hub's answer and then
 *       ACCEPTED, DELIVERED and PROCESSED again from the receipt feed. Each of the 8 also validates
 *       the signer's certificate path (not cached), which the baselines do not do;</li>
 *   <li>payload digests: 3 — sealing, the hub's and the receiver's part checks;</li>
 *   <li>HTTP exchanges: 2 POSTs (sender → hub, hub → receiver) plus the receipt feed, one GET per
 *       page of up to 100 receipts (3 per message) and one per idle poll;</li>
 *   <li>database commits: measured on the sender's and the receiver's stores
 *       ({@link CountingDataSource}); the hub's own H2 store (2 write transactions per message:
 *       accept, record delivery) is inside the sandbox and not counted.</li>
 * </ul>
 *
 * @param payload the payload bytes
 * @param headerBytes length of the canonical header the sender signs
 * @param deliveryBytes length of the JSON Delivery posted to the hub and pushed to the receiver
 * @param receiptBytes length of one receipt's JSON
 */
record Workload(byte[] payload, int headerBytes, int deliveryBytes, int receiptBytes) {
    static final ServiceId SERVICE = ServiceId.of("tax.company-status", 1);
    static final int SIGNATURES = 4;
    static final int VERIFICATIONS = 8;
    static final int DIGESTS = 3;
    static final int POSTS = 2;
    static final int RECEIPTS = 3;
    static final int FEED_PAGE = 100;

    static Workload of(int payloadBytes, CryptoSuite suite) {
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'x');
        EnvelopeSealer sealer = EnvelopeSealer.builder().party(TestDepartment.TAX.partyId())
                .credentials(TestDepartment.TAX.credentials()).suite(suite).build();
        try (SealedMessage sealed = sealer.seal(message(payload))) {
            Envelope envelope = sealed.envelope();
            int delivery = EnvelopeCodec.json().encode(new Delivery(envelope, sealed.payload(), List.of())).length;
            Receipt receipt = Receipt.issue(envelope, ReceiptState.PROCESSED, TestDepartment.CUSTOMS.partyId(),
                    TestDepartment.CUSTOMS.credentials().signer(suite), Instant.now(), null, null);
            return new Workload(payload, envelope.canonicalHeader().length, delivery,
                    EnvelopeCodec.json().encode(receipt).length);
        }
    }

    static Message message(byte[] payload) {
        return Message.to(TestDepartment.CUSTOMS.partyId()).service(SERVICE).bytes("application/octet-stream", payload)
                .build();
    }

    /** The bytes a baseline signs for one receipt: a receipt's length less its signature and framing. */
    int receiptBlobBytes() {
        return Math.max(16, receiptBytes - 80);
    }

    /** The work per message the baselines reproduce, for the report. */
    Map<String, Double> reproduced(boolean http, boolean crypto) {
        Map<String, Double> work = new java.util.LinkedHashMap<>();
        if (crypto) {
            work.put("signatures", (double) SIGNATURES);
            work.put("verifications", (double) VERIFICATIONS);
            work.put("payloadDigests", (double) DIGESTS);
        }
        if (http) {
            work.put("httpExchanges", POSTS + (double) RECEIPTS / FEED_PAGE);
        }
        work.put("databaseCommits", 0.0);
        return work;
    }
}
