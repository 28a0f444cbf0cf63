package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.IntStream;
import org.goldensdk.core.internal.CheckCharacters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrganizationCodeTest {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Test
    void parsesTheCodeEmbeddedInAPublishedCreditCodeWithOrWithoutHyphen() {
        OrganizationCode plain = OrganizationCode.parse("MA4K00002");
        assertThat(OrganizationCode.parse("MA4K0000-2")).isEqualTo(plain);
        assertThat(plain.hyphenated()).isEqualTo("MA4K0000-2");
        assertThat(plain).hasToString("MA4K00002");
    }

    @ParameterizedTest
    @CsvSource({
        "MA4K00003, GB11714.checkCharacter",
        "MA4K0000-3, GB11714.checkCharacter",
        "ma4k00002, GB11714.format",
        "MA4K0000Y, GB11714.format",
        "MA4K000-02, GB11714.format",
        "MA4K0000, GB11714.format",
    })
    void namesTheRuleEachBadCodeBreaks(String text, String rule) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> OrganizationCode.parse(text));
        assertThat(e.findings()).extracting(Finding::rule).containsExactly(rule);
    }

    @Test
    void generatedCodesRoundTrip() {
        IdentifierGenerators.sample(200, IdentifierGenerators::organizationCode).forEach(code ->
                assertThat(OrganizationCode.parse(OrganizationCode.parse(code).hyphenated()).value()).isEqualTo(code));
    }

    /**
     * GB 11714 is MOD 11 over values 0-35, with weights that are all non-zero modulo 11 and pairwise
     * different. So a body substitution a→b passes exactly when b ≡ a (mod 11); a body transposition
     * of a, b passes exactly when a ≡ b (mod 11); a substitution of the check character never
     * passes (0-9, X are distinct modulo 11); and swapping body character 8 with the check
     * character passes only for the pair 1/X (X is worth 33 in the body and 10 as check).
     */
    @Test
    void missesExactlyTheErrorsTheModularArithmeticPredicts() {
        List<String> codes = IdentifierGenerators.sample(300, IdentifierGenerators::organizationCode).toList();
        long substitutions = 0;
        long undetectedSubstitutions = 0;
        long expectedSubstitutions = 0;
        long transpositions = 0;
        long undetectedTranspositions = 0;
        long expectedTranspositions = 0;
        for (String code : codes) {
            List<String> changed = CheckDetection.substitutions(code, ALPHABET);
            substitutions += changed.size();
            undetectedSubstitutions += changed.stream().filter(OrganizationCodeTest::passes).count();
            expectedSubstitutions += IntStream.range(0, 8).map(i -> congruentOthers(code.charAt(i))).sum();

            List<String> swapped = CheckDetection.transpositions(code);
            transpositions += swapped.size();
            undetectedTranspositions += swapped.stream().filter(OrganizationCodeTest::passes).count();
            expectedTranspositions += IntStream.range(0, 7)
                    .filter(i -> code.charAt(i) != code.charAt(i + 1) && value(code.charAt(i)) % 11 == value(code.charAt(i + 1)) % 11)
                    .count();
            String lastPair = code.substring(7);
            expectedTranspositions += lastPair.equals("1X") || lastPair.equals("X1") ? 1 : 0;
        }
        System.out.printf("GB 11714 over %d codes: %d of %d substitutions undetected (%.2f %%), "
                        + "%d of %d adjacent transpositions undetected (%.2f %%)%n",
                codes.size(), undetectedSubstitutions, substitutions, 100.0 * undetectedSubstitutions / substitutions,
                undetectedTranspositions, transpositions, 100.0 * undetectedTranspositions / transpositions);
        assertThat(undetectedSubstitutions).isEqualTo(expectedSubstitutions).isPositive();
        assertThat(undetectedTranspositions).isEqualTo(expectedTranspositions);
    }

    @Test
    void aCheckCharacterXSwappedWithABodyOneStillPasses() {
        String body = IntStream.range(0, 1_000_000).mapToObj(i -> String.format("%07d1", i))
                .filter(b -> CheckCharacters.gb11714(b) == 'X')
                .findFirst().orElseThrow();
        assertThat(passes(body + "X")).isTrue();
        assertThat(passes(body.substring(0, 7) + "X1")).isTrue();
    }

    private static int congruentOthers(char c) {
        int v = value(c);
        return (int) ALPHABET.chars().filter(o -> o != c && value((char) o) % 11 == v % 11).count();
    }

    private static int value(char c) {
        return ALPHABET.indexOf(c);
    }

    private static boolean passes(String code) {
        try {
            OrganizationCode.parse(code);
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }
}
