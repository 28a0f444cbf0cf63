package org.goldensdk.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;

/**
 * The administrative service centre forwards one business-licence application to market
 * regulation, tax and fire safety — one signed message each, in one conversation — and collects
 * each department's answer from its receipt: market regulation and tax process it, fire safety
 * rejects it (no fire inspection yet). Each department answers at once here; real parallel approval
 * (并联审批), where a department answers <em>pending</em> and decides days later against a deadline,
 * needs pending outcomes, which the SDK does not have yet.
 *
 * <p>Run it alone: {@code java -cp examples/target/golden-demo.jar org.goldensdk.examples.LicenceApplicationFanOut}.
 */
public final class LicenceApplicationFanOut {

    /** The application as the service centre forwards it. */
    public record Application(String applicant, String creditCode, String business, String address, boolean fireInspected) {
    }

    private LicenceApplicationFanOut() {
    }

    /** Starts a sandbox, runs the example, prints each department's answer. */
    public static void main(String[] args) throws Exception {
        try (Sandbox sandbox = Sandbox.builder().defaultRights().start()) {
            run(sandbox, Files.createTempDirectory("golden-example"))
                    .forEach((department, trace) -> System.out.println(department + ": " + trace.receipts()));
        }
    }

    /** Forwards the application to the three departments; returns each one's receipts, in that order. */
    public static Map<TestDepartment, ReceiptLog.Trace> run(Sandbox sandbox, Path work) throws InterruptedException {
        List<TestDepartment> approvers = List.of(TestDepartment.MARKET_REGULATION, TestDepartment.TAX, TestDepartment.FIRE);
        List<ExchangeEndpoint> endpoints = new ArrayList<>();
        ReceiptLog receipts = new ReceiptLog();
        try (ExchangeClient centre = SandboxDepartments.client(sandbox, TestDepartment.SERVICE_CENTRE, work.resolve("centre"), null,
                receipts)) {
            for (TestDepartment approver : approvers) {
                endpoints.add(SandboxDepartments.endpoint(sandbox, approver, work.resolve(approver.systemCode()), null,
                        Map.of(AccessRight.BUSINESS_LICENCE_APPROVAL, (message, context) -> decide(approver,
                                message.json(Application.class)))));
            }
            Application application = new Application("武汉光谷示例科技有限公司", "91420100MA4K00002Y", "餐饮服务",
                    "武汉市洪山区珞喻路1号", false);
            MessageId conversation = MessageId.generate();      // ties the three messages together for audit
            Map<TestDepartment, Long> sentAt = new LinkedHashMap<>();
            Map<TestDepartment, MessageId> ids = new LinkedHashMap<>();
            for (TestDepartment approver : approvers) {
                sentAt.put(approver, System.nanoTime());
                ids.put(approver, centre.send(Message.to(approver.partyId())
                        .service(AccessRight.BUSINESS_LICENCE_APPROVAL)
                        .json(application)
                        .conversation(conversation)
                        .actingFor("case 2026-HS-000123")        // the case the exchange serves, signed for the audit trail
                        .build()));
            }
            Map<TestDepartment, ReceiptLog.Trace> answers = new LinkedHashMap<>();
            for (TestDepartment approver : approvers) {
                answers.put(approver, receipts.awaitOutcome(ids.get(approver), sentAt.get(approver), Duration.ofSeconds(30)));
            }
            return answers;
        } finally {
            endpoints.forEach(ExchangeEndpoint::close);
        }
    }

    /** Each department's rule, kept trivial: fire safety needs an inspection first. */
    private static Outcome decide(TestDepartment approver, Application application) {
        if (approver == TestDepartment.FIRE && !application.fireInspected()) {
            return Outcome.rejected("E_FIRE_INSPECTION_REQUIRED", "a restaurant needs a fire safety inspection before licensing");
        }
        return Outcome.processed();
    }
}
