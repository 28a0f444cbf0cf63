package org.goldensdk.core.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.goldensdk.core.PersonalDataKind;

/**
 * Finds citizen IDs, mobile numbers and bank cards in free text however they are written: ASCII
 * or full-width digits, a lower-case x, digit groups separated by up to {@value #MAX_SEPARATORS}
 * spaces or hyphens, or split by up to {@value #MAX_MARKUP} HTML tags or entities.
 *
 * <p>One pass collects the digits (normalised to ASCII) into groups; groups joined only by such
 * gaps form a run. Candidates are consecutive whole groups of one run, at most 19 digits long, so
 * the work is linear in the text (no regular expression, no backtracking). A value must start and
 * end on a group boundary, so digits inside a longer number are never taken for one. Each
 * candidate is judged by the same rules as the value types ({@link IdentifierRules},
 * {@link CheckCharacters}); from each start the longest valid candidate wins.
 */
public final class PersonalDataScanner {
    static final int MAX_SEPARATORS = 2;
    static final int MAX_MARKUP = 4;
    private static final int MAX_TAG_LENGTH = 64;
    private static final int MAX_ENTITY_LENGTH = 10;
    private static final int MAX_VALUE_LENGTH = 19;
    private static final int CONTEXT_WINDOW = 16;
    private static final List<String> CARD_WORDS = List.of(
            "卡号", "银行卡", "信用卡", "借记卡", "储蓄卡", "账号", "帐号", "card");

    /** A value found: its kind and its digits' range {@code [from, to)} in {@link Scan#positions}. */
    public record Hit(PersonalDataKind kind, int from, int to) {
    }

    /**
     * The result of a scan.
     *
     * @param positions for each collected digit, its index in the scanned text
     * @param hits the values found, left to right, not overlapping
     */
    public record Scan(int[] positions, List<Hit> hits) {
    }

    private PersonalDataScanner() {
    }

    /** Scans {@code text}; birth dates after {@code today} do not count as citizen IDs. */
    public static Scan scan(CharSequence text, LocalDate today) {
        Digits digits = Digits.collect(text);
        List<Hit> hits = new ArrayList<>();
        int group = 0;
        while (group < digits.groupCount) {
            int next = group + 1;
            int from = digits.groupStart[group];
            Hit best = null;
            for (int last = group; last < digits.groupCount && digits.groupRun[last] == digits.groupRun[group]; last++) {
                int to = digits.groupEnd(last);
                if (to - from > MAX_VALUE_LENGTH) {
                    break;
                }
                Hit hit = classify(text, digits, from, to, today);
                if (hit != null) {
                    best = hit;
                    next = last + 1;
                }
            }
            if (best != null) {
                hits.add(best);
            }
            group = next;
        }
        return new Scan(Arrays.copyOf(digits.positions, digits.count), List.copyOf(hits));
    }

    private static Hit classify(CharSequence text, Digits digits, int from, int to, LocalDate today) {
        int length = to - from;
        String candidate = new String(digits.chars, from, length);
        if ((length == 18 || length == 15) && IdentifierRules.checkCitizenId(candidate, today) == null) {
            return new Hit(PersonalDataKind.CITIZEN_ID, from, to);
        }
        if (length == 11 && IdentifierRules.checkMobile(candidate) == null) {
            return new Hit(PersonalDataKind.MOBILE_NUMBER, from, to);
        }
        if (length == 13 && candidate.startsWith("86") && IdentifierRules.checkMobile(candidate.substring(2)) == null) {
            return new Hit(PersonalDataKind.MOBILE_NUMBER, from + 2, to);
        }
        if (length >= 16 && IdentifierRules.allDigits(candidate, 0, length) && CheckCharacters.luhn(candidate)
                && (hasIssuerPrefix(candidate) || hasCardWordBefore(text, digits.positions[from]))) {
            return new Hit(PersonalDataKind.BANK_CARD, from, to);
        }
        return null;
    }

    /** UnionPay 62, Visa 4, Mastercard 51–55 and 2221–2720, JCB 3528–3589. */
    private static boolean hasIssuerPrefix(String digits) {
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        return two == 62 || digits.charAt(0) == '4' || (two >= 51 && two <= 55)
                || (four >= 2221 && four <= 2720) || (four >= 3528 && four <= 3589);
    }

    private static boolean hasCardWordBefore(CharSequence text, int start) {
        String window = text.subSequence(Math.max(0, start - CONTEXT_WINDOW), start).toString().toLowerCase(Locale.ROOT);
        return CARD_WORDS.stream().anyMatch(window::contains);
    }

    /** The digits of a text, grouped; groups of one run are joined only by separators or markup. */
    private static final class Digits {
        final char[] chars;
        final int[] positions;
        int count;
        int[] groupStart = new int[16];
        int[] groupRun = new int[16];
        int groupCount;

        private Digits(int capacity) {
            chars = new char[capacity];
            positions = new int[capacity];
        }

        int groupEnd(int group) {
            return group + 1 < groupCount ? groupStart[group + 1] : count;
        }

        static Digits collect(CharSequence text) {
            Digits digits = new Digits(text.length());
            int run = -1;
            boolean open = false;
            boolean adjacent = false;
            int separators = 0;
            int markup = 0;
            for (int p = 0; p < text.length(); p++) {
                char c = text.charAt(p);
                char digit = asciiDigit(c);
                if (digit != 0) {
                    if (!open) {
                        run++;
                    }
                    if (!open || !adjacent) {
                        digits.startGroup(run);
                    }
                    digits.add(digit, p);
                    open = true;
                    adjacent = true;
                    separators = 0;
                    markup = 0;
                } else if (open && adjacent && (c == 'x' || c == 'X' || c == 'ｘ' || c == 'Ｘ')) {
                    // A check character X only ever ends a number: it closes the run.
                    digits.add('X', p);
                    open = false;
                } else if (open && isSeparator(c) && ++separators <= MAX_SEPARATORS) {
                    adjacent = false;
                } else if (open && (c == '<' || c == '&') && markupEnd(text, p) > 0 && ++markup <= MAX_MARKUP) {
                    adjacent = false;
                    p = markupEnd(text, p);
                } else {
                    open = false;
                }
            }
            return digits;
        }

        private void startGroup(int run) {
            if (groupCount == groupStart.length) {
                groupStart = Arrays.copyOf(groupStart, groupCount * 2);
                groupRun = Arrays.copyOf(groupRun, groupCount * 2);
            }
            groupStart[groupCount] = count;
            groupRun[groupCount] = run;
            groupCount++;
        }

        private void add(char digit, int position) {
            chars[count] = digit;
            positions[count] = position;
            count++;
        }

        private static char asciiDigit(char c) {
            if (c >= '0' && c <= '9') {
                return c;
            }
            if (c >= '０' && c <= '９') {
                return (char) ('0' + (c - '０'));
            }
            return 0;
        }

        private static boolean isSeparator(char c) {
            return c == ' ' || c == '\u00A0' || c == '\u3000' || c == '\u2009' || c == '-'
                    || (c >= '\u2010' && c <= '\u2015') || c == '\u2212' || c == '\uFF0D';
        }

        /** The index of the {@code >} or {@code ;} closing the tag or entity at {@code p}, or -1. */
        private static int markupEnd(CharSequence text, int p) {
            boolean tag = text.charAt(p) == '<';
            int limit = Math.min(text.length(), p + 1 + (tag ? MAX_TAG_LENGTH : MAX_ENTITY_LENGTH));
            for (int i = p + 1; i < limit; i++) {
                char c = text.charAt(i);
                if (tag ? c == '>' : c == ';') {
                    return i;
                }
                if (tag ? c == '<' : !(Character.isLetterOrDigit(c) || c == '#')) {
                    return -1;
                }
            }
            return -1;
        }
    }
}
