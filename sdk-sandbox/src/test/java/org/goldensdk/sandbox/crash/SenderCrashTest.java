package org.goldensdk.sandbox.crash;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 6, crash test, sender side: the sender (a forked JVM) is killed with SIGKILL at
 * {@value CrashRun#KILLS} seeded points while it sends, and restarted on the same outbox each time;
 * every restart sends again from index 0 with the same ids (an idempotent resend for what is already
 * stored). The receiver runs throughout. In the end every message the sender logged — only after
 * {@code send} returned — is handled exactly once, and nothing else is.
 */
class SenderCrashTest {
    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @EnumSource(CrashStore.Kind.class)
    void everyMessageASenderLoggedIsHandledOnceThoughTheSenderIsKilledTenTimes(CrashStore.Kind store) throws Exception {
        try (CrashRun run = CrashRun.start("sender crash run", store, directory)) {
            int[] killAt = run.killPoints(1, run.messages() - 2);
            run.startReceiver(0);
            for (int incarnation = 0; incarnation <= CrashRun.KILLS; incarnation++) {
                ChildJvm sender = run.startSender(incarnation);
                if (incarnation < CrashRun.KILLS) {
                    int point = killAt[incarnation];
                    run.awaitUntil(sender + " logs SENT " + point, CrashRun.PROGRESS_GUARD, () -> run.lastSent(sender) >= point);
                    run.kill(sender);
                    run.lapseClaimsOfKilledSender();
                } else {
                    run.awaitUntil(sender + " logs ALL_SENT", CrashRun.PROGRESS_GUARD, () -> run.saw(sender, "ALL_SENT"));
                }
            }
            run.awaitDelivery();
            run.stopChildren();
            run.assertEveryLoggedMessageHandledExactlyOnce();
        }
    }
}
