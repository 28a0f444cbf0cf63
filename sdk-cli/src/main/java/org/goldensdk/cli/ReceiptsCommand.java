package org.goldensdk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.exchange.DeliveryStatus;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code golden receipts}: every receipt of one of the department's messages, asked of the hub
 * ({@code GET exchange/v1/messages/{id}/receipts}) and each verified against the trust anchors.
 */
@Command(name = "receipts", mixinStandardHelpOptions = true,
        description = {"Show a sent message's receipts as the hub holds them (ACCEPTED, DELIVERED, PROCESSED or REJECTED),"
                + " each verified: signature, certificate chain to the trust anchors, message id, and the hub as the"
                + " issuer of ACCEPTED.",
                "Only the sender may ask: for another party's message the hub answers 404 (exit 4). Exit 1 if a receipt"
                        + " does not verify."})
final class ReceiptsCommand implements Callable<Integer> {
    private static final JsonCodec JSON = JsonCodec.of();

    @Mixin
    DepartmentOptions department;

    @Parameters(paramLabel = "MESSAGE_ID", description = "The id golden send printed.")
    MessageId id;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Also show the message's state in this local outbox (golden send's --store; needs --from):"
                    + " QUEUED, SENT, or FAILED / EXPIRED with the error that ended it (exit 4, the hub never had it).")
    Path store;

    @Option(names = "--from", paramLabel = "PARTY", description = "The sending party whose outbox --store is.")
    PartyId from;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TrustAnchors anchors = department.loadTrustAnchors();
        if (store != null) {
            showOutboxState(anchors);
        }
        JsonNode page;
        try (HttpTransport hub = HttpTransport.builder().baseUri(department.hub)
                .tls(TlsConfig.of(department.loadCredentials(), anchors)).build();
                HttpResponse answer = hub.execute(HttpRequest.get("exchange/v1/messages/" + id + "/receipts"))) {
            page = JSON.readTree(answer.bodyBytes());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("receipts of " + id + ":");
        Instant now = Instant.now();
        for (JsonNode entry : page.path("receipts")) {
            Receipt receipt = EnvelopeCodec.json().decodeReceipt(JSON.write(entry.path("receipt")));
            if (!receipt.messageId().equals(id)) {
                throw new SignatureException("the hub answered a receipt of another message, " + receipt.messageId());
            }
            if (receipt.state() == ReceiptState.ACCEPTED && !receipt.issuer().equals(department.hubParty)) {
                throw new SignatureException("an ACCEPTED receipt issued by " + receipt.issuer() + ", not by the hub "
                        + department.hubParty);
            }
            receipt.verify(anchors, now);
            out.println(line(receipt, null));
        }
        return ExitCodes.OK;
    }

    private void showOutboxState(TrustAnchors anchors) {
        if (from == null) {
            throw new CommandFailure(ExitCodes.USAGE, "--store needs --from, the party whose outbox it is");
        }
        // opening the outbox also resumes delivering whatever it still holds, as golden send would
        try (ExchangeClient outbox = ExchangeClient.builder().hub(department.hub).hubParty(department.hubParty).party(from)
                .credentials(department.loadCredentials()).trustAnchors(anchors).storeDirectory(store).build()) {
            DeliveryStatus status = outbox.status(id);
            spec.commandLine().getOut().println("outbox " + store + ": " + status.state()
                    + status.receiptState().map(state -> " (" + state + ")").orElse("")
                    + status.errorCode().map(code -> ", last error " + code).orElse("") + ", " + status.attempts() + " failed attempt(s)");
            if (status.state() == DeliveryStatus.State.FAILED || status.state() == DeliveryStatus.State.EXPIRED) {
                throw new CommandFailure(ExitCodes.REMOTE, "message " + id + " is a dead letter (" + status.state() + "): "
                        + status.errorCode().orElse("") + " " + status.errorMessage().orElse(""));
            }
        }
    }

    /** One receipt as one line: state, issuer, time, reason, and the time since sending when known. */
    static String line(Receipt receipt, Duration sinceSend) {
        return String.format("  %-9s by %s at %s%s%s (signature verified)", receipt.state(), receipt.issuer(), receipt.issuedAt(),
                sinceSend == null ? "" : String.format(" (+%d ms)", sinceSend.toMillis()),
                receipt.reasonCode().map(code -> " " + code + ": " + receipt.reason().orElse("")).orElse(""));
    }
}
