package org.goldensdk.cxf.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes at most {@code limit} bytes of a request body and fails with
 * {@link BodyTooLargeException} as soon as one more arrives, so no reader ever holds more than the
 * limit.
 */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            account(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // Ask for at most one byte beyond the limit: enough to detect an excess, never more.
        long allowed = limit - count + 1;
        int n = super.read(buffer, offset, (int) Math.min(length, allowed));
        if (n > 0) {
            account(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - count + 1));
        account(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void account(long n) throws BodyTooLargeException {
        count += n;
        if (count > limit) {
            throw new BodyTooLargeException(limit);
        }
    }
}
