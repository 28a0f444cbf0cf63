package org.goldensdk.sandbox.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.goldensdk.core.RetryPolicy;
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
 * A rough throughput loop for the closing notes of the REST exchange, not a test and not a
 * benchmark (those belong in sdk-bench, with baselines run side by side): N messages of 1 KiB from
 * tax to customs through a fresh sandbox, timed from the first send to the last PROCESSED receipt.
 * Run after {@code mvn -q -pl sdk-sandbox -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test} from sdk-sandbox:
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test.cp)" org.goldensdk.sandbox.e2e.ThroughputProbe 500}.
 */
public final class ThroughputProbe {
    private ThroughputProbe() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path stores = Files.createTempDirectory("golden-throughput");
        byte[] kib = new byte[1024];
        java.util.Arrays.fill(kib, (byte) 'x');
        Set<MessageId> processed = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(count);
        try (Sandbox sandbox = Sandbox.builder().allow(new AccessRight(TestDepartment.TAX.partyId(),
                        TestDepartment.CUSTOMS.partyId(), EndToEndFixture.COMPANY_STATUS)).start();
                ExchangeEndpoint customs = ExchangeEndpoint.builder().party(TestDepartment.CUSTOMS.partyId())
                        .credentials(TestDepartment.CUSTOMS.credentials()).trustAnchors(sandbox.trustAnchors())
                        .hubParty(sandbox.hubParty()).storeDirectory(stores.resolve("customs"))
                        .handle(EndToEndFixture.COMPANY_STATUS, (message, context) -> Outcome.processed())
                        .listen("127.0.0.1", 0).build().start()) {
            sandbox.registerEndpoint(TestDepartment.CUSTOMS.partyId(), customs.uri());
            try (ExchangeClient tax = ExchangeClient.builder().hub(sandbox.hubUri()).hubParty(sandbox.hubParty())
                    .party(TestDepartment.TAX.partyId()).credentials(TestDepartment.TAX.credentials())
                    .trustAnchors(sandbox.trustAnchors()).storeDirectory(stores.resolve("tax"))
                    .dispatchInterval(Duration.ofMillis(5)).receiptPollInterval(Duration.ofMillis(20))
                    .retryPolicy(RetryPolicy.builder().maxAttempts(5).initialBackoff(Duration.ofMillis(20)).build())
                    .receiptListener(r -> {
                        if (r.state() == ReceiptState.PROCESSED && processed.add(r.messageId())) {
                            done.countDown();
                        }
                    }).build()) {
                long started = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    tax.send(Message.to(TestDepartment.CUSTOMS.partyId()).service(EndToEndFixture.COMPANY_STATUS)
                            .bytes("application/octet-stream", kib).build());
                }
                long sent = System.nanoTime();
                boolean all = done.await(10, TimeUnit.MINUTES);
                long finished = System.nanoTime();
                System.out.printf("%d messages of 1 KiB: send (durable) %.0f msg/s; end to end (PROCESSED receipt back) %.1f msg/s%s%n",
                        count, count / ((sent - started) / 1e9), processed.size() / ((finished - started) / 1e9),
                        all ? "" : " (incomplete: " + processed.size() + ")");
            }
        }
    }
}
