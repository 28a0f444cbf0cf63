package org.goldensdk.testkit;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * {@code size} pseudo-random bytes from a seed, generated block by block and never held whole: the
 * same seed and size give the same bytes however the reader sizes its reads. Large test content
 * (a 512 MiB attachment) is made and checked with it instead of a committed file or a huge array.
 */
public final class SeededBytes extends InputStream {
    // A multiple of 8, so the bytes do not depend on how the reader sizes its reads.
    private final byte[] block = new byte[64 * 1024];
    private final SplittableRandom random;
    private int position = block.length;
    private long remaining;

    /** The stream of {@code size} bytes seeded by {@code seed}. */
    public SeededBytes(long seed, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        this.random = new SplittableRandom(seed);
        this.remaining = size;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (remaining == 0) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        if (position == block.length) {
            random.nextBytes(block);
            position = 0;
        }
        int n = (int) Math.min(Math.min(length, block.length - position), remaining);
        System.arraycopy(block, position, buffer, offset, n);
        position += n;
        remaining -= n;
        return n;
    }
}
