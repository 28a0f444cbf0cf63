package org.goldensdk.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.MessageHandler;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.exchange.Transport;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;

/**
 * How a department's system connects to the exchange, written once for every example: a sending
 * {@link ExchangeClient} (the outbox) and a receiving {@link ExchangeEndpoint} (the inbox) of one
 * Wuhan test department against the sandbox hub. Against a real platform only the values change:
 * the hub's URL, your party, your PKCS#12 credentials ({@code DepartmentCredentials.fromPkcs12}) and
 * the platform CA ({@code TrustAnchors.fromPem}).
 */
public final class SandboxDepartments {
    /**
     * The examples want their receipts promptly; the client's default (5 s) polls the hub's receipt
     * feed less often, which a busy real hub will thank you for.
     */
    private static final Duration RECEIPT_POLL = Duration.ofMillis(100);

    private SandboxDepartments() {
    }

    /**
     * The department's sending client. Its outbox is embedded H2 in {@code store}, or {@code database}
     * when given (H2 or PostgreSQL, shared with your business tables so a change and its message
     * commit together). Close it when done.
     */
    public static ExchangeClient client(Sandbox sandbox, TestDepartment department, Path store, DataSource database,
            ReceiptLog receipts) {
        return client(sandbox, department, store, database, receipts, Transport.REST);
    }

    /**
     * Like {@link #client(Sandbox, TestDepartment, Path, DataSource, ReceiptLog)}, talking to the hub
     * over {@code transport}: REST (JSON, docs/exchange/openapi.yaml) or SOAP (docs/exchange/exchange-service.wsdl,
     * WS-Security). Sending, receipts and requests work the same either way.
     */
    public static ExchangeClient client(Sandbox sandbox, TestDepartment department, Path store, DataSource database,
            ReceiptLog receipts, Transport transport) {
        ExchangeClient.Builder builder = ExchangeClient.builder()
                .transport(transport)                           // the one line that picks the wire
                .hub(sandbox.hubUri())                          // https://…/ — the hub's REST API is under exchange/v1/
                .hubParty(sandbox.hubParty())                   // only the hub may sign ACCEPTED receipts
                .party(department.partyId())                    // CN/420100/<credit code>/<system>
                .credentials(department.credentials())          // GM signing key + INTL key for mutual TLS
                .trustAnchors(sandbox.trustAnchors())           // the platform CA
                .receiptPollInterval(RECEIPT_POLL)
                .receiptListener(receipts);                     // verified receipts, at least once, none missed
        return (database == null ? builder.storeDirectory(store) : builder.store(database)).build();
    }

    /**
     * The department's receiving endpoint on a free local port, with one handler per service,
     * registered with the hub as where to push the department's messages. Its inbox (which
     * deduplicates by sender and message id) is embedded H2 in {@code store}, or {@code database}
     * when given. Close it when done.
     */
    public static ExchangeEndpoint endpoint(Sandbox sandbox, TestDepartment department, Path store, DataSource database,
            Map<ServiceId, MessageHandler> handlers) {
        return endpoint(sandbox, department, store, database, builder -> handlers.forEach(builder::handle));
    }

    /**
     * Like {@link #endpoint(Sandbox, TestDepartment, Path, DataSource, Map)}, with the services
     * registered by {@code services}: {@code handle(service, handler)} for messages,
     * {@code respond(service, handler)} for requests.
     */
    public static ExchangeEndpoint endpoint(Sandbox sandbox, TestDepartment department, Path store, DataSource database,
            Consumer<ExchangeEndpoint.Builder> services) {
        ExchangeEndpoint.Builder builder = ExchangeEndpoint.builder()
                .party(department.partyId())
                .credentials(department.credentials())          // signs DELIVERED / PROCESSED / REJECTED receipts
                .trustAnchors(sandbox.trustAnchors())           // every delivery is verified here, never trusted
                .hubParty(sandbox.hubParty())                   // only the hub may push to it
                .hub(sandbox.hubUri())                          // where complete(id, outcome) sends a pending message's outcome
                .listen("127.0.0.1", 0);                        // or .servlet() in your own container
        services.accept(builder);
        ExchangeEndpoint endpoint = (database == null ? builder.storeDirectory(store) : builder.store(database)).build().start();
        sandbox.registerEndpoint(department.partyId(), endpoint.uri());   // on a real platform: its registration form
        return endpoint;
    }
}
