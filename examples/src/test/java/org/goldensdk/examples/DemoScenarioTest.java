package org.goldensdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The demo's scenario, in-process against the shared sandbox. */
@ExtendWith(SandboxExtension.class)
class DemoScenarioTest {

    @Test
    void theScenarioRunsAcrossTheWuhanDepartmentsAndPrintsWhatHappened(Sandbox sandbox, @TempDir Path work) {
        StringWriter text = new StringWriter();
        List<DemoScenario.Exchange> exchanges = assertTimeoutPreemptively(Duration.ofSeconds(90),
                () -> DemoScenario.run(sandbox, work, new PrintWriter(text)));

        assertThat(exchanges).hasSize(7);
        assertThat(exchanges).filteredOn(e -> e.trace().finalState().equals(java.util.Optional.of(ReceiptState.PROCESSED)))
                .hasSize(4);
        assertThat(exchanges).filteredOn(e -> e.trace().finalState().equals(java.util.Optional.of(ReceiptState.REJECTED)))
                .extracting(DemoScenario.Exchange::to).containsExactly(TestDepartment.CUSTOMS, TestDepartment.FIRE);
        DemoScenario.Exchange refused = exchanges.get(6);
        assertThat(refused.trace().deadLetter()).hasValueSatisfying(dead -> assertThat(dead.errorCode()).isEqualTo("E_ACCESS_DENIED"));
        assertThat(text.toString()).contains("hub: " + sandbox.hubUri(), "国家税务总局武汉市税务局 → 武汉海关",
                "PROCESSED +", "signed by " + sandbox.hubParty(), "refused by the hub: E_ACCESS_DENIED",
                "parallel approval verdict: REJECTED", "91420100MA4K00002Y: good, arrears 0 yuan — answer ",
                "signed by " + TestDepartment.TAX.partyId(), "officer → signed in: 陈明 (CIVIL_SERVANT",
                "assurance PASSWORD", "110105********002X", "索引号 ", "the portal: " + sandbox.portalPagesUri(),
                "7 messages, 18 verified receipts, 3 refusals");
        assertThat(text.toString()).doesNotContain("11010519491231002X");
    }
}
