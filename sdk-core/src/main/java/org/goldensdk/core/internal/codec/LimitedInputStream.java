package org.goldensdk.core.internal.codec;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through until more than {@code limit} have been read, then fails. It never asks the
 * underlying stream for more than {@code limit + 1} bytes in total, so an endless or huge input is
 * cut off there instead of being buffered by a parser. Parsers wrap the resulting
 * {@link IOException} in their own ways (the JDK's StAX parser keeps only its message), so codecs
 * ask {@link #limitExceeded()} rather than searching the cause chain.
 */
public final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;
    private boolean exceeded;

    /** Wraps {@code in}, allowing at most {@code limit} bytes. */
    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        ensureRoom();
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        ensureRoom();
        long room = limit - count + 1;
        int n = super.read(buffer, offset, (int) Math.min(length, room));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        ensureRoom();
        long skipped = super.skip(Math.min(n, limit - count + 1));
        count(skipped);
        return skipped;
    }

    /** The most bytes this stream passes on. */
    public long limit() {
        return limit;
    }

    /** Whether a read went past the limit; once true, every further read fails. */
    public boolean limitExceeded() {
        return exceeded;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void ensureRoom() throws IOException {
        if (count > limit) {
            exceeded = true;
            throw new IOException("input exceeds the limit of " + limit + " bytes");
        }
    }

    private void count(long n) throws IOException {
        count += n;
        ensureRoom();
    }
}
