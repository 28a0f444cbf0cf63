package org.goldensdk.core.internal.codec;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through until more than {@code limit} have been read, then fails. It never asks the
 * underlying stream for more than {@code limit + 1} bytes in total, so an endless or huge input is
 * cut off there instead of being buffered by a parser.
 */
public final class LimitedInputStream extends FilterInputStream {

    /**
     * Thrown when the limit is passed. An {@link IOException} so parsers propagate it (possibly
     * wrapped); codecs find it in the cause chain and turn it into {@code PAYLOAD_TOO_LARGE}.
     */
    public static final class LimitExceededException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        LimitExceededException(long limit) {
            super("input exceeds the limit of " + limit + " bytes");
            this.limit = limit;
        }

        /** The limit that was passed, in bytes. */
        public long limit() {
            return limit;
        }
    }

    private final long limit;
    private long count;

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

    @Override
    public boolean markSupported() {
        return false;
    }

    private void ensureRoom() throws LimitExceededException {
        if (count > limit) {
            throw new LimitExceededException(limit);
        }
    }

    private void count(long n) throws LimitExceededException {
        count += n;
        ensureRoom();
    }
}
