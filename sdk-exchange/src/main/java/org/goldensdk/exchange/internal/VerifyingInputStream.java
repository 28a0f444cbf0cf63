package org.goldensdk.exchange.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.SignatureException;

/**
 * Passes a part's bytes through while digesting them, and fails the read that would go past the
 * declared size or that reaches the end with a different size or digest. A reader therefore never
 * sees the end of a stream whose content does not match the signed header; what it read before
 * the failure must be discarded.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final String part;
    private final DigestValue expected;
    private final long expectedSize;
    private final Digest digest;
    private long count;
    private boolean checked;

    /** Verifies {@code in} against the digest and size the header declares for {@code part}. */
    public VerifyingInputStream(InputStream in, String part, DigestValue expected, long expectedSize) {
        super(in);
        this.part = part;
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.digest = newDigest(expected.suite());
    }

    /** A running digest of the suite's algorithm, without going through JCA provider lookup. */
    public static Digest newDigest(CryptoSuite suite) {
        return suite == CryptoSuite.GM ? new SM3Digest() : new SHA256Digest();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            finish();
            return -1;
        }
        count += n;
        if (count > expectedSize) {
            throw new SignatureException(part + " is longer than the " + expectedSize
                    + " bytes the signed header declares; it was altered or belongs to another envelope");
        }
        digest.update(buffer, offset, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void finish() {
        if (checked) {
            return;
        }
        checked = true;
        if (count != expectedSize) {
            throw new SignatureException(part + " has " + count + " bytes but the signed header declares "
                    + expectedSize + "; it was truncated or altered");
        }
        byte[] actual = new byte[digest.getDigestSize()];
        digest.doFinal(actual, 0);
        if (!MessageDigest.isEqual(actual, expected.bytes())) {
            throw new SignatureException(part + " does not match its digest in the signed header ("
                    + expected.algorithmId() + "): its bytes were altered");
        }
    }
}
