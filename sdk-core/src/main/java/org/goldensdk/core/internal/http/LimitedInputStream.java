package org.goldensdk.core.internal.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.goldensdk.core.MalformedInputException;

/** Passes a stream through and fails with PAYLOAD_TOO_LARGE as soon as it yields more than the limit. */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** Reads all of {@code in}, failing once it exceeds {@code limit} bytes. */
    static byte[] readAll(InputStream in, long limit) throws IOException {
        try (InputStream limited = new LimitedInputStream(in, limit)) {
            return limited.readAllBytes();
        }
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        if (value >= 0) {
            count(1);
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            count(read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long bytes) {
        count += bytes;
        if (count > limit) {
            throw MalformedInputException.tooLarge("the response body", limit);
        }
    }
}
