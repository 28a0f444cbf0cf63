package org.goldensdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;

/** The service centre's aggregation rule of {@link ParallelApproval}, on a fixed clock around the deadline. */
class ParallelApprovalVerdictTest {
    private static final Instant DEADLINE = Instant.parse("2026-03-06T09:00:00Z");
    private static final Clock BEFORE = Clock.fixed(DEADLINE.minusSeconds(1), ZoneOffset.UTC);
    private static final Clock AT = Clock.fixed(DEADLINE, ZoneOffset.UTC);

    @Test
    void allApprovedIsApprovedEvenAfterTheDeadline() {
        Map<TestDepartment, ReceiptLog.Trace> answers = answers(ReceiptState.PROCESSED, ReceiptState.PROCESSED, ReceiptState.PROCESSED);
        assertThat(ParallelApproval.aggregate(answers, DEADLINE, BEFORE)).isEqualTo(ParallelApproval.Verdict.APPROVED);
        assertThat(ParallelApproval.aggregate(answers, DEADLINE, AT)).isEqualTo(ParallelApproval.Verdict.APPROVED);
    }

    @Test
    void oneUndecidedDepartmentKeepsItPendingUntilTheDeadlineThenOverdue() {
        Map<TestDepartment, ReceiptLog.Trace> answers = answers(ReceiptState.PROCESSED, ReceiptState.DELIVERED, ReceiptState.PROCESSED);
        assertThat(ParallelApproval.aggregate(answers, DEADLINE, BEFORE)).isEqualTo(ParallelApproval.Verdict.PENDING);
        assertThat(ParallelApproval.aggregate(answers, DEADLINE, AT)).isEqualTo(ParallelApproval.Verdict.OVERDUE);
    }

    @Test
    void aRejectionDecidesOnceAllAnsweredOrTheDeadlinePassed() {
        assertThat(ParallelApproval.aggregate(answers(ReceiptState.PROCESSED, ReceiptState.PROCESSED, ReceiptState.REJECTED),
                DEADLINE, BEFORE)).isEqualTo(ParallelApproval.Verdict.REJECTED);
        Map<TestDepartment, ReceiptLog.Trace> undecided = answers(ReceiptState.DELIVERED, ReceiptState.ACCEPTED, ReceiptState.REJECTED);
        assertThat(ParallelApproval.aggregate(undecided, DEADLINE, BEFORE)).isEqualTo(ParallelApproval.Verdict.PENDING);
        assertThat(ParallelApproval.aggregate(undecided, DEADLINE, AT)).isEqualTo(ParallelApproval.Verdict.REJECTED);
    }

    /** One trace per approver whose last receipt is the given state. */
    private static Map<TestDepartment, ReceiptLog.Trace> answers(ReceiptState... last) {
        Map<TestDepartment, ReceiptLog.Trace> answers = new LinkedHashMap<>();
        for (int i = 0; i < last.length; i++) {
            TestDepartment approver = ParallelApproval.APPROVERS.get(i);
            answers.put(approver, new ReceiptLog.Trace(MessageId.generate(), List.of(new ReceiptLog.TimedReceipt(last[i],
                    approver.partyId().toString(), Duration.ofMillis(5), Optional.empty())), Optional.empty()));
        }
        return answers;
    }
}
