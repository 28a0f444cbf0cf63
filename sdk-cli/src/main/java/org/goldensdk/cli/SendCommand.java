package org.goldensdk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.StorageException;
import org.goldensdk.exchange.Classification;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.DeadLetter;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.Message;
import org.goldensdk.exchange.MessageId;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptListener;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.ServiceId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code golden send}: a file to a party through the hub, signed with the department's credentials,
 * through a local outbox; then waits for the receipts.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Send a file to a party through the exchange hub: sealed (signed) with the department's GM key,"
                + " stored in a local outbox, delivered over mutual TLS; then wait for its receipts and print them with"
                + " their timings.",
                "Exit 4 if the hub refuses it (a dead letter, e.g. E_ACCESS_DENIED for an unknown party), the receiver"
                        + " rejects it, or the receipt waited for does not come in time."})
final class SendCommand implements Callable<Integer> {
    /** Someone is waiting at the terminal: ask the hub's receipt feed more often than a long-running client's 5 s. */
    private static final Duration RECEIPT_POLL = Duration.ofMillis(250);

    /** How far to wait. */
    enum Until {
        /** Return once the message is durably in the outbox (delivered when a client next runs on that outbox). */
        STORED,
        /** Until the hub accepted it. */
        ACCEPTED,
        /** Until the receiver has it. */
        DELIVERED,
        /** Until the receiver's outcome: PROCESSED (exit 0) or REJECTED (exit 4). */
        PROCESSED
    }

    @Mixin
    DepartmentOptions department;

    @Option(names = "--from", required = true, paramLabel = "PARTY",
            description = "The sending party (the department's system), e.g. CN/420100/11420100MB00000196/invoice.")
    PartyId from;

    @Option(names = "--to", required = true, paramLabel = "PARTY", description = "The receiving party.")
    PartyId to;

    @Option(names = "--service", required = true, paramLabel = "NAME/VERSION", description = "e.g. tax.company-status/1.")
    ServiceId service;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "The payload's media type (default: guessed from the file name, else application/octet-stream).")
    String contentType;

    @Option(names = "--attach", paramLabel = "FILE", description = "An attachment (repeatable), e.g. a PDF.")
    List<Path> attachments = List.of();

    @Option(names = "--classification", defaultValue = "INTERNAL", paramLabel = "LEVEL",
            description = "PUBLIC, INTERNAL (default) or SENSITIVE (encrypted end to end; needs the receiver's encryption"
                    + " certificate: not offered by this command). Secret data is refused.")
    String classification;

    @Option(names = "--store", defaultValue = "golden-store", paramLabel = "DIR",
            description = "The outbox directory (embedded H2; default ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--wait", defaultValue = "ACCEPTED", paramLabel = "UNTIL",
            description = "How far to wait: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Until until;

    @Option(names = "--timeout", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "How long to wait for it, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Parameters(paramLabel = "FILE", description = "The payload.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        requireReadable(file);
        attachments.forEach(SendCommand::requireReadable);
        Classification level = Classification.parse(classification);
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        ReceiptListener listener = new ReceiptListener() {
            @Override
            public void onReceipt(Receipt receipt) {
                events.add(receipt);
            }

            @Override
            public void onDeadLetter(DeadLetter deadLetter) {
                events.add(deadLetter);
            }
        };
        PrintWriter out = spec.commandLine().getOut();
        try (ExchangeClient client = ExchangeClient.builder()
                .hub(department.hub)
                .hubParty(department.hubParty)
                .party(from)
                .credentials(department.loadCredentials())
                .trustAnchors(department.loadTrustAnchors())
                .storeDirectory(store)
                .receiptPollInterval(RECEIPT_POLL)
                .receiptListener(listener)
                .build()) {
            Message.Builder message = Message.to(to).service(service).classification(level)
                    .payload(mediaType(file), Content.of(file));
            attachments.forEach(message::attach);
            long start = System.nanoTime();
            MessageId id = client.send(message.build());
            out.println("sent " + id + " " + from + " -> " + to + " " + service + " (" + Files.size(file) + " bytes, "
                    + attachments.size() + " attachment(s)); stored in " + store);
            out.flush();
            if (until != Until.STORED) {
                await(id, events, start, out);
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void await(MessageId id, BlockingQueue<Object> events, long start, PrintWriter out) throws InterruptedException {
        long deadline = start + timeout.toNanos();
        while (true) {
            Object event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new CommandFailure(ExitCodes.REMOTE, "no " + until + " receipt for " + id + " within " + timeout
                        + "; the message stays in the outbox " + store + " and is delivered when golden send runs again on it");
            }
            if (event instanceof DeadLetter dead && dead.messageId().equals(id)) {
                throw new CommandFailure(ExitCodes.REMOTE, "message " + id + " was not delivered (" + dead.state() + " after "
                        + dead.attempts() + " attempt(s)): " + dead.errorCode() + " " + dead.errorMessage());
            }
            if (event instanceof Receipt receipt && receipt.messageId().equals(id)) {
                out.println(ReceiptsCommand.line(receipt, Duration.ofNanos(System.nanoTime() - start)));
                out.flush();
                if (receipt.state() == ReceiptState.REJECTED) {
                    throw new CommandFailure(ExitCodes.REMOTE, to + " rejected message " + id + ": "
                            + receipt.reasonCode().orElse("") + " " + receipt.reason().orElse(""));
                }
                if (reached(receipt.state())) {
                    return;
                }
            }
        }
    }

    private boolean reached(ReceiptState state) {
        return switch (until) {
            case STORED, ACCEPTED -> true;
            case DELIVERED -> state != ReceiptState.ACCEPTED;
            case PROCESSED -> state == ReceiptState.PROCESSED;
        };
    }

    private String mediaType(Path path) throws IOException {
        if (contentType != null) {
            return contentType;
        }
        String guessed = Files.probeContentType(path);
        return guessed != null ? guessed : "application/octet-stream";
    }

    private static void requireReadable(Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new StorageException("cannot read " + path + ": no such readable file", null);
        }
    }
}
