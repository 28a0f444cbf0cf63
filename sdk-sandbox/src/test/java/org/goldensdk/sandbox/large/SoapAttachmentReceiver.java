package org.goldensdk.sandbox.large;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.cxf.SoapClients;
import org.goldensdk.cxf.SoapSecurity;
import org.goldensdk.exchange.AttachmentInfo;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.EnvelopeDecryptor;
import org.goldensdk.exchange.EnvelopeHeader;
import org.goldensdk.exchange.EnvelopeVerifier;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.SoapMessages;
import org.goldensdk.exchange.soap.ExchangePortType;
import org.goldensdk.exchange.soap.ExchangeService;
import org.goldensdk.exchange.soap.Pull;
import org.goldensdk.exchange.soap.PullResponse;
import org.goldensdk.sandbox.crash.CrashChild;
import org.goldensdk.testkit.TestDepartment;

/**
 * The receiver of {@link MtomAttachmentThroughHubTest}, in a JVM of its own: pulls customs' inbox
 * over the hub's SOAP service with a port generated from the WSDL, the attachment arriving as an
 * MTOM part; streams the part through the envelope's verifier (digest and signed size, decrypted
 * when encrypted) into a file, digests that file again and compares it with the seeded stream's
 * digest, then acknowledges DELIVERED and PROCESSED over SOAP — or REJECTED on a mismatch.
 * Arguments: {@code --credentials DIR --hub URI --work DIR --size BYTES --max-seconds N}.
 */
public final class SoapAttachmentReceiver {
    static final String PULLING = "receiver: pulling over SOAP";
    static final String MATCHED = "receiver: the attachment file matches the seeded stream: ";

    private SoapAttachmentReceiver() {
    }

    public static void main(String[] args) throws Exception {
        CrashChild child = CrashChild.start(args);
        long size = Long.parseLong(child.option("size"));
        Path work = Path.of(child.option("work"));
        DigestValue expected = LargeAttachmentChild.seededDigest(size);
        DepartmentCredentials customs = LargeAttachmentChild.credentials(child, TestDepartment.CUSTOMS);
        ExchangePortType port = SoapClients.configure(new ExchangeService().getExchangeSoap11Port(),
                URI.create(child.option("hub")).resolve("exchange/soap/v1").toString(),
                TlsConfig.of(customs, child.trustAnchors()), SoapSecurity.signWith(customs).signPartsByReference(), 60_000);
        Pull pull = new Pull();
        pull.setParty(TestDepartment.CUSTOMS.partyId().toString());
        pull.setWaitSeconds("20");
        CrashChild.log(PULLING);
        PullResponse pulled = port.pull(pull);
        while (pulled.getDelivery() == null) {
            pulled = port.pull(pull);
        }
        long start = System.nanoTime();
        Delivery delivery = SoapMessages.fromSoap(pulled.getDelivery(), 1024 * 1024);
        EnvelopeVerifier verifier = EnvelopeVerifier.builder().trustAnchors(child.trustAnchors()).build();
        EnvelopeHeader header = verifier.verify(delivery.envelope());
        AttachmentInfo info = header.attachments().get(0);
        Path received = work.resolve("received.bin");
        try (InputStream verified = verifier.attachment(delivery.envelope(), 0, delivery.attachments().get(0).open());
                OutputStream out = Files.newOutputStream(received)) {
            if (info.encryption().isPresent()) {
                EnvelopeDecryptor.of(customs).decryptAttachment(delivery.envelope(), 0, verified, out);
            } else {
                verified.transferTo(out);
            }
        }
        CrashChild.log("receiver: streamed the MTOM part through the verifier into a file in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        DigestValue actual;
        try (InputStream in = Files.newInputStream(received)) {
            actual = CryptoSuite.GM.digest(in);
        }
        long receivedSize = Files.size(received);
        Files.delete(received);
        LargeAttachmentChild.logHeap();
        boolean matches = actual.equals(expected) && receivedSize == size;
        Instant now = Instant.now();
        List<Receipt> receipts = matches
                ? List.of(receipt(delivery, customs, ReceiptState.DELIVERED, now, null, null),
                        receipt(delivery, customs, ReceiptState.PROCESSED, now, null, null))
                : List.of(receipt(delivery, customs, ReceiptState.REJECTED, now, "E_MISMATCH",
                        "the attachment differs from the seeded stream"));
        port.acknowledge(SoapMessages.acknowledge(receipts));
        if (!matches) {
            CrashChild.log("receiver: MISMATCH: got " + actual + " over " + receivedSize + " bytes, expected " + expected
                    + " over " + size);
            System.exit(2);
        }
        CrashChild.log(MATCHED + size + " bytes, " + actual);
        Thread.currentThread().join(); // until the test closes stdin: the child's guard halts the JVM
    }

    private static Receipt receipt(Delivery delivery, DepartmentCredentials customs, ReceiptState state, Instant now,
            String code, String reason) {
        return Receipt.issue(delivery.envelope(), state, TestDepartment.CUSTOMS.partyId(), customs.signer(CryptoSuite.GM),
                now, code, reason);
    }
}
