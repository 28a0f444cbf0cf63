package org.goldensdk.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;

/**
 * Parallel approval (并联审批): the administrative service centre sends one business-licence
 * application to market regulation, tax and fire safety at once — one signed message each, in one
 * conversation. Each department's handler only files the application and answers
 * {@link Outcome#pending()} (the centre sees DELIVERED: "received, under review"); later an officer
 * decides and the department calls {@link ExchangeEndpoint#complete} — PROCESSED (approved) or
 * REJECTED with a reason — which reaches the centre as a signed receipt. The centre aggregates the
 * answers against its deadline: approved only if every department approved, rejected if any
 * rejected, overdue if a department has not decided by then.
 *
 * <p>Run it alone: {@code java -cp examples/target/golden-demo.jar org.goldensdk.examples.ParallelApproval}.
 */
public final class ParallelApproval {

    /** The departments that must approve a business licence. */
    public static final List<TestDepartment> APPROVERS = List.of(TestDepartment.MARKET_REGULATION, TestDepartment.TAX,
            TestDepartment.FIRE);

    /** The application as the service centre forwards it. */
    public record Application(String applicant, String creditCode, String business, String address, boolean fireInspected) {
    }

    /** The aggregated answer of the approving departments. */
    public enum Verdict {
        /** Some department has not decided and the deadline has not passed: keep waiting. */
        PENDING,
        /** Every department approved: the licence is issued. */
        APPROVED,
        /** At least one department rejected: the licence is refused, with its reasons. */
        REJECTED,
        /** The deadline passed with a department undecided (and none rejected): escalate. */
        OVERDUE
    }

    /** What the centre ends with: the verdict and each department's receipts, in {@link #APPROVERS} order. */
    public record Result(Verdict verdict, Map<TestDepartment, ReceiptLog.Trace> answers) {
    }

    private ParallelApproval() {
    }

    /** Starts a sandbox, runs the example, prints the verdict and each department's answer. */
    public static void main(String[] args) throws Exception {
        try (Sandbox sandbox = Sandbox.builder().defaultRights().start()) {
            Result result = run(sandbox, Files.createTempDirectory("golden-example"), Duration.ofMinutes(1));
            System.out.println(result.verdict());
            result.answers().forEach((department, trace) -> System.out.println(department + ": " + trace.receipts()));
        }
    }

    /**
     * Sends the application to the three departments, lets each answer pending and then decide
     * (market regulation and tax approve; fire safety rejects: a restaurant needs a fire inspection
     * first), and aggregates the answers against a deadline {@code deadline} from now.
     */
    public static Result run(Sandbox sandbox, Path work, Duration deadline) throws InterruptedException {
        Instant due = Instant.now().plus(deadline);     // in real life: the statutory time limit, e.g. 5 working days
        Map<TestDepartment, BlockingQueue<Filed>> desks = new LinkedHashMap<>();
        List<ExchangeEndpoint> endpoints = new ArrayList<>();
        ReceiptLog receipts = new ReceiptLog();
        try (ExchangeClient centre = SandboxDepartments.client(sandbox, TestDepartment.SERVICE_CENTRE, work.resolve("centre"), null,
                receipts)) {
            for (TestDepartment approver : APPROVERS) {
                BlockingQueue<Filed> desk = new LinkedBlockingQueue<>();
                desks.put(approver, desk);
                endpoints.add(SandboxDepartments.endpoint(sandbox, approver, work.resolve(approver.systemCode()), null,
                        Map.of(AccessRight.BUSINESS_LICENCE_APPROVAL, (message, context) -> {
                            // file it for an officer; the centre gets DELIVERED now, the decision later
                            desk.add(new Filed(message.messageId(), message.json(Application.class)));
                            return Outcome.pending();
                        })));
            }
            Application application = new Application("武汉光谷示例科技有限公司", "91420100MA4K00002Y", "餐饮服务",
                    "武汉市洪山区珞喻路1号", false);
            MessageId conversation = MessageId.generate();      // ties the three messages together for audit
            Map<MessageId, Long> sentAt = new LinkedHashMap<>();
            Map<TestDepartment, MessageId> ids = new LinkedHashMap<>();
            for (TestDepartment approver : APPROVERS) {
                long now = System.nanoTime();
                MessageId id = centre.send(Message.to(approver.partyId())
                        .service(AccessRight.BUSINESS_LICENCE_APPROVAL)
                        .json(application)
                        .conversation(conversation)
                        .actingFor("case 2026-HS-000123")        // the case the exchange serves, signed for the audit trail
                        .expiresIn(deadline)                      // no department should receive it after the deadline
                        .build());
                ids.put(approver, id);
                sentAt.put(id, now);
            }
            // every department has it and answered pending: the centre holds three DELIVERED receipts
            receipts.awaitOutcomes(sentAt, trace -> trace.finalState().isPresent()
                    && trace.finalState().get().compareTo(ReceiptState.DELIVERED) >= 0, Duration.ofSeconds(30));
            for (int i = 0; i < APPROVERS.size(); i++) {
                TestDepartment approver = APPROVERS.get(i);
                Filed filed = desks.get(approver).poll(30, TimeUnit.SECONDS);
                if (filed == null) {
                    throw new IllegalStateException(approver + " never received the application");
                }
                // the officer's decision, signed into a receipt and sent to the hub by the endpoint
                endpoints.get(i).complete(filed.messageId(), decide(approver, filed.application()));
            }
            Map<MessageId, ReceiptLog.Trace> traces = receipts.awaitOutcomes(sentAt, ReceiptLog.Trace::isDecided,
                    Duration.between(Instant.now(), due));
            Map<TestDepartment, ReceiptLog.Trace> answers = new LinkedHashMap<>();
            ids.forEach((approver, id) -> answers.put(approver, traces.get(id)));
            return new Result(aggregate(answers, due, Clock.systemUTC()), answers);
        } finally {
            endpoints.forEach(ExchangeEndpoint::close);
        }
    }

    /**
     * The centre's rule: REJECTED if any department rejected once all decided or the deadline
     * passed, APPROVED if all approved, OVERDUE if the deadline passed with one undecided (and no
     * rejection), PENDING otherwise. A dead letter (the hub refused the message) counts as undecided.
     */
    public static Verdict aggregate(Map<TestDepartment, ReceiptLog.Trace> answers, Instant deadline, Clock clock) {
        boolean allDecided = answers.values().stream().allMatch(t -> t.finalState().filter(ReceiptState::isFinal).isPresent());
        boolean overdue = !clock.instant().isBefore(deadline);
        if (!allDecided && !overdue) {
            return Verdict.PENDING;
        }
        if (answers.values().stream().anyMatch(t -> t.finalState().filter(ReceiptState.REJECTED::equals).isPresent())) {
            return Verdict.REJECTED;
        }
        return allDecided ? Verdict.APPROVED : Verdict.OVERDUE;
    }

    /** An application on a department's desk, waiting for its officer. */
    private record Filed(MessageId messageId, Application application) {
    }

    /** Each department's rule, kept trivial: fire safety needs an inspection first. */
    private static Outcome decide(TestDepartment approver, Application application) {
        if (approver == TestDepartment.FIRE && !application.fireInspected()) {
            return Outcome.rejected("E_FIRE_INSPECTION_REQUIRED", "a restaurant needs a fire safety inspection before licensing");
        }
        return Outcome.processed();
    }
}
