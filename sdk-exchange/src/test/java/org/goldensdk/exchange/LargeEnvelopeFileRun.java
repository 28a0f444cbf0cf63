package org.goldensdk.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.testkit.SeededBytes;

/**
 * A large attachment through the whole envelope-file path in a small heap; started in its own JVM
 * (with {@code -Xmx256m}) by {@link EnvelopeFileLargeAttachmentTest}. Arguments: the working
 * directory, the suite and the attachment size in bytes. Generates the attachment from a seeded
 * stream, seals it, writes the envelope file, opens and verifies it, and compares the attachment
 * read back with the regenerated stream; prints timings and exits 0 only if all of it held.
 */
public final class LargeEnvelopeFileRun {
    static final long SEED = 42;
    static final String CONFIRMATION = "attachment verified and identical: ";

    private LargeEnvelopeFileRun() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        CryptoSuite suite = CryptoSuite.valueOf(args[1]);
        long size = Long.parseLong(args[2]);
        Path attachment = dir.resolve("attachment.bin");
        Path file = dir.resolve("large-envelope.zip");
        System.out.printf("max heap %d MiB, suite %s, attachment %d bytes%n",
                Runtime.getRuntime().maxMemory() >> 20, suite, size);
        try {
            long start = System.nanoTime();
            try (InputStream seeded = new SeededBytes(SEED, size)) {
                Files.copy(seeded, attachment);
            }
            start = lap("generate", start);
            try (SealedMessage sealed = EnvelopeFixtures.sealer(suite).seal(EnvelopeFixtures.message()
                    .attach("large.bin", "application/octet-stream", Content.of(attachment)).build())) {
                start = lap("seal", start);
                EnvelopeFile.write(sealed, file);
                start = lap("write", start);
            }
            System.out.printf("envelope file %d bytes%n", Files.size(file));
            try (EnvelopeFile opened = EnvelopeFile.open(file)) {
                opened.verify(EnvelopeFixtures.verifier());
                start = lap("open+verify", start);
                long compared = compare(opened.attachment(2), new SeededBytes(SEED, size));
                lap("read back+compare", start);
                System.out.printf("peak heap used %d MiB%n", peakHeapUsed() >> 20);
                System.out.println(CONFIRMATION + compared + " bytes");
            }
        } finally {
            Files.deleteIfExists(attachment);
            Files.deleteIfExists(file);
        }
    }

    private static long lap(String step, long since) {
        long now = System.nanoTime();
        System.out.printf("%-18s %6d ms%n", step, (now - since) / 1_000_000);
        return now;
    }

    /** Compares two streams chunk by chunk; fails at the first differing chunk. */
    private static long compare(InputStream actual, InputStream expected) throws IOException {
        byte[] a = new byte[64 * 1024];
        byte[] e = new byte[64 * 1024];
        long offset = 0;
        try (actual; expected) {
            while (true) {
                int n = actual.readNBytes(a, 0, a.length);
                int m = expected.readNBytes(e, 0, e.length);
                if (n != m || !Arrays.equals(a, 0, n, e, 0, m)) {
                    throw new IllegalStateException("the attachment read back differs from the seeded stream within "
                            + "the 64 KiB from offset " + offset);
                }
                if (n == 0) {
                    return offset;
                }
                offset += n;
            }
        }
    }

    private static long peakHeapUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
