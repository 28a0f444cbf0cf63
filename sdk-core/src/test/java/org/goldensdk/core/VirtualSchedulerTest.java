package org.goldensdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    private final VirtualScheduler scheduler = VirtualScheduler.startingAt(Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    void runsDueTasksInTimeOrderWithTheClockAtTheirDueTime() {
        List<String> ran = new ArrayList<>();
        scheduler.schedule(Duration.ofSeconds(3), () -> ran.add("c@" + scheduler.clock().instant()));
        scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("a@" + scheduler.clock().instant()));
        scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("b@" + scheduler.clock().instant()));
        scheduler.schedule(Duration.ofSeconds(10), () -> ran.add("late"));

        scheduler.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("a@2030-01-01T00:00:01Z", "b@2030-01-01T00:00:01Z", "c@2030-01-01T00:00:03Z");
        assertThat(scheduler.now()).isEqualTo(Instant.parse("2030-01-01T00:00:05Z"));
        assertThat(scheduler.pendingTasks()).isEqualTo(1);
    }

    @Test
    void runsTasksScheduledByTasksWhenTheyFallInsideTheWindow() {
        List<Instant> ran = new ArrayList<>();
        scheduler.schedule(Duration.ofSeconds(1), () -> scheduler.schedule(Duration.ofSeconds(1),
                () -> ran.add(scheduler.now())));

        scheduler.advance(Duration.ofSeconds(2));

        assertThat(ran).containsExactly(Instant.parse("2030-01-01T00:00:02Z"));
    }

    @Test
    void aCancelledTaskNeverRuns() {
        List<String> ran = new ArrayList<>();
        Scheduler.Cancellable handle = scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("x"));

        assertThat(handle.cancel()).isTrue();
        assertThat(handle.cancel()).isFalse();
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(ran).isEmpty();
    }

    @Test
    void sleepAdvancesTimeRunsDueTasksAndIsRecorded() {
        List<String> ran = new ArrayList<>();
        scheduler.schedule(Duration.ofMillis(1500), () -> ran.add("due"));

        scheduler.sleep(Duration.ofSeconds(1));
        scheduler.sleep(Duration.ofSeconds(1));

        assertThat(ran).containsExactly("due");
        assertThat(scheduler.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(scheduler.now()).isEqualTo(Instant.parse("2030-01-01T00:00:02Z"));
    }

    @Test
    void timeNeverGoesBackWhenATaskSleepsPastTheWindow() {
        VirtualScheduler scheduler = VirtualScheduler.create();
        Instant start = scheduler.clock().instant();
        scheduler.schedule(Duration.ofSeconds(1), () -> scheduler.sleep(Duration.ofSeconds(30)));

        scheduler.advance(Duration.ofSeconds(5));

        assertThat(scheduler.clock().instant()).isEqualTo(start.plusSeconds(31));
    }

    @Test
    void refusesNegativeDelaysAndSchedulingAfterClose() {
        assertThatThrownBy(() -> scheduler.schedule(Duration.ofSeconds(-1), () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        scheduler.close();
        assertThatThrownBy(() -> scheduler.schedule(Duration.ZERO, () -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSystemSchedulerRunsATaskOnItsDaemonThread() throws Exception {
        try (Scheduler system = Scheduler.system()) {
            java.util.concurrent.CompletableFuture<Boolean> daemon = new java.util.concurrent.CompletableFuture<>();
            system.schedule(Duration.ZERO, () -> daemon.complete(Thread.currentThread().isDaemon()));
            assertThat(daemon.get(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }
}
