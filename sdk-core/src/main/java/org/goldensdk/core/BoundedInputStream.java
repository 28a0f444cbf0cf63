package org.goldensdk.core;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through until more than a limit have been read, then fails — and never asks the
 * underlying stream for more than the limit plus one byte, so an endless or oversized input is cut
 * off there instead of being buffered. The SDK's one size guard for bodies and documents: the
 * codecs, the HTTP transport's responses and the servers' request bodies all use it.
 *
 * <p>Two ways to fail, for two kinds of reader: {@link #of(InputStream, long)} throws
 * {@link LimitExceededException} (an {@link IOException}, what parsers expect from a stream; they
 * may wrap it, so ask {@link #limitExceeded()}); {@link #of(InputStream, long, String)} throws
 * {@link MalformedInputException} with code {@link ErrorCode#PAYLOAD_TOO_LARGE}, for a caller
 * reading the stream itself. Not thread-safe, like any stream.
 */
public final class BoundedInputStream extends FilterInputStream {
    private final long limit;
    private final String what;
    private long count;
    private boolean exceeded;

    private BoundedInputStream(InputStream in, long limit, String what) {
        super(in);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
        this.what = what;
    }

    /** Allows at most {@code limit} bytes of {@code in}; a read beyond throws {@link LimitExceededException}. */
    public static BoundedInputStream of(InputStream in, long limit) {
        return new BoundedInputStream(in, limit, null);
    }

    /**
     * Allows at most {@code limit} bytes of {@code in}; a read beyond throws
     * {@link MalformedInputException#tooLarge} naming {@code what} (e.g. "the response body").
     */
    public static BoundedInputStream of(InputStream in, long limit, String what) {
        return new BoundedInputStream(in, limit, java.util.Objects.requireNonNull(what, "what"));
    }

    /**
     * All bytes of {@code in}, at most {@code limit} of them.
     *
     * @throws MalformedInputException (PAYLOAD_TOO_LARGE) naming {@code what} if there are more
     */
    public static byte[] readAll(InputStream in, long limit, String what) throws IOException {
        try (InputStream bounded = of(in, limit, what)) {
            return bounded.readAllBytes();
        }
    }

    /** The most bytes this stream passes on. */
    public long limit() {
        return limit;
    }

    /** Whether a read went past the limit; once true, every further read fails too. */
    public boolean limitExceeded() {
        return exceeded;
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
        int n = super.read(buffer, offset, (int) Math.min(length, allowance()));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        ensureRoom();
        long skipped = super.skip(Math.min(n, allowance()));
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /**
     * How much the next read may ask for: what is left of the limit plus the one byte that tells
     * "exactly the limit" from "more". Saturates, so a limit of {@code Long.MAX_VALUE} (unlimited)
     * does not overflow into a negative (and thus empty, endlessly repeated) read.
     */
    private long allowance() {
        long left = limit - count; // never negative: ensureRoom() has run
        return left == Long.MAX_VALUE ? left : left + 1;
    }

    private void count(long n) throws IOException {
        count += n;
        ensureRoom();
    }

    private void ensureRoom() throws IOException {
        if (count > limit) {
            exceeded = true;
            if (what != null) {
                throw MalformedInputException.tooLarge(what, limit);
            }
            throw new LimitExceededException(limit);
        }
    }

    /** A read went past the limit of a {@link BoundedInputStream} made by {@link #of(InputStream, long)}. */
    public static final class LimitExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        private final long limit;

        private LimitExceededException(long limit) {
            super("input exceeds the limit of " + limit + " bytes");
            this.limit = limit;
        }

        /** The limit that was exceeded, in bytes. */
        public long limit() {
            return limit;
        }
    }
}
