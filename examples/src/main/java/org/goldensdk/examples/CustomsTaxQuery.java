package org.goldensdk.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Response;
import org.goldensdk.exchange.Transport;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;

/**
 * 海关 → 税务 query (request/response): while checking a declaration, Wuhan customs asks the tax
 * bureau whether the declaring company is in good tax standing and waits for the answer. The
 * question and the answer are each a signed envelope; the answer is verified (signed by tax,
 * addressed to customs, bound to this question by its digest) before {@code request} returns it.
 *
 * <p>The transport is one line on the client's builder ({@code .transport(Transport.SOAP)} in
 * {@link SandboxDepartments#client}): the same code asks over SOAP (WS-Security signed, the hub's
 * WSDL) or over REST, and tax's endpoint answers either.
 *
 * <p>Run it alone: {@code java -cp examples/target/golden-demo.jar org.goldensdk.examples.CustomsTaxQuery}.
 */
public final class CustomsTaxQuery {

    /** Customs' question: the company behind a declaration. */
    public record StandingQuery(String declarationNumber, String creditCode) {
    }

    /** Tax's answer. {@code status} is {@code good}, {@code arrears} or {@code unknown}. */
    public record TaxStanding(String creditCode, String status, long arrearsYuan) {
    }

    /** The answers customs got, with the verified response envelopes for its audit trail. */
    public record Result(Response<TaxStanding> known, Response<TaxStanding> unknown) {
    }

    /** What the tax bureau knows: one company in good standing. */
    private static final Map<String, TaxStanding> LEDGER = Map.of("91420100MA4K00002Y",
            new TaxStanding("91420100MA4K00002Y", "good", 0));

    private CustomsTaxQuery() {
    }

    /** Starts a sandbox, runs the example, prints the answers. */
    public static void main(String[] args) throws Exception {
        try (Sandbox sandbox = Sandbox.builder().defaultRights().start()) {
            Result result = run(sandbox, Files.createTempDirectory("golden-example"), Transport.SOAP);
            System.out.println(result.known().body() + " signed by " + result.known().header().sender());
            System.out.println(result.unknown().body());
        }
    }

    /**
     * Tax answers {@code customs.declaration-check/1}; customs asks about a known and an unknown
     * company, talking to the hub over {@code transport}.
     */
    public static Result run(Sandbox sandbox, Path work, Transport transport) {
        try (ExchangeEndpoint tax = SandboxDepartments.endpoint(sandbox, TestDepartment.TAX, work.resolve("tax"), null,
                services -> services.respond(AccessRight.CUSTOMS_DECLARATION_CHECK, (request, context) -> {
                    // a query: no inbox record, no receipts — just a signed answer; keep it free of side effects
                    StandingQuery query = request.json(StandingQuery.class);
                    return LEDGER.getOrDefault(query.creditCode(), new TaxStanding(query.creditCode(), "unknown", 0));
                }));
                ExchangeClient customs = SandboxDepartments.client(sandbox, TestDepartment.CUSTOMS, work.resolve("customs"), null,
                        new ReceiptLog(), transport)) {
            Response<TaxStanding> known = customs.request(TestDepartment.TAX.partyId(), AccessRight.CUSTOMS_DECLARATION_CHECK,
                    new StandingQuery("420120260000123456", "91420100MA4K00002Y"), TaxStanding.class);
                    // waits up to the client's requestTimeout (30 s); RequestTimeoutException if tax does not answer in time
            Response<TaxStanding> unknown = customs.request(TestDepartment.TAX.partyId(), AccessRight.CUSTOMS_DECLARATION_CHECK,
                    new StandingQuery("420120260000123457", "91420100MA4K00003W"), TaxStanding.class);
            return new Result(known, unknown);
        }
    }
}
