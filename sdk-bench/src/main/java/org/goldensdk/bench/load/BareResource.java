package org.goldensdk.bench.load;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The trivial server side of the baselines, served by sdk-cxf's {@code GoldenServer} (CXF JAX-RS on
 * Jetty 12, mutual TLS) — the same stack as the sandbox hub and the endpoint — or called directly
 * for the crypto-only baseline. It answers with bytes as long as the pipeline's: one receipt for a
 * submission, two for a push, a page of 100 for the feed. With {@link RawCrypto} it also does the
 * server's share of the pipeline's cryptography: for a submission verify + digest + sign one
 * receipt (the hub), for a push verify + digest + sign two (the receiver). Without it, it only
 * moves bytes.
 *
 * <p>Frames are {@code [2-byte length][signature][signed bytes]}; a body is one frame (the header)
 * followed by the payload.
 */
@Path("/")
public final class BareResource {
    private final RawCrypto crypto;
    private final Workload workload;
    private final byte[] receiptBlob;
    private final byte[] plainReceipt;
    private final byte[] feedPage;

    BareResource(RawCrypto crypto, Workload workload) {
        this.crypto = crypto;
        this.workload = workload;
        this.receiptBlob = new byte[workload.receiptBlobBytes()];
        Arrays.fill(receiptBlob, (byte) 'r');
        this.plainReceipt = new byte[workload.receiptBytes()];
        this.feedPage = new byte[workload.receiptBytes() * Workload.FEED_PAGE];
    }

    @POST
    @Path("messages")
    @Consumes("*/*")
    @Produces("application/octet-stream")
    public byte[] submit(byte[] body) {
        if (crypto == null) {
            return plainReceipt;
        }
        check(body);
        return receipts(1);
    }

    @POST
    @Path("deliveries")
    @Consumes("*/*")
    @Produces("application/octet-stream")
    public byte[] push(byte[] body) {
        if (crypto == null) {
            return Arrays.copyOf(plainReceipt, 2 * plainReceipt.length);
        }
        check(body);
        return receipts(2);
    }

    @GET
    @Path("receipts")
    @Produces("application/octet-stream")
    public byte[] feed() {
        return feedPage;
    }

    /** Verifies the header frame and digests the payload after it. */
    private void check(byte[] body) {
        int signatureLength = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
        int headerStart = 2 + signatureLength;
        crypto.verify(body, headerStart, workload.headerBytes(), Arrays.copyOfRange(body, 2, headerStart));
        crypto.digest(body, headerStart + workload.headerBytes(), workload.payload().length);
    }

    private byte[] receipts(int count) {
        ByteBuffer answer = ByteBuffer.allocate(count * (2 + 80 + receiptBlob.length));
        for (int i = 0; i < count; i++) {
            frame(answer, crypto.sign(receiptBlob, 0, receiptBlob.length), receiptBlob, receiptBlob.length);
        }
        return Arrays.copyOf(answer.array(), answer.position());
    }

    static void frame(ByteBuffer out, byte[] signature, byte[] data, int length) {
        out.putShort((short) signature.length).put(signature).put(data, 0, length);
    }

    /** Verifies every receipt frame of an answer (each signs {@link Workload#receiptBlobBytes()}); returns how many. */
    static int verifyReceipts(RawCrypto crypto, Workload workload, byte[] answer) {
        return verifyReceipts(crypto, workload, answer, Integer.MAX_VALUE);
    }

    /** Verifies the first {@code limit} receipt frames of an answer; returns how many. */
    static int verifyReceipts(RawCrypto crypto, Workload workload, byte[] answer, int limit) {
        int count = 0;
        int dataLength = workload.receiptBlobBytes();
        for (int at = 0; at < answer.length && count < limit; count++) {
            int signatureLength = ((answer[at] & 0xff) << 8) | (answer[at + 1] & 0xff);
            crypto.verify(answer, at + 2 + signatureLength, dataLength, Arrays.copyOfRange(answer, at + 2,
                    at + 2 + signatureLength));
            at += 2 + signatureLength + dataLength;
        }
        return count;
    }
}
