package org.goldensdk.core.internal.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the known key a misspelt one most likely meant, by edit distance. */
public final class ClosestKey {
    private ClosestKey() {
    }

    /** The candidate nearest to {@code unknown}, if one is within a third of its length in edits. */
    public static Optional<String> closest(String unknown, Collection<String> candidates) {
        int tolerance = Math.max(2, unknown.length() / 3);
        return candidates.stream()
                .min(Comparator.comparingInt((String candidate) -> distance(unknown, candidate))
                        .thenComparing(Comparator.naturalOrder()))
                .filter(candidate -> distance(unknown, candidate) <= tolerance);
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
