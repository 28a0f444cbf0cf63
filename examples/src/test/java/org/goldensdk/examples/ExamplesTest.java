package org.goldensdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every example runs here against the shared in-process sandbox, so none can rot. */
@ExtendWith(SandboxExtension.class)
class ExamplesTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void taxDeliversCustomsADatasetAndGetsEveryReceiptOrTheRejection(Sandbox sandbox) {
        TaxToCustomsDelivery.Result result = assertTimeoutPreemptively(HANG_GUARD, () -> TaxToCustomsDelivery.run(sandbox, work));

        assertThat(result.received()).singleElement().extracting(TaxToCustomsDelivery.CompanyStatus::status).isEqualTo("active");
        assertThat(result.traces().get(0).receipts()).extracting(ReceiptLog.TimedReceipt::state)
                .containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED, ReceiptState.PROCESSED);
        assertThat(result.traces().get(0).receipts().get(0).issuer()).isEqualTo(sandbox.hubParty().toString());
        assertThat(result.traces().get(0).receipts().get(2).issuer()).isEqualTo(TestDepartment.CUSTOMS.partyId().toString());
        assertThat(result.traces().get(1).finalState()).contains(ReceiptState.REJECTED);
        assertThat(result.traces().get(1).receipts().get(2).reason()).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("E_COMPANY_DEREGISTERED"));
    }

    @Test
    void anOfficialDocumentArrivesWithItsPdfAndIsProcessed(Sandbox sandbox) {
        OfficialDocumentExample.Result result = assertTimeoutPreemptively(HANG_GUARD,
                () -> OfficialDocumentExample.run(sandbox, work));

        assertThat(result.filed()).as(result.trace().toString()).singleElement().satisfies(filed -> {
            assertThat(filed.record().documentNumber()).isEqualTo("武农发〔2026〕3号");
            assertThat(filed.attachmentName()).isEqualTo("wunongfa-2026-3.pdf");
            assertThat(filed.attachmentType()).isEqualTo("application/pdf");
            assertThat(filed.magic()).isEqualTo("%PDF-");
        });
        assertThat(result.trace().receipts()).extracting(ReceiptLog.TimedReceipt::state)
                .containsExactly(ReceiptState.ACCEPTED, ReceiptState.DELIVERED, ReceiptState.PROCESSED);
    }

    @Test
    void aLicenceApplicationReachesThreeDepartmentsAndFireSafetyRejectsIt(Sandbox sandbox) {
        Map<TestDepartment, ReceiptLog.Trace> answers = assertTimeoutPreemptively(HANG_GUARD,
                () -> LicenceApplicationFanOut.run(sandbox, work));

        assertThat(answers.get(TestDepartment.MARKET_REGULATION).finalState()).contains(ReceiptState.PROCESSED);
        assertThat(answers.get(TestDepartment.TAX).finalState()).contains(ReceiptState.PROCESSED);
        assertThat(answers.get(TestDepartment.FIRE).finalState()).contains(ReceiptState.REJECTED);
        assertThat(answers.get(TestDepartment.FIRE).receipts().get(2).reason())
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("E_FIRE_INSPECTION_REQUIRED"));
    }
}
