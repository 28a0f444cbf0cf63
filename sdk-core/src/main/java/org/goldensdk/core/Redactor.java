package org.goldensdk.core;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.goldensdk.core.internal.Masking;
import org.goldensdk.core.internal.PersonalDataScanner;
import org.goldensdk.core.internal.PersonalDataScanner.Hit;
import org.goldensdk.core.internal.PersonalDataScanner.Scan;

/**
 * Finds and masks personal data in free text (log lines, HTML, extracted attachment text):
 * <ul>
 *   <li>citizen IDs in every form {@link CitizenId} accepts, also written with full-width digits,
 *       a lower-case x, spaces or hyphens between digit groups, or split across HTML tags
 *       ({@code 1101<b>05</b>1949…}) — only numbers that pass the checksum and birth-date rules;</li>
 *   <li>mainland mobile numbers, with or without {@code +86};</li>
 *   <li>bank card numbers: 16–19 digits passing Luhn <em>and</em> either a known issuer prefix
 *       (62 UnionPay, 4, 51–55, 2221–2720, 3528–3589) or a card word such as 卡号, 银行卡 or
 *       "card" just before them — Luhn alone would match one random number in ten.</li>
 * </ul>
 * A value must be delimited: digits embedded in a longer digit string do not count. Masking keeps
 * the characters {@link CitizenId#toString()} and {@link MobileNumber#toString()} keep (card numbers:
 * first six, last four), replaces each masked digit with {@code *}, and leaves separators and tags
 * in place so HTML stays well formed. Runs in time linear in the text. Immutable and thread-safe.
 */
public final class Redactor {
    private final Clock clock;

    private Redactor(Clock clock) {
        this.clock = clock;
    }

    /** A redactor that judges "birth date not in the future" by the system clock. */
    public static Redactor standard() {
        return new Redactor(Clock.systemDefaultZone());
    }

    /** A redactor that judges "birth date not in the future" by {@code clock}. */
    public static Redactor standard(Clock clock) {
        return new Redactor(Objects.requireNonNull(clock, "clock"));
    }

    /** Every personal value found in {@code text}, left to right, not overlapping. */
    public List<PersonalDataMatch> find(CharSequence text) {
        Scan scan = scan(text);
        return scan.hits().stream()
                .map(hit -> new PersonalDataMatch(hit.kind(), scan.positions()[hit.from()], scan.positions()[hit.to() - 1] + 1))
                .toList();
    }

    /** {@code text} with every value {@link #find(CharSequence) found} masked; same length as the input. */
    public String redact(CharSequence text) {
        Scan scan = scan(text);
        StringBuilder out = new StringBuilder(text);
        for (Hit hit : scan.hits()) {
            for (int i = hit.from() + Masking.keepFirst(hit.kind()); i < hit.to() - Masking.KEEP_LAST; i++) {
                out.setCharAt(scan.positions()[i], Masking.MASK);
            }
        }
        return out.toString();
    }

    private Scan scan(CharSequence text) {
        return PersonalDataScanner.scan(Objects.requireNonNull(text, "text"), LocalDate.now(clock));
    }
}
