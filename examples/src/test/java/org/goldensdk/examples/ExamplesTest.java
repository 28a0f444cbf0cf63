package org.goldensdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.goldensdk.portal.ArticleState;
import org.goldensdk.portal.LetterState;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.Transport;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.sandbox.TestUser;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
    void parallelApprovalCollectsPendingAnswersThenDecisionsAndFireSafetysRejectionDecides(Sandbox sandbox) {
        ParallelApproval.Result result = assertTimeoutPreemptively(HANG_GUARD,
                () -> ParallelApproval.run(sandbox, work, Duration.ofMinutes(2)));

        assertThat(result.verdict()).isEqualTo(ParallelApproval.Verdict.REJECTED);
        assertThat(result.answers()).containsOnlyKeys(ParallelApproval.APPROVERS);
        result.answers().forEach((approver, trace) -> {
            assertThat(trace.receipts()).as(approver.name()).extracting(ReceiptLog.TimedReceipt::state)
                    .startsWith(ReceiptState.ACCEPTED, ReceiptState.DELIVERED).hasSize(3);
            assertThat(trace.receipts().get(2).issuer()).isEqualTo(approver.partyId().toString());
        });
        assertThat(result.answers().get(TestDepartment.MARKET_REGULATION).finalState()).contains(ReceiptState.PROCESSED);
        assertThat(result.answers().get(TestDepartment.TAX).finalState()).contains(ReceiptState.PROCESSED);
        assertThat(result.answers().get(TestDepartment.FIRE).receipts().get(2).reason())
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("E_FIRE_INSPECTION_REQUIRED"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void customsAsksTaxAndGetsASignedAnswerBoundToItsQuestionOverEitherTransport(Transport transport, Sandbox sandbox) {
        CustomsTaxQuery.Result result = assertTimeoutPreemptively(HANG_GUARD,
                () -> CustomsTaxQuery.run(sandbox, work.resolve(transport.name()), transport));

        assertThat(result.known().body()).isEqualTo(new CustomsTaxQuery.TaxStanding("91420100MA4K00002Y", "good", 0));
        assertThat(result.known().header().sender()).isEqualTo(TestDepartment.TAX.partyId());
        assertThat(result.known().header().receiver()).isEqualTo(TestDepartment.CUSTOMS.partyId());
        assertThat(result.known().header().replyTo()).isPresent();
        assertThat(result.unknown().body().status()).isEqualTo("unknown");
    }

    @Test
    void aCivilServantAndACitizenSignInToTheWebAppThroughTheSandboxProvider(Sandbox sandbox) throws Exception {
        try (SingleSignOnWebApp app = SingleSignOnWebApp.start(sandbox)) {
            SingleSignOnWebApp.Visit officer = assertTimeoutPreemptively(HANG_GUARD, () -> app.visitAs(TestUser.CIVIL_SERVANT));
            SingleSignOnWebApp.Visit citizen = assertTimeoutPreemptively(HANG_GUARD, () -> app.visitAs(TestUser.CITIZEN));

            assertThat(officer.status()).as(officer.body()).isEqualTo(200);
            assertThat(officer.finalUri()).isEqualTo(URI.create(app.uri() + SingleSignOnWebApp.PAGE));
            assertThat(officer.body()).isEqualTo("signed in: 陈明 (CIVIL_SERVANT, agency 11420100MB00000196), assurance PASSWORD");
            assertThat(citizen.body()).isEqualTo("signed in: 李秀英 (NATURAL_PERSON, 110105********002X), assurance PASSWORD")
                    .doesNotContain("11010519491231002X");
        }
    }

    @Test
    void aVisitorWithoutASessionIsSentToTheProviderAndAWrongPasswordDoesNotGetIn(Sandbox sandbox) throws Exception {
        try (SingleSignOnWebApp app = SingleSignOnWebApp.start(sandbox)) {
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(app.uri() + SingleSignOnWebApp.PAGE)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(302);
            assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).startsWith(sandbox.issuer() + "/authorize?"));
        }
    }

    @Test
    void agriculturePublishesANoticeAndAGuideAndRepliesToALetterOnThePortal(Sandbox sandbox) throws Exception {
        String title = "关于做好春耕备耕工作的通知 " + UUID.randomUUID().toString().substring(0, 8);
        AgriculturePortal.Result result = assertTimeoutPreemptively(HANG_GUARD, () -> AgriculturePortal.run(sandbox, title));

        assertThat(result.notice().state()).isEqualTo(ArticleState.PUBLISHED);
        assertThat(result.notice().indexNumber().toString())       // 索引号: the agency's organisation code / year-serial
                .startsWith(TestDepartment.AGRICULTURE.creditCode().organizationCodePart() + "/");
        assertThat(result.reply().state()).isEqualTo(LetterState.REPLIED);
        HttpClient citizen = HttpClient.newHttpClient();
        assertThat(citizen.send(HttpRequest.newBuilder(result.noticePage()).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains(title, result.notice().indexNumber().toString());
        assertThat(citizen.send(HttpRequest.newBuilder(result.guidePage()).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("农机购置补贴申请", "20个工作日");
        assertThat(citizen.send(HttpRequest.newBuilder(result.letterPage()).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("补贴将于本月底前发放").doesNotContain("13812345678");
    }
}
