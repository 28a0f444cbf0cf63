package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CitizenIdTest {
    static final Clock CLOCK = Clock.fixed(IdentifierGenerators.TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    /** The sample number printed in GB 11643-1999. */
    static final String STANDARD_SAMPLE = "11010519491231002X";

    static CitizenId parse(String text) {
        return CitizenId.parse(text, CLOCK);
    }

    @Test
    void parsesTheStandardsSampleWithItsParts() {
        CitizenId id = parse(STANDARD_SAMPLE);
        assertThat(id.kind()).isEqualTo(CitizenId.Kind.RESIDENT);
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.division()).isEqualTo(DivisionCode.parse("110105"));
        assertThat(id.nationalityCode()).isEmpty();
        assertThat(id.unmaskedValue()).isEqualTo(STANDARD_SAMPLE);
    }

    @Test
    void acceptsALowerCaseXAndNormalisesIt() {
        assertThat(parse("11010519491231002x")).isEqualTo(parse(STANDARD_SAMPLE));
        assertThat(parse("11010519491231002x").unmaskedValue()).endsWith("X");
    }

    @Test
    void convertsTheLegacyFifteenDigitFormOfTheSampleToEighteen() {
        CitizenId legacy = parse("110105491231002");
        assertThat(legacy.kind()).isEqualTo(CitizenId.Kind.LEGACY_15);
        assertThat(legacy.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(legacy.toEighteen()).isEqualTo(parse(STANDARD_SAMPLE));
        assertThat(legacy).isNotEqualTo(legacy.toEighteen());
    }

    @ParameterizedTest
    @CsvSource({
        // generated with the published layouts (no published sample numbers found)
        "810000199408230028, HONG_KONG_RESIDENCE_PERMIT, 810000",
        "820000200009090012, MACAU_RESIDENCE_PERMIT, 820000",
        "830000198801010014, TAIWAN_RESIDENCE_PERMIT, 830000",
        "931840198001010011, FOREIGN_PERMANENT_RESIDENT, 310000",
    })
    void tellsTheKindAndDivisionOfEachForm(String body, CitizenId.Kind kind, String division) {
        String number = IdentifierGenerators.withMod11Two(body.substring(0, 17));
        CitizenId id = parse(number);
        assertThat(id.kind()).isEqualTo(kind);
        assertThat(id.division().value()).isEqualTo(division);
    }

    @Test
    void readsTheNationalityOfAForeignersPermanentResidenceId() {
        CitizenId id = parse(IdentifierGenerators.withMod11Two("93184019800101001"));
        assertThat(id.nationalityCode()).contains("840");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
    }

    @Test
    void rejectsATransposedCheckDigit() {
        assertRule("1101051949123100X2", "GB11643.format");
        assertRule("110105194912310029", "GB11643.checkDigit");
    }

    @ParameterizedTest
    @CsvSource({
        "1101051949023000", // 30 February
        "1101051899123100", // before 1900
        "1101052026011600", // tomorrow
        "1101051949133100", // month 13
    })
    void rejectsImpossibleBirthDates(String body) {
        assertRule(IdentifierGenerators.withMod11Two(body + "2"), "GB11643.birthDate");
    }

    @Test
    void rejectsImplausibleDivisionsAndForeignerProvinces() {
        assertRule(IdentifierGenerators.withMod11Two("01010519491231002"), "GB11643.division");
        assertRule(IdentifierGenerators.withMod11Two("81010519491231002"), "GB11643.division");
        assertRule(IdentifierGenerators.withMod11Two("98184019800101001"), "NIA2023.province");
    }

    @Test
    void masksTheValueInToStringAndNeverEchoesItInErrors() {
        assertThat(parse("420106199001041238").toString()).isEqualTo("420106********1238");
        assertThat(parse(STANDARD_SAMPLE).toString()).isEqualTo("110105********002X").doesNotContain(STANDARD_SAMPLE);
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> parse("110105194912310021"));
        assertThat(e.getMessage()).doesNotContain("110105194912310021").doesNotContain("19491231");
        assertThat(e.findings()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("citizenId"));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void generatedValuesRoundTripAndNeverShowInToString(String number) {
        CitizenId id = parse(number);
        assertThat(parse(id.unmaskedValue())).isEqualTo(id);
        assertThat(id.toString()).doesNotContain(number).hasSize(18).contains("********");
    }

    @ParameterizedTest
    @MethodSource("ids")
    void detectsEverySingleSubstitutionAndAdjacentTransposition(String number) {
        List<String> variants = CheckDetection.substitutions(number, "0123456789X");
        variants.addAll(CheckDetection.transpositions(number));
        assertThat(variants).allSatisfy(variant ->
                assertThatThrownBy(() -> parse(variant)).isInstanceOf(ValidationException.class));
    }

    static Stream<String> ids() {
        return IdentifierGenerators.sample(60, IdentifierGenerators::citizenId);
    }

    private static void assertRule(String text, String rule) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> parse(text));
        assertThat(e).as("parse of a number expected to break %s", rule).isNotNull();
        assertThat(e.findings()).extracting(Finding::rule).containsExactly(rule);
        assertThat(e.getMessage()).doesNotContain(text);
    }
}
