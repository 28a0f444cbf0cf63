package org.goldensdk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.EnvelopeFile;
import org.goldensdk.exchange.EnvelopeHeader;
import org.goldensdk.exchange.EnvelopeVerifier;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code golden inbox}: the department's inbox at the hub (pull delivery). */
@Command(name = "inbox", mixinStandardHelpOptions = true, subcommands = InboxCommand.Pull.class,
        description = "The department's inbox at the hub, for a system that receives by pulling (behind a firewall).")
final class InboxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /**
     * {@code golden inbox pull}: fetches every message waiting for the party ({@code GET
     * exchange/v1/inbox}), verifies it as an endpoint would, writes it as a signed envelope file and
     * only then acknowledges it with DELIVERED and PROCESSED receipts signed by the party
     * ({@code POST exchange/v1/inbox/receipts}).
     */
    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = {"Pull every message waiting for PARTY at the hub, verify it (signature, the sender's certificate"
                    + " chain to the trust anchors, receiver, expiry, payload and attachment digests), write it to"
                    + " --out as <message id>.golden — a signed envelope file golden verify accepts — and then"
                    + " acknowledge it with DELIVERED and PROCESSED receipts signed by the department.",
                    "A message that does not verify is neither written nor acknowledged (exit 1); the hub offers it"
                            + " again after its visibility timeout. A party the credentials are not registered for is"
                            + " refused by the hub (exit 4). SENSITIVE (encrypted) messages are written as carried,"
                            + " still encrypted. Requests (request/response) are not answered here."})
    static final class Pull implements Callable<Integer> {
        private static final String INBOX = "exchange/v1/inbox";
        /** The header of a pulled delivery saying whether it is a {@code message} or a {@code request} (docs/exchange/openapi.yaml). */
        private static final String KIND_HEADER = "Golden-Delivery-Kind";

        @Mixin
        DepartmentOptions department;

        @Option(names = "--party", required = true, paramLabel = "PARTY",
                description = "The inbox's party, CN/{division}/{creditCode}/{system}; the credentials must be its.")
        PartyId party;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "inbox",
                description = "Where to write the envelope files (created if missing; default ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--max", paramLabel = "N", defaultValue = "1000",
                description = "Stop after N messages (default ${DEFAULT-VALUE}).")
        int max;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            DepartmentCredentials credentials = department.loadCredentials();
            TrustAnchors anchors = department.loadTrustAnchors();
            if (!credentials.creditCode().equals(party.creditCode())) {
                throw new CommandFailure(ExitCodes.USAGE, "the credentials belong to credit code " + credentials.creditCode()
                        + ", not to " + party + "; pull with the party's own credentials");
            }
            Files.createDirectories(out);
            EnvelopeVerifier verifier = EnvelopeVerifier.builder().trustAnchors(anchors).build();
            PrintWriter printed = spec.commandLine().getOut();
            int pulled = 0;
            String query = INBOX + "?party=" + URLEncoder.encode(party.toString(), StandardCharsets.UTF_8) + "&wait=0";
            try (HttpTransport hub = HttpTransport.builder().baseUri(department.hub)
                    .tls(TlsConfig.of(credentials, anchors)).build()) {
                while (pulled < max) {
                    Delivery delivery;
                    boolean isRequest;
                    try (HttpResponse answer = hub.execute(HttpRequest.get(query))) {
                        if (answer.status() == 204) {
                            break;
                        }
                        isRequest = answer.header(KIND_HEADER).filter("request"::equals).isPresent();
                        delivery = EnvelopeCodec.json().decodeDelivery(answer.body(), ExchangeEndpoint.DEFAULT_MAX_DELIVERY_BYTES);
                    }
                    EnvelopeHeader header = verify(verifier, delivery);
                    if (isRequest) {
                        printed.println("  request " + header.messageId() + " from " + header.sender() + " " + header.service()
                                + ": not answered (golden answers no requests)");
                        continue;
                    }
                    Path file = write(delivery, header);
                    acknowledge(hub, delivery, credentials);
                    pulled++;
                    printed.println("  " + header.messageId() + " from " + header.sender() + " " + header.service() + " -> "
                            + file + " (verified, acknowledged)");
                }
            }
            printed.println(pulled + " message(s) pulled for " + party + " into " + out);
            return ExitCodes.OK;
        }

        /** Everything an endpoint checks, the parts streamed through their digests; SignatureException / ValidationException otherwise. */
        private EnvelopeHeader verify(EnvelopeVerifier verifier, Delivery delivery) throws IOException {
            EnvelopeHeader header = verifier.verify(delivery.envelope());
            if (!header.receiver().equals(party)) {
                throw new SignatureException("the hub handed out message " + header.messageId() + " addressed to "
                        + header.receiver() + ", not to " + party);
            }
            try (InputStream payload = verifier.payload(delivery.envelope(), delivery.payload().open())) {
                payload.transferTo(OutputStream.nullOutputStream());
            }
            for (int i = 0; i < delivery.attachments().size(); i++) {
                try (InputStream attachment = verifier.attachment(delivery.envelope(), i, delivery.attachments().get(i).open())) {
                    attachment.transferTo(OutputStream.nullOutputStream());
                }
            }
            return header;
        }

        /** Writes {@code <message id>.golden} whole or not at all (a temporary file moved into place). */
        private Path write(Delivery delivery, EnvelopeHeader header) throws IOException {
            Path file = out.resolve(header.messageId() + ".golden");
            Path partial = Files.createTempFile(out, ".pulling-", ".tmp");
            try {
                try (OutputStream stream = Files.newOutputStream(partial)) {
                    List<Content> attachments = new ArrayList<>(delivery.attachments());
                    EnvelopeFile.write(delivery.envelope(), delivery.payload(), attachments, stream);
                }
                return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
        }

        /** DELIVERED and PROCESSED, signed with the party's GM key: the sender's receipt feed shows both. */
        private void acknowledge(HttpTransport hub, Delivery delivery, DepartmentCredentials credentials) {
            Instant now = Instant.now();
            List<String> receipts = new ArrayList<>();
            for (ReceiptState state : List.of(ReceiptState.DELIVERED, ReceiptState.PROCESSED)) {
                Receipt receipt = Receipt.issue(delivery.envelope(), state, party, credentials.signer(CryptoSuite.GM), now, null, null);
                receipts.add(new String(EnvelopeCodec.json().encode(receipt), StandardCharsets.UTF_8));
            }
            byte[] body = ("{\"receipts\":[" + String.join(",", receipts) + "]}").getBytes(StandardCharsets.UTF_8);
            hub.execute(HttpRequest.builder("POST", INBOX + "/receipts").idempotent(true)
                    .body(HttpBody.of(body, "application/json")).build()).close();
        }
    }
}
