package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.goldensdk.core.internal.CheckCharacters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {
    @ParameterizedTest
    @ValueSource(strings = {"11420100MB00000196", "11420100MB00000271", "11420100MB0000035U",
        "11420100MB0000043N", "11420100MB0000051H", "11420100MB000006X9", "11420100MB00000789",
        "11420100MB00000864", "91420100MA4K00002Y"})
    void parsesTheDesignsCheckedExamples(String text) {
        CreditCode code = CreditCode.parse(text);
        assertThat(code.hasValidCheckCharacter()).isTrue();
        assertThat(code.division()).isEqualTo(DivisionCode.parse("420100"));
        assertThat(code.organizationCode()).map(OrganizationCode::value).contains(text.substring(8, 17));
        assertThat(code).hasToString(text);
    }

    @Test
    void exposesTheRegistrationPartsOfAnAgencyAndACompany() {
        CreditCode tax = CreditCode.parse("11420100MB00000196");
        assertThat(tax.registrationAuthorityCode()).isEqualTo('1');
        assertThat(tax.organizationTypeCode()).isEqualTo('1');
        assertThat(tax.isGovernmentOrgan()).isTrue();
        assertThat(tax.organizationCodePart()).isEqualTo("MB0000019");
        assertThat(tax.organizationCode()).contains(OrganizationCode.parse("MB000001-9"));

        CreditCode company = CreditCode.parse("91420100MA4K00002Y");
        assertThat(company.isGovernmentOrgan()).isFalse();
        assertThat(company.registrationAuthorityCode()).isEqualTo('9');
        assertThat(company.organizationCode()).contains(OrganizationCode.parse("MA4K0000-2"));
    }

    @Test
    void strictRejectsAWrongCheckCharacterAndLenientMarksIt() {
        assertRule("11420100MB00000197", "GB32100.checkCharacter");
        CreditCode lenient = CreditCode.parse("11420100MB00000197", CreditCode.Strictness.LENIENT);
        assertThat(lenient.hasValidCheckCharacter()).isFalse();
        assertThat(lenient.value()).isEqualTo("11420100MB00000197");
    }

    @Test
    void hasNoOrganizationCodeWhenCharactersNineToSeventeenFailGb11714() {
        String body = "91420100MA4K00003";
        CreditCode code = CreditCode.parse(body + CheckCharacters.gb32100(body));
        assertThat(code.organizationCodePart()).isEqualTo("MA4K00003");
        assertThat(code.organizationCode()).isEmpty();
    }

    @Test
    void lenientStillEnforcesEveryOtherRule() {
        assertThatThrownBy(() -> CreditCode.parse("11420100MB0000019I", CreditCode.Strictness.LENIENT))
                .isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "11420100MB0000019, GB32100.length",
        "11420100MB000001966, GB32100.length",
        "11420100MBO00001966, GB32100.length",
        "11420100MB0000019O, GB32100.alphabet",
        "11420100mb00000196, GB32100.alphabet",
        "11990100MB00000196, GB32100.division",
    })
    void namesTheRuleEachMalformedCodeBreaks(String text, String rule) {
        assertRule(text, rule);
    }

    @ParameterizedTest
    @MethodSource("codes")
    void generatedCodesRoundTrip(String text) {
        CreditCode code = CreditCode.parse(text);
        assertThat(CreditCode.parse(code.toString())).isEqualTo(code);
    }

    @ParameterizedTest
    @MethodSource("codes")
    void detectsEverySingleSubstitutionAndAdjacentTransposition(String text) {
        List<String> variants = CheckDetection.substitutions(text, CheckCharacters.GB32100_ALPHABET);
        variants.addAll(CheckDetection.transpositions(text));
        assertThat(variants).hasSizeGreaterThan(18 * 30).allSatisfy(variant ->
                assertThatThrownBy(() -> CreditCode.parse(variant)).isInstanceOf(ValidationException.class));
    }

    static Stream<String> codes() {
        return IdentifierGenerators.sample(60, IdentifierGenerators::creditCode);
    }

    private static void assertRule(String text, String rule) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> CreditCode.parse(text));
        assertThat(e).as("expected %s", rule).isNotNull();
        assertThat(e.findings()).extracting(Finding::rule).containsExactly(rule);
    }
}
