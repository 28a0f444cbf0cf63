package org.goldensdk.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Response;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.exchange.Transport;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.TestUser;
import org.goldensdk.testkit.TestDepartment;

/**
 * The demo's scenario across the Wuhan departments, run against a sandbox: the examples one after
 * the other — tax → customs datasets (one processed, one rejected), an official document with its
 * PDF, a parallel approval of a licence application by three departments (each answers pending,
 * then decides; fire safety rejects it), one message the hub refuses because the platform grants no
 * such right, customs' query to tax, a civil servant and a citizen signing in to a web application
 * by single sign-on, and agriculture publishing on the portal. Prints a readable summary as it goes.
 */
public final class DemoScenario {

    /** One message of the scenario and what became of it. */
    public record Exchange(TestDepartment from, TestDepartment to, ServiceId service, String what, ReceiptLog.Trace trace) {
    }

    private DemoScenario() {
    }

    /** Runs the scenario, printing to {@code out}; stores live under {@code work}. Returns every exchange in order. */
    public static List<Exchange> run(Sandbox sandbox, Path work, PrintWriter out) throws InterruptedException {
        long start = System.nanoTime();
        out.println("Golden SDK demo — Wuhan departments exchanging signed data through the sandbox hub");
        out.println("hub: " + sandbox.hubUri() + " (REST API under " + Sandbox.HUB_BASE_PATH + "/, mutual TLS; party "
                + sandbox.hubParty() + ")");
        out.println("every message is signed SM2/SM3 by its sender; every receipt below was verified: signature,"
                + " certificate chain to the platform CA, issuer");
        out.flush();
        List<Exchange> exchanges = new ArrayList<>();

        TaxToCustomsDelivery.Result datasets = TaxToCustomsDelivery.run(sandbox, work.resolve("datasets"));
        print(out, exchanges, new Exchange(TestDepartment.TAX, TestDepartment.CUSTOMS, AccessRight.TAX_COMPANY_STATUS,
                "company status of 91420100MA4K00002Y: active (JSON dataset)", datasets.traces().get(0)));
        print(out, exchanges, new Exchange(TestDepartment.TAX, TestDepartment.CUSTOMS, AccessRight.TAX_COMPANY_STATUS,
                "company status of 91420100MA4K00002Y: deregistered", datasets.traces().get(1)));

        OfficialDocumentExample.Result document = OfficialDocumentExample.run(sandbox, work.resolve("document"));
        print(out, exchanges, new Exchange(TestDepartment.AGRICULTURE, TestDepartment.SERVICE_CENTRE,
                OfficialDocumentExample.OFFICIAL_DOCUMENT, "公文 武农发〔2026〕3号 with its PDF ("
                        + document.filed().get(0).attachmentSize() + " bytes)", document.trace()));

        ParallelApproval.Result approval = ParallelApproval.run(sandbox, work.resolve("licence"), Duration.ofMinutes(2));
        approval.answers().forEach((approver, trace) -> print(out, exchanges, new Exchange(TestDepartment.SERVICE_CENTRE,
                approver, AccessRight.BUSINESS_LICENCE_APPROVAL, "business-licence application of 91420100MA4K00002Y"
                        + " (并联审批: pending, then decided)", trace)));
        out.printf("   parallel approval verdict: %s%n", approval.verdict());

        print(out, exchanges, new Exchange(TestDepartment.AUDIT, TestDepartment.CUSTOMS, AccessRight.TAX_COMPANY_STATUS,
                "a company status from audit, which the platform does not allow", refused(sandbox, work.resolve("refused"))));

        CustomsTaxQuery.Result query = CustomsTaxQuery.run(sandbox, work.resolve("query"), Transport.SOAP);
        out.printf("%nquery %s → %s  %s (request/response over SOAP, answer signed by the provider and bound to the question)%n",
                TestDepartment.CUSTOMS.organisation(), TestDepartment.TAX.organisation(), AccessRight.CUSTOMS_DECLARATION_CHECK);
        for (Response<CustomsTaxQuery.TaxStanding> answer : List.of(query.known(), query.unknown())) {
            out.printf("   %s: %s, arrears %d yuan — answer %s signed by %s%n", answer.body().creditCode(), answer.body().status(),
                    answer.body().arrearsYuan(), answer.header().messageId(), answer.header().sender());
        }

        out.printf("%nsingle sign-on: customs' web application behind SsoFilter, identity provider %s%n", sandbox.issuer());
        try (SingleSignOnWebApp app = SingleSignOnWebApp.start(sandbox)) {
            for (TestUser user : List.of(TestUser.CIVIL_SERVANT, TestUser.CITIZEN)) {
                out.printf("   %s → %s%n", user.username(), app.visitAs(user).body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the single sign-on web application could not be visited", e);
        }

        AgriculturePortal.Result portal = AgriculturePortal.run(sandbox, "关于做好" + LocalDate.now().getYear() + "年春耕备耕工作的通知");
        out.printf("%nportal: %s published a notice, a service guide and a reply%n", TestDepartment.AGRICULTURE.organisation());
        out.printf("   notice  %s  索引号 %s  %s%n", portal.notice().title(), portal.notice().indexNumber(), portal.noticePage());
        out.printf("   guide   %s  %s%n", portal.guide().content().title(), portal.guidePage());
        out.printf("   reply   %s%n", portal.letterPage());
        out.printf("   the portal: %s%n", sandbox.portalPagesUri());

        long receipts = exchanges.stream().mapToLong(e -> e.trace().receipts().size()).sum();
        long refusals = exchanges.stream().filter(e -> e.trace().deadLetter().isPresent()
                || e.trace().finalState().filter(s -> s == org.goldensdk.exchange.ReceiptState.REJECTED).isPresent()).count();
        out.printf("%n%d messages, %d verified receipts, %d refusals, in %.1f s%n", exchanges.size(), receipts, refusals,
                (System.nanoTime() - start) / 1e9);
        out.flush();
        return exchanges;
    }

    /** Audit has no right to send customs a company status: the hub refuses it, and the client makes it a dead letter. */
    private static ReceiptLog.Trace refused(Sandbox sandbox, Path store) throws InterruptedException {
        ReceiptLog receipts = new ReceiptLog();
        try (ExchangeClient audit = SandboxDepartments.client(sandbox, TestDepartment.AUDIT, store, null, receipts)) {
            long sentAt = System.nanoTime();
            MessageId id = audit.send(Message.to(TestDepartment.CUSTOMS.partyId()).service(AccessRight.TAX_COMPANY_STATUS)
                    .bytes("application/json", "{\"creditCode\":\"91420100MA4K00002Y\"}".getBytes(StandardCharsets.UTF_8))
                    .build());
            return receipts.awaitOutcome(id, sentAt, Duration.ofSeconds(30));
        }
    }

    private static void print(PrintWriter out, List<Exchange> exchanges, Exchange exchange) {
        exchanges.add(exchange);
        out.printf("%n%d. %s → %s  %s%n   %s%n   message %s%n", exchanges.size(), exchange.from().organisation(),
                exchange.to().organisation(), exchange.service(), exchange.what(), exchange.trace().messageId());
        exchange.trace().receipts().forEach(receipt -> out.println("     " + receipt));
        exchange.trace().deadLetter().ifPresent(dead -> out.println("     refused by the hub: " + dead.errorCode() + " — "
                + dead.errorMessage()));
        out.flush();
    }
}
