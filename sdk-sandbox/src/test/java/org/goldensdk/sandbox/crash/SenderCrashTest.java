package org.goldensdk.sandbox.crash;

import java.nio.file.Path;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 6, crash test, sender side: the sender (a forked JVM) is killed with SIGKILL at
 * {@value CrashRun#KILLS} seeded points and restarted on the same outbox each time, resuming after
 * the last index logged ({@link SenderMain} says why). A point below N kills the sender once
 * {@code SENT <point>} is logged (while it sends; right after its start if that index is logged
 * already); a point N + k kills it once k + 1 messages were handled (while its dispatcher delivers). The receiver
 * runs throughout. In the end every message the sender logged — only after {@code send} returned —
 * is handled exactly once, and nothing else is.
 */
class SenderCrashTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @ParameterizedTest(name = "{0}")
    @EnumSource(CrashStore.Kind.class)
    void everyMessageASenderLoggedIsHandledOnceThoughTheSenderIsKilledTenTimes(CrashStore.Kind store) throws Exception {
        try (CrashRun run = CrashRun.start("sender crash run", store, directory)) {
            int messages = run.messages();
            int[] killAt = run.killPoints(1, 2 * messages - 2);
            run.startReceiver(0);
            for (int incarnation = 0; incarnation <= CrashRun.KILLS; incarnation++) {
                ChildJvm sender = run.startSender(incarnation);
                if (incarnation < CrashRun.KILLS) {
                    int point = killAt[incarnation];
                    if (point < messages) {
                        run.awaitUntil("SENT " + point + " logged", CrashRun.PROGRESS_GUARD, () -> run.highestSent() >= point);
                    } else {
                        int handled = point - messages + 1;
                        run.awaitUntil(handled + " messages handled", CrashRun.PROGRESS_GUARD,
                                () -> run.distinctHandled() >= handled);
                    }
                    run.kill(sender);
                } else {
                    run.awaitUntil(sender + " logs ALL_SENT", CrashRun.PROGRESS_GUARD, () -> run.saw(sender, "ALL_SENT"));
                }
            }
            run.finish();
        }
    }
}
