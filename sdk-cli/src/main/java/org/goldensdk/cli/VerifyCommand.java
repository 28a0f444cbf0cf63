package org.goldensdk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.StorageException;
import org.goldensdk.exchange.AttachmentInfo;
import org.goldensdk.exchange.Envelope;
import org.goldensdk.exchange.EnvelopeFile;
import org.goldensdk.exchange.EnvelopeHeader;
import org.goldensdk.exchange.EnvelopeVerifier;
import org.goldensdk.core.TrustAnchors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code golden verify}: a signed envelope file — header, signature, then every part's digest. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a signed envelope file (docs/exchange/envelope-file.md): print its header, verify the"
                + " signature and the signer's certificate chain against the trust anchors, then the payload's and every"
                + " attachment's digest and size.",
                "Exit 1 naming the first part that fails; exit 0 only if everything verifies."})
final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--trust-anchors", required = true, paramLabel = "PEM", description = "The platform CA's certificates (PEM).")
    Path trustAnchors;

    @Option(names = "--ignore-expiry", description = "Verify an envelope whose expiry has passed (an archived file).")
    boolean ignoreExpiry;

    @Parameters(paramLabel = "FILE", description = "The envelope file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        EnvelopeVerifier verifier = EnvelopeVerifier.builder().trustAnchors(TrustAnchors.fromPem(trustAnchors))
                .checkExpiry(!ignoreExpiry).build();
        PrintWriter out = spec.commandLine().getOut();
        try (EnvelopeFile envelopeFile = EnvelopeFile.open(file)) {
            Envelope envelope = envelopeFile.envelope();
            printHeader(envelope.header(), out);
            out.flush();
            verifier.verify(envelope);
            out.println("signature    OK  " + envelope.header().signatureAlgorithm() + " by "
                    + Certificates.subject(envelope.signerChain().get(0)));
            drain(envelopeFile.payload(), "payload");
            out.println("payload      OK  " + envelope.header().payloadDigest());
            for (int i = 0; i < envelope.header().attachments().size(); i++) {
                AttachmentInfo attachment = envelope.header().attachments().get(i);
                drain(envelopeFile.attachment(i), "attachment " + attachment.name());
                out.println("attachment   OK  " + attachment.name() + " " + attachment.digest());
            }
        }
        out.println("verified: " + file);
        return ExitCodes.OK;
    }

    private static void printHeader(EnvelopeHeader header, PrintWriter out) {
        out.println("message      " + header.messageId() + " (conversation " + header.conversationId() + ")");
        out.println("from         " + header.sender());
        out.println("to           " + header.receiver());
        out.println("service      " + header.service());
        out.println("created      " + header.createdAt() + ", expires " + header.expiresAt());
        out.println("class        " + header.classification() + ", " + header.contentType() + ", " + header.payloadSize() + " bytes");
        header.actingFor().ifPresent(actingFor -> out.println("acting for   " + actingFor));
        for (AttachmentInfo attachment : header.attachments()) {
            out.println("attachment   " + attachment.name() + " (" + attachment.contentType() + ", " + attachment.size() + " bytes)");
        }
    }

    /** Reads a verifying stream to its end: the read that meets a wrong digest or size throws SignatureException. */
    private static void drain(InputStream part, String name) {
        try (InputStream in = part) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new StorageException("cannot read the " + name + " of the envelope file: " + e.getMessage(), e);
        }
    }
}
