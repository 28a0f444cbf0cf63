package org.goldensdk.exchange.internal.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.CryptoException;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.StorageException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.exchange.AttachmentInfo;
import org.goldensdk.exchange.AttachmentLimits;
import org.goldensdk.exchange.Content;
import org.goldensdk.exchange.Delivery;
import org.goldensdk.exchange.EnvelopeDecryptor;
import org.goldensdk.exchange.EnvelopeHeader;
import org.goldensdk.exchange.EnvelopeVerifier;

/**
 * The attachments of one delivery as files: each streamed — carried in the delivery, or fetched
 * from the hub by digest — through the verifier (digest and signed size) and, when encrypted,
 * the decryptor, into a file of its own; never held in memory. A mismatch deletes every file
 * written and throws, so nothing half-received reaches a handler. {@link #close()} deletes the
 * files once the handler is done.
 */
public final class ReceivedAttachments implements AutoCloseable {

    /** Where attachments not carried in the delivery come from: the hub, by digest. */
    @FunctionalInterface
    public interface Source {
        /** A stream of the attachment with this digest; the caller closes it. */
        InputStream open(DigestValue digest);
    }

    /** Where the files go and how large attachments and messages may be. */
    public record Limits(Path directory, AttachmentLimits sizes) {
    }

    private final List<Path> files = new ArrayList<>();
    private final List<Content> contents = new ArrayList<>();

    private ReceivedAttachments() {
    }

    /**
     * Receives the attachments the verified {@code header} lists, in manifest order.
     *
     * @param hub where attachments not carried come from; null when the endpoint has no hub link
     * @throws MalformedInputException (E_PAYLOAD_TOO_LARGE) if an attachment or the whole message
     *     passes the limits; checked against the signed sizes before anything is read
     * @throws org.goldensdk.core.SignatureException if an attachment does not match its signed digest and size
     * @throws ValidationException if the carried attachments do not match the manifest, or one does not decrypt
     */
    static ReceivedAttachments receive(Delivery delivery, EnvelopeHeader header, long payloadSize, EnvelopeVerifier verifier,
            EnvelopeDecryptor decryptor, Source hub, Limits limits) {
        List<AttachmentInfo> manifest = header.attachments();
        boolean carried = !delivery.attachments().isEmpty();
        if (carried && delivery.attachments().size() != manifest.size()) {
            throw new ValidationException("attachments", "delivery.attachments", "envelope " + header.messageId() + " lists "
                    + manifest.size() + " attachments but the delivery carries " + delivery.attachments().size());
        }
        limits.sizes().requireWithin(header, payloadSize, "this endpoint's");
        if (!carried && !manifest.isEmpty() && hub == null) {
            throw new ConfigurationException("hub", "message " + header.messageId() + " lists attachments to fetch from the"
                    + " hub, but this endpoint has no hub link; configure hub(URI) or pullFrom(URI)");
        }
        ReceivedAttachments received = new ReceivedAttachments();
        try {
            for (int i = 0; i < manifest.size(); i++) {
                AttachmentInfo info = manifest.get(i);
                try (InputStream source = carried ? delivery.attachments().get(i).open() : hub.open(info.digest())) {
                    received.add(delivery, i, info, verifier.attachment(delivery.envelope(), i, source), decryptor, limits);
                }
            }
            return received;
        } catch (IOException e) {
            received.close();
            throw new StorageException("cannot receive an attachment of message " + header.messageId() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            received.close();
            throw e;
        }
    }

    /** The attachments as files, in manifest order (plaintext). */
    List<Content> contents() {
        return List.copyOf(contents);
    }

    /** Deletes the files. */
    @Override
    public void close() {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A file left behind in the endpoint's attachment directory; nothing reads it again.
                file.toFile().deleteOnExit();
            }
        }
        files.clear();
        contents.clear();
    }

    private void add(Delivery delivery, int index, AttachmentInfo info, InputStream verified, EnvelopeDecryptor decryptor,
            Limits limits) throws IOException {
        Path file = Files.createTempFile(Files.createDirectories(limits.directory()), "received-", ".part");
        files.add(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            if (info.encryption().isPresent()) {
                decryptor.decryptAttachment(delivery.envelope(), index, verified, out);
            } else {
                verified.transferTo(out);
            }
        } catch (CryptoException e) {
            throw new ValidationException("attachments", "envelope.decrypt", "attachment " + (index + 1) + " of envelope "
                    + delivery.envelope().header().messageId() + " cannot be decrypted with this party's encryption key ("
                    + e.getMessage() + "); the sender must encrypt for this party's current encryption certificate");
        }
        contents.add(Content.of(file));
    }
}
