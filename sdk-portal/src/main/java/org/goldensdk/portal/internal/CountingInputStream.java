package org.goldensdk.portal.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.goldensdk.portal.ProgressListener;

/** Tells a {@link ProgressListener} how many bytes have been read of a stream of known length. */
public final class CountingInputStream extends FilterInputStream {
    private final long total;
    private final ProgressListener listener;
    private long read;

    /** Counts what is read from {@code in}, of {@code total} bytes, reporting to {@code listener} (0 at once). */
    public CountingInputStream(InputStream in, long total, ProgressListener listener) {
        super(in);
        this.total = total;
        this.listener = listener;
        listener.progress(0, total);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(int n) {
        read += n;
        listener.progress(read, total);
    }
}
