package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DivisionCode, MobileNumber and PartyId. */
class ValuesTest {
    @ParameterizedTest
    @ValueSource(strings = {"420100", "110105", "650102", "810000", "820000", "830000", "710000", "100000"})
    void acceptsPlausibleDivisionCodes(String text) {
        assertThat(DivisionCode.parse(text)).hasToString(text);
    }

    @ParameterizedTest
    @CsvSource({
        "42010, GBT2260.format", "42010a, GBT2260.format", "990100, GBT2260.province",
        "810100, GBT2260.province", "100100, GBT2260.province", "160000, GBT2260.province",
    })
    void rejectsImplausibleDivisionCodes(String text, String rule) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> DivisionCode.parse(text));
        assertThat(e.findings()).extracting(Finding::rule).containsExactly(rule);
    }

    @Test
    void findsTheProvinceOfADivision() {
        assertThat(DivisionCode.parse("420106").province()).isEqualTo(DivisionCode.parse("420000"));
        assertThat(DivisionCode.parse("420106").provinceCode()).isEqualTo("42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"13812345678", "+8613812345678", "008613812345678"})
    void parsesMobileNumbersWithOrWithoutCountryCodeAndMasksThem(String text) {
        MobileNumber number = MobileNumber.parse(text);
        assertThat(number.unmaskedValue()).isEqualTo("13812345678");
        assertThat(number.e164()).isEqualTo("+8613812345678");
        assertThat(number).hasToString("138****5678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12812345678", "1381234567", "138123456789", "+8512812345678", "1381234567a"})
    void rejectsWhatIsNotAMainlandMobileWithoutEchoingIt(String text) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> MobileNumber.parse(text));
        assertThat(e.findings()).extracting(Finding::rule).containsExactly("MobileNumber.format");
        assertThat(e.getMessage()).doesNotContain(text).doesNotContain("2345678");
    }

    @Test
    void generatedMobileNumbersRoundTripAndStayMasked() {
        IdentifierGenerators.sample(200, IdentifierGenerators::mobileNumber).forEach(text -> {
            MobileNumber number = MobileNumber.parse(text);
            assertThat(MobileNumber.parse(number.unmaskedValue())).isEqualTo(number);
            assertThat(number.toString()).doesNotContain(text).matches("1\\d\\d\\*{4}\\d{4}");
        });
    }

    @Test
    void parsesAPartyIntoTypedPartsAndPrintsItBack() {
        PartyId party = PartyId.parse("CN/420100/11420100MB00000196/invoice");
        assertThat(party.division()).isEqualTo(DivisionCode.parse("420100"));
        assertThat(party.creditCode()).isEqualTo(CreditCode.parse("11420100MB00000196"));
        assertThat(party.system()).isEqualTo("invoice");
        assertThat(party).hasToString("CN/420100/11420100MB00000196/invoice");
        assertThat(PartyId.of(party.division(), party.creditCode(), "invoice")).isEqualTo(party);
    }

    @Test
    void generatedPartiesRoundTrip() {
        IdentifierGenerators.sample(100, IdentifierGenerators::creditCode).forEach(code -> {
            PartyId party = PartyId.of(DivisionCode.parse("420100"), CreditCode.parse(code), "tax-v2");
            assertThat(PartyId.parse(party.toString())).isEqualTo(party);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"CN/420100/11420100MB00000196", "US/420100/11420100MB00000196/invoice",
        "CN/420100/11420100MB00000196/invoice/extra", "cn/420100/11420100MB00000196/invoice"})
    void rejectsTextThatIsNotFourPartsUnderCn(String text) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> PartyId.parse(text));
        assertThat(e.findings()).extracting(Finding::rule).containsExactly("PartyId.format");
    }

    @Test
    void reportsEveryBrokenPartAtOnceAndNeverEchoesPersonalData() {
        String citizen = CitizenIdTest.STANDARD_SAMPLE;
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> PartyId.parse("CN/990100/" + citizen + "/" + citizen));
        assertThat(e.findings()).extracting(Finding::field, Finding::rule).containsExactly(
                tuple("partyId.division", "GBT2260.province"),
                tuple("partyId.creditCode", "GB32100.division"),
                tuple("partyId.system", "PartyId.system"));
        assertThat(e.getMessage()).doesNotContain(citizen).doesNotContain("1949");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Invoice", "1invoice", "in voice", "in_voice", "abcdefghijklmnopqrstuvwxyz0123456"})
    void rejectsSystemCodesOutsideTheRule(String system) {
        assertThatThrownBy(() -> PartyId.of(DivisionCode.parse("420100"), CreditCode.parse("11420100MB00000196"), system))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).findings())
                        .extracting(Finding::rule).containsExactly("PartyId.system"));
    }
}
