package org.goldensdk.sandbox.large;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.DigestValue;
import org.goldensdk.sandbox.crash.CrashChild;
import org.goldensdk.testkit.SeededBytes;
import org.goldensdk.testkit.TestCredentials;
import org.goldensdk.testkit.TestDepartment;

/** What the sender and receiver of {@link LargeAttachmentThroughHubTest} share. */
final class LargeAttachmentChild {
    /** The seed of the attachment's bytes. */
    static final long SEED = 512;
    /** The line a child prints with its heap figures: {@code heap: max <n> MiB, peak used <n> MiB}. */
    static final String HEAP = "heap: max ";

    private LargeAttachmentChild() {
    }

    /** The department's credentials from the PKCS#12 file the hub's run wrote. */
    static DepartmentCredentials credentials(CrashChild child, TestDepartment department) {
        String file = department.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".p12";
        return DepartmentCredentials.fromPkcs12(Path.of(child.option("credentials")).resolve(file),
                TestCredentials.PKCS12_PASSWORD.toCharArray());
    }

    /** The SM3 digest of the first {@code size} bytes of the seeded stream: what a receiver must get. */
    static DigestValue seededDigest(long size) throws IOException {
        try (InputStream seeded = new SeededBytes(SEED, size)) {
            return CryptoSuite.GM.digest(seeded);
        }
    }

    /** Prints the heap limit and the peak heap used so far. */
    static void logHeap() {
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        CrashChild.log(HEAP + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, peak used " + (peak >> 20) + " MiB");
    }
}
