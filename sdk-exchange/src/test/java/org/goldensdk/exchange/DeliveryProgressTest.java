package org.goldensdk.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.goldensdk.exchange.ReceiptState.ACCEPTED;
import static org.goldensdk.exchange.ReceiptState.DELIVERED;
import static org.goldensdk.exchange.ReceiptState.PROCESSED;
import static org.goldensdk.exchange.ReceiptState.REJECTED;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.goldensdk.core.ConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeliveryProgressTest {

    @Test
    void progressesThroughTheStatesInOrder() {
        DeliveryProgress progress = DeliveryProgress.none().advance(ACCEPTED).advance(DELIVERED).advance(PROCESSED);

        assertThat(progress.state()).contains(PROCESSED);
        assertThat(DeliveryProgress.none().state()).isEmpty();
    }

    @Test
    void anOlderOrRepeatedStateLeavesTheSameInstance() {
        DeliveryProgress processed = DeliveryProgress.at(PROCESSED);

        assertThat(processed.advance(ACCEPTED)).isSameAs(processed);
        assertThat(processed.advance(DELIVERED)).isSameAs(processed);
        assertThat(processed.advance(PROCESSED)).isSameAs(processed);
    }

    @Test
    void anOutcomeBeforeDeliveredIsAConflict() {
        assertThatThrownBy(() -> DeliveryProgress.at(ACCEPTED).advance(PROCESSED)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("PROCESSED cannot precede DELIVERED");
        assertThatThrownBy(() -> DeliveryProgress.none().advance(REJECTED)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("REJECTED cannot precede DELIVERED");
    }

    @Test
    void twoDifferentOutcomesAreAConflict() {
        assertThatThrownBy(() -> DeliveryProgress.at(PROCESSED).advance(REJECTED)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("two different outcomes");
        assertThatThrownBy(() -> DeliveryProgress.at(REJECTED).advance(PROCESSED)).isInstanceOf(ConflictException.class);
    }

    /**
     * The rules of DESIGN §4 written as a relation rather than as ranks: what each state implies
     * was already reached, and which states may follow which.
     */
    private static final class Model {
        private static final Map<ReceiptState, Set<ReceiptState>> IMPLIES = Map.of(
                ACCEPTED, EnumSet.of(ACCEPTED),
                DELIVERED, EnumSet.of(ACCEPTED, DELIVERED),
                PROCESSED, EnumSet.of(ACCEPTED, DELIVERED, PROCESSED),
                REJECTED, EnumSet.of(ACCEPTED, DELIVERED, REJECTED));
        private static final Map<Optional<ReceiptState>, Set<ReceiptState>> MAY_FOLLOW = Map.of(
                Optional.empty(), EnumSet.of(ACCEPTED, DELIVERED),
                Optional.of(ACCEPTED), EnumSet.of(DELIVERED),
                Optional.of(DELIVERED), EnumSet.of(PROCESSED, REJECTED),
                Optional.of(PROCESSED), EnumSet.noneOf(ReceiptState.class),
                Optional.of(REJECTED), EnumSet.noneOf(ReceiptState.class));

        /** The state after {@code next}, or empty for a conflict. */
        static Optional<Optional<ReceiptState>> advance(Optional<ReceiptState> current, ReceiptState next) {
            if (current.isPresent() && IMPLIES.get(current.get()).contains(next)) {
                return Optional.of(current);
            }
            return MAY_FOLLOW.get(current).contains(next) ? Optional.of(Optional.of(next)) : Optional.empty();
        }
    }

    static Stream<Arguments> everyStartAndNextState() {
        List<Arguments> pairs = new ArrayList<>();
        List<Optional<ReceiptState>> starts = new ArrayList<>();
        starts.add(Optional.empty());
        for (ReceiptState state : ReceiptState.values()) {
            starts.add(Optional.of(state));
        }
        for (Optional<ReceiptState> start : starts) {
            for (ReceiptState next : ReceiptState.values()) {
                pairs.add(Arguments.of(start, next));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} then {1}")
    @MethodSource("everyStartAndNextState")
    void everySingleStepFollowsTheModel(Optional<ReceiptState> start, ReceiptState next) {
        DeliveryProgress progress = start.map(DeliveryProgress::at).orElse(DeliveryProgress.none());
        Optional<Optional<ReceiptState>> expected = Model.advance(start, next);

        if (expected.isEmpty()) {
            assertThatThrownBy(() -> progress.advance(next)).isInstanceOf(ConflictException.class);
        } else if (expected.get().equals(start)) {
            assertThat(progress.advance(next)).isSameAs(progress);
        } else {
            assertThat(progress.advance(next).state()).isEqualTo(expected.get());
            assertThat(progress.advance(next)).isEqualTo(DeliveryProgress.at(next));
        }
    }

    /** Every sequence of up to five receipts, in any order and with repeats: 1 + 4 + … + 4^5 sequences. */
    private static List<List<ReceiptState>> everySequenceUpToFiveReceipts() {
        List<List<ReceiptState>> sequences = new ArrayList<>();
        List<List<ReceiptState>> previous = List.of(List.of());
        sequences.addAll(previous);
        for (int length = 1; length <= 5; length++) {
            List<List<ReceiptState>> longer = new ArrayList<>();
            for (List<ReceiptState> prefix : previous) {
                for (ReceiptState next : ReceiptState.values()) {
                    List<ReceiptState> sequence = new ArrayList<>(prefix);
                    sequence.add(next);
                    longer.add(List.copyOf(sequence));
                }
            }
            sequences.addAll(longer);
            previous = longer;
        }
        return sequences;
    }

    @Test
    void everySequenceOfReceiptsFollowsTheModelAndNeverGoesBackwards() {
        List<List<ReceiptState>> sequences = everySequenceUpToFiveReceipts();
        assertThat(sequences).hasSize(1 + 4 + 16 + 64 + 256 + 1024);

        for (List<ReceiptState> sequence : sequences) {
            Optional<ReceiptState> modelled = Optional.empty();
            DeliveryProgress progress = DeliveryProgress.none();
            for (int step = 0; step < sequence.size(); step++) {
                ReceiptState next = sequence.get(step);
                Optional<Optional<ReceiptState>> expected = Model.advance(modelled, next);
                if (expected.isEmpty()) {
                    DeliveryProgress before = progress;
                    assertThatThrownBy(() -> before.advance(next)).as("%s at step %d", sequence, step)
                            .isInstanceOf(ConflictException.class);
                    break;
                }
                DeliveryProgress after = progress.advance(next);
                assertThat(after.state()).as("%s at step %d", sequence, step).isEqualTo(expected.get());
                assertThat(reached(after)).as("%s at step %d never forgets a state", sequence, step)
                        .containsAll(reached(progress));
                if (expected.get().equals(modelled)) {
                    assertThat(after).as("%s at step %d", sequence, step).isSameAs(progress);
                }
                modelled = expected.get();
                progress = after;
            }
        }
    }

    private static Set<ReceiptState> reached(DeliveryProgress progress) {
        return progress.state().map(Model.IMPLIES::get).orElse(Set.of());
    }
}
