package org.goldensdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidateCommandTest {

    @Test
    void aValidCitizenIdIsPrintedMaskedWithItsBirthDate() {
        CliRun run = CliRun.of("validate", "citizen-id", "11010519491231002X");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("valid citizen ID 110105********002X", "1949-12-31").doesNotContain("11010519491231002X");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aCitizenIdWithAWrongCheckCharacterExitsOneWithOneLineSayingWhy() {
        CliRun run = CliRun.of("validate", "citizen-id", "110105194912310021");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("check", "E_VALIDATION");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aValidCreditCodeIsExplained() {
        CliRun run = CliRun.of("validate", "credit-code", "11420100MB00000196");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("valid credit code 11420100MB00000196", "government organ", "420100");
    }

    @Test
    void aCreditCodeWithAWrongCheckCharacterExitsOne() {
        CliRun run = CliRun.of("validate", "credit-code", "91420100MA4K00002X");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
    }

    @Test
    void aPartyIsSplitIntoItsParts() {
        CliRun run = CliRun.of("validate", "party", "CN/420100/11420100MB00000196/invoice");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("division 420100", "credit code 11420100MB00000196", "system invoice");
    }

    @Test
    void aMalformedPartyExitsOne() {
        CliRun run = CliRun.of("validate", "party", "CN/420100/invoice");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.oneErrorLine()).as(run.err()).isTrue();
    }

    @Test
    void validateWithoutAKindIsAUsageError() {
        CliRun run = CliRun.of("validate");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("citizen-id", "credit-code", "party");
    }
}
