package org.goldensdk.core;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.goldensdk.core.internal.CheckCharacters;

/**
 * Seeded generators of valid identifiers, built by the published rules (layout + check
 * character), so every run tests the same values and a failure is reproducible.
 */
final class IdentifierGenerators {
    static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final long SEED = 20260115L;
    private static final List<String> DIVISIONS = List.of("110105", "420106", "310101", "440305", "650102");
    private static final List<String> PERMIT_PREFIXES = List.of("810000", "820000", "830000");
    private static final List<String> PROVINCES = List.of("11", "42", "31", "44");

    private IdentifierGenerators() {
    }

    /** {@code count} values made by {@code generator} from one fixed seed. */
    static Stream<String> sample(int count, Function<Random, String> generator) {
        Random random = new Random(SEED);
        return IntStream.range(0, count).mapToObj(i -> generator.apply(random));
    }

    /** An 18-character citizen ID: resident, HK/Macau/Taiwan permit or foreigner, one third each. */
    static String citizenId(Random random) {
        String prefix = switch (random.nextInt(3)) {
            case 0 -> pick(random, DIVISIONS);
            case 1 -> pick(random, PERMIT_PREFIXES);
            default -> "9" + pick(random, PROVINCES) + digits(random, 3);
        };
        return withMod11Two(prefix + birthDate(random) + digits(random, 3));
    }

    static String withMod11Two(String body) {
        return body + CheckCharacters.mod11Two(body);
    }

    static String creditCode(Random random) {
        String body = pick(random, List.of("11", "12", "51", "91", "92", "93", "Y1"))
                + pick(random, List.of("420100", "110000", "310115", "100000", "440300"))
                + chars(random, CheckCharacters.GB32100_ALPHABET, 9);
        return body + CheckCharacters.gb32100(body);
    }

    static String organizationCode(Random random) {
        String body = chars(random, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 8);
        return body + CheckCharacters.gb11714(body);
    }

    static String mobileNumber(Random random) {
        return "1" + (3 + random.nextInt(7)) + digits(random, 9);
    }

    /** {@code length} random digits ending in a Luhn check digit. */
    static String luhnNumber(Random random, String prefix, int length) {
        String body = prefix + digits(random, length - prefix.length() - 1);
        for (char check = '0'; ; check++) {
            if (CheckCharacters.luhn(body + check)) {
                return body + check;
            }
        }
    }

    static String digits(Random random, int length) {
        return chars(random, "0123456789", length);
    }

    private static String birthDate(Random random) {
        long days = random.nextInt((int) (TODAY.toEpochDay() - EARLIEST.toEpochDay() + 1));
        return EARLIEST.plusDays(days).format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static String chars(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
