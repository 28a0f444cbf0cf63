package org.goldensdk.core;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A document produced on demand, never held in memory: a head, a unit repeated {@code repeats}
 * times (or forever), then a tail. Counts the bytes handed out so tests can prove that a reader
 * stopped early.
 */
final class GeneratedInput extends InputStream {
    static final long FOREVER = Long.MAX_VALUE;

    private final byte[][] parts;
    private final long repeats;
    private int part;
    private int index;
    private long repeated;
    private long bytesRead;

    private GeneratedInput(String head, String unit, long repeats, String tail) {
        this.parts = new byte[][] {bytes(head), repeats == 0 ? new byte[0] : bytes(unit), bytes(tail)};
        this.repeats = Math.max(repeats, 1);
    }

    static GeneratedInput of(String head, String unit, long repeats, String tail) {
        return new GeneratedInput(head, unit, repeats, tail);
    }

    /** A head followed by the unit forever: only a reader that stops can finish. */
    static GeneratedInput endless(String head, String unit) {
        return new GeneratedInput(head, unit, FOREVER, "");
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read() {
        while (part < parts.length) {
            byte[] current = parts[part];
            if (index < current.length) {
                bytesRead++;
                return current[index++] & 0xff;
            }
            index = 0;
            if (part == 1 && ++repeated < repeats) {
                continue;
            }
            part++;
        }
        return -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int n = 0;
        while (n < length) {
            int b = read();
            if (b < 0) {
                break;
            }
            buffer[offset + n++] = (byte) b;
        }
        return n == 0 ? -1 : n;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
