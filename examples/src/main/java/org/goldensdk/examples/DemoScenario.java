package org.goldensdk.examples;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;

/**
 * The demo's scenario across the Wuhan departments, run against a sandbox: the examples one after
 * the other — tax → customs datasets (one processed, one rejected), an official document with its
 * PDF, a licence application forwarded to three departments (fire safety rejects it) — and one
 * message the hub refuses because the platform grants no such right. Prints a readable summary as it goes.
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

        Map<TestDepartment, ReceiptLog.Trace> licence = LicenceApplicationFanOut.run(sandbox, work.resolve("licence"));
        licence.forEach((approver, trace) -> print(out, exchanges, new Exchange(TestDepartment.SERVICE_CENTRE, approver,
                AccessRight.BUSINESS_LICENCE_APPROVAL, "business-licence application of 91420100MA4K00002Y", trace)));

        print(out, exchanges, new Exchange(TestDepartment.AUDIT, TestDepartment.CUSTOMS, AccessRight.TAX_COMPANY_STATUS,
                "a company status from audit, which the platform does not allow", refused(sandbox, work.resolve("refused"))));

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
