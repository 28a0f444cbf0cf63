package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
    private final Redactor redactor = Redactor.standard(CitizenIdTest.CLOCK);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "身份证号：11010519491231002X。|身份证号：110105********002X。",
        "id 11010519491231002x end|id 110105********002x end",
        "１１０１０５１９４９１２３１００２Ｘ|１１０１０５********００２Ｘ",
        "110105 19491231 002X|110105 ******** 002X",
        "110105-1949-1231-002X|110105-****-****-002X",
        "1101<b>05</b>19491231002X|1101<b>05</b>********002X",
        "<td>110105</td><td>19491231</td><td>002X</td>|<td>110105</td><td>********</td><td>002X</td>",
        "110105&nbsp;19491231&nbsp;002X|110105&nbsp;********&nbsp;002X",
        "旧号 110105491231002 号|旧号 110105*****1002 号",
        "电话13812345678。|电话138****5678。",
        "tel +86 138-1234-5678|tel +86 138-****-5678",
        "tel +8613812345678|tel +86138****5678",
    })
    void masksEachWrittenForm(String text, String redacted) {
        assertThat(redactor.redact(text)).isEqualTo(redacted);
    }

    @Test
    void reportsTheSpanAndKindOfEachValue() {
        String text = "张三 11010519491231002X 电话 13812345678";
        assertThat(redactor.find(text)).containsExactly(
                new PersonalDataMatch(PersonalDataKind.CITIZEN_ID, 3, 21),
                new PersonalDataMatch(PersonalDataKind.MOBILE_NUMBER, 25, 36));
        assertThat(redactor.find("1101<b>05</b>19491231002X"))
                .containsExactly(new PersonalDataMatch(PersonalDataKind.CITIZEN_ID, 0, 25));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "110105194912310021",          // wrong check digit
        "11010520491231002X",          // born in the future
        "order 9911010519491231002X",  // inside a longer number
        "12812345678",                 // not a mobile prefix
        "138123456789",                // twelve digits
        "price 2024 11 30 total",
    })
    void leavesWhatIsNotPersonalDataAlone(String text) {
        assertThat(redactor.find(text)).isEmpty();
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void masksLuhnValidCardsWithAnIssuerPrefix() {
        Random random = new Random(7);
        for (String prefix : List.of("62", "4", "51", "55", "2221", "3528")) {
            String card = IdentifierGenerators.luhnNumber(random, prefix, prefix.equals("62") ? 19 : 16);
            assertThat(redactor.find("pay " + card + " ok")).extracting(PersonalDataMatch::kind)
                    .containsExactly(PersonalDataKind.BANK_CARD);
            assertThat(redactor.redact(card)).isEqualTo(card.substring(0, 6) + "*".repeat(card.length() - 10)
                    + card.substring(card.length() - 4));
        }
    }

    @Test
    void masksACardWithoutKnownPrefixOnlyNearACardWord() {
        String card = IdentifierGenerators.luhnNumber(new Random(11), "70", 16);
        assertThat(redactor.find("编号 " + card)).isEmpty();
        for (String context : List.of("卡号：", "银行卡 ", "Card no. ")) {
            assertThat(redactor.find(context + card)).extracting(PersonalDataMatch::kind)
                    .containsExactly(PersonalDataKind.BANK_CARD);
        }
        assertThat(redactor.redact("卡号 " + group(card))).isEqualTo("卡号 7" + card.charAt(1) + card.substring(2, 4)
                + " " + card.substring(4, 6) + "** **** " + card.substring(12));
    }

    private static String group(String card) {
        return card.substring(0, 4) + " " + card.substring(4, 8) + " " + card.substring(8, 12) + " " + card.substring(12);
    }

    @Test
    void leavesRandomLuhnValidNumbersWithoutPrefixOrContextAlone() {
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            String prefix = List.of("0", "1", "7", "8", "9", "30", "60").get(random.nextInt(7));
            String number = IdentifierGenerators.luhnNumber(random, prefix, 16);
            assertThat(redactor.find("ref " + number)).as(number).isEmpty();
        }
    }

    @Test
    void findsEveryGeneratedIdAndMobileInAMixedText() {
        StringBuilder text = new StringBuilder();
        List<String> ids = IdentifierGenerators.sample(50, IdentifierGenerators::citizenId).toList();
        List<String> mobiles = IdentifierGenerators.sample(50, IdentifierGenerators::mobileNumber).toList();
        for (int i = 0; i < 50; i++) {
            text.append("第").append(i).append("人，证件").append(ids.get(i)).append("，手机 ").append(mobiles.get(i)).append("；");
        }
        String redacted = redactor.redact(text);
        assertThat(redactor.find(text)).hasSize(100);
        assertThat(ids).noneMatch(redacted::contains);
        assertThat(mobiles).noneMatch(redacted::contains);
    }

    @Test
    void staysLinearOnLongHostileInput() {
        String id = CitizenIdTest.STANDARD_SAMPLE;
        List<String> hostile = List.of(
                "1 ".repeat(200_000), "1-".repeat(200_000), "1<".repeat(200_000), "1<b".repeat(100_000),
                "1" + "<b>".repeat(100_000), "1&amp".repeat(100_000), "1x".repeat(200_000),
                "1".repeat(400_000), "１ ".repeat(200_000), "<".repeat(400_000));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String text : hostile) {
                assertThat(redactor.redact(text + " " + id)).endsWith(" 110105********002X");
            }
        });
    }
}
