package org.goldensdk.core;

import java.util.ArrayList;
import java.util.List;

/** Every single-character substitution and adjacent transposition of a value. */
final class CheckDetection {
    private CheckDetection() {
    }

    /** Each variant of {@code value} with one character replaced by another character of {@code alphabet}. */
    static List<String> substitutions(String value, String alphabet) {
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < value.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c != value.charAt(i)) {
                    variants.add(value.substring(0, i) + c + value.substring(i + 1));
                }
            }
        }
        return variants;
    }

    /** Each variant of {@code value} with two different adjacent characters swapped. */
    static List<String> transpositions(String value) {
        List<String> variants = new ArrayList<>();
        for (int i = 0; i + 1 < value.length(); i++) {
            if (value.charAt(i) != value.charAt(i + 1)) {
                char[] chars = value.toCharArray();
                chars[i] = value.charAt(i + 1);
                chars[i + 1] = value.charAt(i);
                variants.add(new String(chars));
            }
        }
        return variants;
    }
}
