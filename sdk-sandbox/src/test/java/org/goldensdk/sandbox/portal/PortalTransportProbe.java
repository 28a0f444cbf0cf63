package org.goldensdk.sandbox.portal;

import java.util.Arrays;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.Compliance;
import org.goldensdk.portal.PortalClient;
import org.goldensdk.portal.Transport;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;

/**
 * A rough comparison of one PortalClient call over REST and over SOAP against a fresh sandbox, for
 * the closing notes — not a test and not a benchmark: per transport, after a warm-up, N sequential
 * {@code get}s and N/5 {@code create}s (client gate, portal gate, one H2 transaction), median and
 * mean in milliseconds. Run after {@code mvn -q -pl sdk-sandbox -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test} from sdk-sandbox:
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test.cp)" org.goldensdk.sandbox.portal.PortalTransportProbe 500}.
 */
public final class PortalTransportProbe {
    private PortalTransportProbe() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        try (Sandbox sandbox = Sandbox.builder().start()) {
            for (int round = 0; round < 2; round++) {
                for (Transport transport : Transport.values()) {
                    try (PortalClient client = PortalFixture.client(sandbox, TestDepartment.AGRICULTURE, Compliance.reject(),
                            transport)) {
                        Article article = client.articles().create(PortalFixture.notice("关于测量调用耗时的通知"));
                        long[] gets = new long[calls];
                        for (int i = 0; i < calls; i++) {
                            long start = System.nanoTime();
                            client.articles().get(article.id());
                            gets[i] = System.nanoTime() - start;
                        }
                        long[] creates = new long[calls / 5];
                        for (int i = 0; i < creates.length; i++) {
                            long start = System.nanoTime();
                            client.articles().create(PortalFixture.notice("关于测量调用耗时的通知"));
                            creates[i] = System.nanoTime() - start;
                        }
                        if (round == 1) {
                            System.out.printf("%-4s get: median %.2f ms, mean %.2f ms; create: median %.2f ms, mean %.2f ms%n",
                                    transport, median(gets), mean(gets), median(creates), mean(creates));
                        }
                    }
                }
            }
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1e6;
    }
}
