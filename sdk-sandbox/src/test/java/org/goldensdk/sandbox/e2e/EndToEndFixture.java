package org.goldensdk.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.exchange.Classification;
import org.goldensdk.exchange.DeliveryProgress;
import org.goldensdk.exchange.DeliveryStatus;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Outcome;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.exchange.Transport;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the end-to-end tests share: customs' endpoint and tax's client on the in-process sandbox,
 * each with its own H2 store under the test's temporary directory, closed after each test.
 */
abstract class EndToEndFixture {
    static final ServiceId COMPANY_STATUS = ServiceId.of("tax.company-status", 1);
    static final ServiceId NOT_ALLOWED = ServiceId.of("tax.audit-report", 1);
    static final Duration HANG_GUARD = Duration.ofSeconds(20);

    /** The typed question of the request/response scenarios (tax's company status). */
    record StatusQuery(String creditCode) {
    }

    /** The typed answer. */
    record CompanyStatus(String creditCode, String status) {
    }

    @TempDir
    Path stores;

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    /**
     * Customs' endpoint and what its handler saw. The sandbox is shared by the test JVM, so the
     * hub may also push messages other tests left for customs: count by message id.
     */
    record Customs(ExchangeEndpoint endpoint, List<MessageId> handled, List<String> payloads) {
        long handledTimes(MessageId id) {
            return handled.stream().filter(id::equals).count();
        }
    }

    Customs customs(Sandbox sandbox, Path store) {
        List<MessageId> handled = new CopyOnWriteArrayList<>();
        List<String> payloads = new CopyOnWriteArrayList<>();
        ExchangeEndpoint endpoint = ExchangeEndpoint.builder()
                .party(TestDepartment.CUSTOMS.partyId())
                .credentials(TestDepartment.CUSTOMS.credentials())
                .trustAnchors(sandbox.trustAnchors())
                .hubParty(sandbox.hubParty())
                .storeDirectory(store)
                .handle(COMPANY_STATUS, (message, context) -> {
                    handled.add(message.messageId());
                    String text = new String(message.bytes(), StandardCharsets.UTF_8);
                    payloads.add(text);
                    return text.contains("unknown") ? Outcome.rejected("E_UNKNOWN_COMPANY", "no such company")
                            : Outcome.processed();
                })
                .listen("127.0.0.1", 0)
                .build()
                .start();
        open.add(endpoint);
        sandbox.registerEndpoint(TestDepartment.CUSTOMS.partyId(), endpoint.uri());
        return new Customs(endpoint, handled, payloads);
    }

    ExchangeClient tax(Sandbox sandbox, Path store, List<Receipt> receipts) {
        return client(sandbox, TestDepartment.TAX, Transport.REST, store, receipts);
    }

    /** A department's client over {@code transport}, polling and retrying quickly, its receipts into {@code receipts}. */
    ExchangeClient client(Sandbox sandbox, TestDepartment department, Transport transport, Path store, List<Receipt> receipts) {
        ExchangeClient client = ExchangeClient.builder()
                .hub(sandbox.hubUri())
                .hubParty(sandbox.hubParty())
                .party(department.partyId())
                .credentials(department.credentials())
                .trustAnchors(sandbox.trustAnchors())
                .storeDirectory(store)
                .transport(transport)
                .dispatchInterval(Duration.ofMillis(50))
                .receiptPollInterval(Duration.ofMillis(50))
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(50))
                        .maxBackoff(Duration.ofMillis(200)).build())
                .receiptListener(receipts::add)
                .build();
        open.add(client);
        return client;
    }

    /** A sandbox with the default rights, where customs may also ask tax's company status. */
    static Sandbox sandboxWithStatusRequests() {
        return Sandbox.builder().defaultRights().allow(new AccessRight(TestDepartment.CUSTOMS.partyId(),
                TestDepartment.TAX.partyId(), AccessRight.TAX_COMPANY_STATUS)).start();
    }

    static Message status(String creditCode) {
        return Message.to(TestDepartment.CUSTOMS.partyId()).service(COMPANY_STATUS)
                .json(java.util.Map.of("creditCode", creditCode, "status", "normal")).build();
    }

    static List<ReceiptState> statesOf(List<Receipt> receipts, MessageId id) {
        return receipts.stream().filter(r -> r.messageId().equals(id)).map(Receipt::state).distinct().toList();
    }


    void addCloseable(AutoCloseable closeable) {
        open.add(closeable);
    }
}
