package org.goldensdk.sandbox.large;

import java.util.List;
import org.goldensdk.sandbox.SandboxMain;
import org.goldensdk.sandbox.crash.CrashChild;

/**
 * The hub of {@link LargeAttachmentThroughHubTest} in a JVM of its own: {@link SandboxMain} (which
 * writes the run's credentials and prints the hub's URI), under a child's guards (it ends when the
 * test closes its stdin or after its hang guard). Arguments: {@code --credentials DIR --database DIR
 * --max-seconds N}.
 */
public final class HubChild {
    private HubChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        CrashChild child = CrashChild.start(args);
        // The heap figures, for the test to show this JVM's limit and what it used while the attachment passed.
        Thread heap = new Thread(() -> {
            while (true) {
                LargeAttachmentChild.logHeap();
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "hub-heap-log");
        heap.setDaemon(true);
        heap.start();
        SandboxMain.main(List.of("--port", "0", "--credentials", child.option("credentials"),
                "--database", child.option("database")).toArray(String[]::new));
    }
}
