package org.goldensdk.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.Digest;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.ContentEncryption;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.EncryptionHeader;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.Signer;
import org.goldensdk.core.StorageException;
import org.goldensdk.exchange.internal.VerifyingInputStream;

/**
 * Seals messages of one sending party: digests the payload and attachments as they will travel
 * (encrypting them first, for the receiver, when the message is SENSITIVE), builds the header and
 * signs its canonical form with the party's key. Content is streamed; encrypted content is spooled
 * to temporary files owned by the {@link SealedMessage}. Immutable and thread-safe.
 */
public final class EnvelopeSealer {
    private final PartyId party;
    private final Signer signer;
    private final Clock clock;
    private final Duration defaultLifetime;
    private final Path spoolDirectory;
    private final DigestValue signerCertificateDigest;

    private EnvelopeSealer(Builder b) {
        this.party = b.party;
        this.signer = b.signer;
        this.clock = b.clock;
        this.defaultLifetime = b.defaultLifetime;
        this.spoolDirectory = b.spoolDirectory;
        this.signerCertificateDigest = Certificates.digest(signer.certificate(), signer.suite());
    }

    /** A builder; the party and its signing key are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The party this sealer signs for. */
    public PartyId party() {
        return party;
    }

    /** The suite of this sealer's signatures and digests. */
    public CryptoSuite suite() {
        return signer.suite();
    }

    /**
     * Seals {@code message}: returns once its envelope is signed.
     *
     * @throws org.goldensdk.core.ValidationException if the message breaks an envelope rule
     * @throws StorageException if a spool file cannot be written
     */
    public SealedMessage seal(Message message) {
        Instant createdAt = clock.instant();
        MessageId id = message.messageId().orElseGet(() -> MessageId.generate(clock));
        CryptoSuite suite = signer.suite();
        List<Path> spools = new ArrayList<>();
        try {
            Part payload = carry(message, id, "payload", message.payload(), suite, spools);
            EnvelopeHeader.Builder header = EnvelopeHeader.builder()
                    .messageId(id)
                    .conversationId(message.conversationId().orElse(message.replyTo().orElse(id)))
                    .replyTo(message.replyTo().orElse(null))
                    .sender(party)
                    .receiver(message.receiver())
                    .service(message.service())
                    .createdAt(createdAt)
                    .expiresAt(createdAt.plus(message.expiresIn().orElse(defaultLifetime)))
                    .classification(message.classification())
                    .contentType(message.contentType())
                    .payload(payload.digest, payload.size)
                    .payloadEncryption(payload.encryption)
                    .actingFor(message.actingFor().orElse(null))
                    .signer(signer.algorithm(), signerCertificateDigest);
            message.properties().forEach(header::property);
            List<Content> carriedAttachments = new ArrayList<>();
            int index = 0;
            for (Message.Attachment attachment : message.attachments()) {
                Part part = carry(message, id, "attachments/" + index++, attachment.content(), suite, spools);
                header.addAttachment(AttachmentInfo.of(attachment.name(), attachment.contentType(), part.size,
                        part.digest, part.encryption));
                carriedAttachments.add(part.content);
            }
            EnvelopeHeader built = header.build();
            Envelope envelope = Envelope.signed(built, signer);
            return new SealedMessage(envelope, payload.content, carriedAttachments, spools);
        } catch (RuntimeException e) {
            SealedMessage.deleteSpools(spools);
            throw e;
        }
    }

    /**
     * The associated data binding an encrypted part to its message and place, so ciphertext cannot
     * be moved to another envelope or swapped between attachments.
     */
    static byte[] associatedData(MessageId id, String part) {
        return (id + "/" + part).getBytes(StandardCharsets.UTF_8);
    }

    private Part carry(Message message, MessageId id, String name, Content plaintext, CryptoSuite suite, List<Path> spools) {
        if (!message.classification().requiresEncryption()) {
            Digest digest = VerifyingInputStream.newDigest(suite);
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = plaintext.open()) {
                for (int n; (n = in.read(buffer)) > 0;) {
                    digest.update(buffer, 0, n);
                    size += n;
                }
            } catch (IOException e) {
                throw new StorageException("cannot read the " + name + " of message " + id, e);
            }
            return new Part(plaintext, digestValue(suite, digest), size, null);
        }
        X509Certificate recipient = message.recipientCertificate().orElseThrow();
        try {
            Path spool = Files.createTempFile(spoolDirectory, "golden-", ".sealed");
            spools.add(spool);
            Digest digest = VerifyingInputStream.newDigest(suite);
            EncryptionHeader encryption;
            long size;
            try (InputStream in = plaintext.open();
                    DigestingOutputStream out = new DigestingOutputStream(Files.newOutputStream(spool), digest)) {
                encryption = ContentEncryption.encrypt(recipient, in, out, associatedData(id, name));
                out.flush();
                size = out.count;
            }
            return new Part(Content.of(spool), digestValue(suite, digest), size, encryption);
        } catch (IOException e) {
            throw new StorageException("cannot spool the encrypted " + name + " of message " + id + " to "
                    + spoolDirectory, e);
        }
    }

    private static DigestValue digestValue(CryptoSuite suite, Digest digest) {
        byte[] value = new byte[digest.getDigestSize()];
        digest.doFinal(value, 0);
        return DigestValue.of(suite, value);
    }

    private record Part(Content content, DigestValue digest, long size, EncryptionHeader encryption) {
    }

    private static final class DigestingOutputStream extends java.io.FilterOutputStream {
        private final Digest digest;
        private long count;

        DigestingOutputStream(OutputStream out, Digest digest) {
            super(new java.io.BufferedOutputStream(out, 64 * 1024));
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }
    }

    /** Collects the sealer's settings; not thread-safe. */
    public static final class Builder {
        private PartyId party;
        private Signer signer;
        private DepartmentCredentials credentials;
        private CryptoSuite suite = CryptoSuite.GM;
        private Clock clock = Clock.systemUTC();
        private Duration defaultLifetime = Duration.ofDays(7);
        private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));

        private Builder() {
        }

        /** The sending party (required); its credit code must be the signing certificate's. */
        public Builder party(PartyId party) {
            this.party = Objects.requireNonNull(party, "party");
            return this;
        }

        /** Signs with the department's credentials, in {@link #suite} (GM by default). */
        public Builder credentials(DepartmentCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The suite to sign in when signing with {@link #credentials}; GM by default. */
        public Builder suite(CryptoSuite suite) {
            this.suite = Objects.requireNonNull(suite, "suite");
            return this;
        }

        /** Signs with this signer (e.g. a hardware module) instead of credentials. */
        public Builder signer(Signer signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** The clock for creation times and generated ids; system UTC by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The lifetime of messages that set none; 7 days by default, at most 30. */
        public Builder defaultLifetime(Duration lifetime) {
            if (lifetime == null || lifetime.isNegative() || lifetime.isZero()
                    || lifetime.compareTo(EnvelopeHeader.MAX_LIFETIME) > 0) {
                throw new ConfigurationException("defaultLifetime", "must be positive and at most "
                        + EnvelopeHeader.MAX_LIFETIME.toDays() + " days");
            }
            this.defaultLifetime = lifetime;
            return this;
        }

        /** Where encrypted content is spooled; the JVM's temporary directory by default. */
        public Builder spoolDirectory(Path directory) {
            this.spoolDirectory = Objects.requireNonNull(directory, "spoolDirectory");
            return this;
        }

        /**
         * Builds the sealer.
         *
         * @throws ConfigurationException without a party or key, with both a signer and
         *     credentials, or when the signing certificate belongs to another credit code
         */
        public EnvelopeSealer build() {
            if (party == null) {
                throw new ConfigurationException("party", "the sending party is required: party(PartyId.parse(...))");
            }
            if (signer != null && credentials != null) {
                throw new ConfigurationException("signer", "give either credentials(...) or signer(...), not both");
            }
            if (signer == null) {
                if (credentials == null) {
                    throw new ConfigurationException("credentials", "a signing key is required: credentials(...) or signer(...)");
                }
                signer = credentials.signer(suite);
            }
            CreditCode certified = Certificates.creditCode(signer.certificate()).orElseThrow(() ->
                    new ConfigurationException("credentials", "the signing certificate "
                            + Certificates.subject(signer.certificate()) + " carries no credit code"));
            if (!certified.equals(party.creditCode())) {
                throw new ConfigurationException("party", "the signing certificate belongs to credit code " + certified
                        + ", not to party " + party + "; use the party's own credentials");
            }
            if (!Files.isDirectory(spoolDirectory)) {
                throw new ConfigurationException("spoolDirectory", spoolDirectory + " is not a directory");
            }
            return new EnvelopeSealer(this);
        }
    }
}
