package org.goldensdk.sandbox.crash;

import java.nio.file.Path;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 6, crash test, receiver side: the receiver (a forked JVM whose handler writes a row of its
 * business table in the inbox's transaction, {@link ReceiverMain}) is killed with SIGKILL
 * {@value CrashRun#KILLS} times, at seeded numbers of messages handled, and restarted on the same
 * database each time on a new port it registers with the hub. The sender runs throughout. In the
 * end every message the sender logged is handled exactly once: one row per message id in the
 * business table, none missing, none twice.
 */
class ReceiverCrashTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @ParameterizedTest(name = "{0}")
    @EnumSource(CrashStore.Kind.class)
    void everyMessageIsHandledOnceThoughTheReceiverIsKilledTenTimes(CrashStore.Kind store) throws Exception {
        try (CrashRun run = CrashRun.start("receiver crash run", store, directory)) {
            int[] killAt = run.killPoints(1, run.messages() - 1);
            ChildJvm receiver = run.startReceiver(0);
            ChildJvm sender = run.startSender(0);
            for (int kill = 0; kill < CrashRun.KILLS; kill++) {
                int point = killAt[kill];
                run.awaitUntil(point + " messages handled", CrashRun.PROGRESS_GUARD, () -> run.distinctHandled() >= point);
                run.kill(receiver);
                receiver = run.startReceiver(kill + 1);
            }
            run.awaitUntil(sender + " logs ALL_SENT", CrashRun.PROGRESS_GUARD, () -> run.saw(sender, "ALL_SENT"));
            run.finish();
        }
    }
}
