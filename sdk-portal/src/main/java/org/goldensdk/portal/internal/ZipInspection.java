package org.goldensdk.portal.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a ZIP archive fully inflated in memory under limits, before anything else (POI, the OFD
 * reader) touches it: at most {@link #MAX_ENTRIES} entries and {@code maxInflatedBytes} inflated
 * in all, counted while inflating, so a zip bomb stops at the limit instead of filling memory.
 */
public final class ZipInspection {
    /** Most entries an attachment may hold. */
    public static final int MAX_ENTRIES = 10_000;

    private ZipInspection() {
    }

    /** Why an archive was refused. */
    public static final class RefusedArchive extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedArchive(String message) {
            super(message);
        }
    }

    /**
     * The entries of {@code zip} by name, inflated, in archive order.
     *
     * @throws RefusedArchive if it is not a readable ZIP, repeats a name or breaks a limit
     */
    public static Map<String, byte[]> read(byte[] zip, long maxInflatedBytes) throws RefusedArchive {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long inflated = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entries.size() >= MAX_ENTRIES) {
                    throw new RefusedArchive("the archive holds more than " + MAX_ENTRIES + " entries");
                }
                List<byte[]> chunks = new ArrayList<>();
                int size = 0;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    inflated += n;
                    if (inflated > maxInflatedBytes) {
                        throw new RefusedArchive("the archive inflates to more than " + maxInflatedBytes
                                + " bytes (a zip bomb, or simply too large)");
                    }
                    byte[] chunk = new byte[n];
                    System.arraycopy(buffer, 0, chunk, 0, n);
                    chunks.add(chunk);
                    size += n;
                }
                byte[] content = new byte[size];
                int at = 0;
                for (byte[] chunk : chunks) {
                    System.arraycopy(chunk, 0, content, at, chunk.length);
                    at += chunk.length;
                }
                if (entries.put(entry.getName(), content) != null) {
                    throw new RefusedArchive("the archive holds two entries named alike");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new RefusedArchive("the archive is not a readable ZIP: " + e.getMessage());
        }
        if (entries.isEmpty()) {
            throw new RefusedArchive("the archive is empty or not a ZIP");
        }
        return entries;
    }
}
