package org.goldensdk.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.exchange.Classification;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;

/**
 * 税务 → 海关: the Wuhan tax bureau delivers a dataset — a company's tax status — to Wuhan customs
 * over REST, and follows its signed receipts: ACCEPTED (the hub stored it), DELIVERED (customs has
 * it), then PROCESSED (customs' handler took it) or REJECTED with customs' reason code.
 *
 * <p>Run it alone: {@code java -cp examples/target/golden-demo.jar org.goldensdk.examples.TaxToCustomsDelivery}.
 */
public final class TaxToCustomsDelivery {

    /** The dataset: one company's status as the tax bureau knows it. */
    public record CompanyStatus(String creditCode, String name, String status) {
    }

    /** What the example did: what customs received, and the receipts tax got for each message. */
    public record Result(List<CompanyStatus> received, List<ReceiptLog.Trace> traces) {
    }

    private TaxToCustomsDelivery() {
    }

    /** Starts a sandbox, runs the example, prints the receipts. */
    public static void main(String[] args) throws Exception {
        try (Sandbox sandbox = Sandbox.builder().defaultRights().start()) {
            Result result = run(sandbox, Files.createTempDirectory("golden-example"));
            result.traces().forEach(trace -> trace.receipts().forEach(System.out::println));
        }
    }

    /**
     * Tax sends customs the status of an active company (PROCESSED) and of a deregistered one, which
     * customs refuses to record (REJECTED, {@code E_COMPANY_DEREGISTERED}). Stores live under {@code work}.
     */
    public static Result run(Sandbox sandbox, Path work) throws InterruptedException {
        List<CompanyStatus> received = new CopyOnWriteArrayList<>();
        ReceiptLog receipts = new ReceiptLog();
        try (ExchangeEndpoint customs = SandboxDepartments.endpoint(sandbox, TestDepartment.CUSTOMS, work.resolve("customs"), null,
                Map.of(AccessRight.TAX_COMPANY_STATUS, (message, context) -> {
                    // called once per message (the inbox deduplicates), after the signature and digests verified
                    CompanyStatus status = message.json(CompanyStatus.class);
                    if ("deregistered".equals(status.status())) {
                        // a business refusal: signed into a REJECTED receipt; throwing instead would mean "try again later"
                        return Outcome.rejected("E_COMPANY_DEREGISTERED", status.creditCode() + " is deregistered; no declarations");
                    }
                    received.add(status);
                    return Outcome.processed();
                }));
                ExchangeClient tax = SandboxDepartments.client(sandbox, TestDepartment.TAX, work.resolve("tax"), null, receipts)) {
            List<ReceiptLog.Trace> traces = new java.util.ArrayList<>();
            for (CompanyStatus status : List.of(new CompanyStatus("91420100MA4K00002Y", "武汉光谷示例科技有限公司", "active"),
                    new CompanyStatus("91420100MA4K00002Y", "武汉光谷示例科技有限公司", "deregistered"))) {
                long sentAt = System.nanoTime();
                MessageId id = tax.send(Message.to(TestDepartment.CUSTOMS.partyId())
                        .service(AccessRight.TAX_COMPANY_STATUS)        // the platform must allow tax → customs for it
                        .json(status)                                   // JSON payload, digested and signed (SM2/SM3)
                        .classification(Classification.INTERNAL)
                        .expiresIn(Duration.ofHours(24))
                        .build());                                      // returns once durable in the outbox
                traces.add(receipts.awaitOutcome(id, sentAt, Duration.ofSeconds(30)));
            }
            return new Result(List.copyOf(received), traces);
        }
    }
}
