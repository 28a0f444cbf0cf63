package org.goldensdk.exchange;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.goldensdk.core.Finding;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.ValidationException;
import org.goldensdk.core.XmlCodec;
import org.goldensdk.exchange.internal.HeaderText;

/**
 * What a department wants to send, before it is sealed: the receiver, the service, the payload
 * and attachments, and how sensitive it is. {@link EnvelopeSealer#seal} turns it into a signed
 * envelope. Immutable; built with {@link #to(PartyId)}.
 */
public final class Message {
    private static final JsonCodec JSON = JsonCodec.of();
    private static final XmlCodec XML = XmlCodec.of();
    private static final Map<String, String> TYPES_BY_EXTENSION = Map.ofEntries(
            Map.entry("pdf", "application/pdf"), Map.entry("ofd", "application/ofd"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("zip", "application/zip"), Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"), Map.entry("csv", "text/csv"), Map.entry("txt", "text/plain"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"));

    private final PartyId receiver;
    private final ServiceId service;
    private final String contentType;
    private final Content payload;
    private final List<Attachment> attachments;
    private final Classification classification;
    private final Duration expiresIn;
    private final MessageId messageId;
    private final MessageId conversationId;
    private final MessageId replyTo;
    private final Map<String, String> properties;
    private final String actingFor;
    private final X509Certificate recipientCertificate;

    private Message(Builder b) {
        this.receiver = b.receiver;
        this.service = b.service;
        this.contentType = b.contentType;
        this.payload = b.payload;
        this.attachments = List.copyOf(b.attachments);
        this.classification = b.classification;
        this.expiresIn = b.expiresIn;
        this.messageId = b.messageId;
        this.conversationId = b.conversationId;
        this.replyTo = b.replyTo;
        this.properties = Map.copyOf(b.properties);
        this.actingFor = b.actingFor;
        this.recipientCertificate = b.recipientCertificate;
    }

    /** Starts a message for {@code receiver}. */
    public static Builder to(PartyId receiver) {
        return new Builder(Objects.requireNonNull(receiver, "receiver"));
    }

    /** One attachment: a plain file name, its media type and its bytes. */
    public record Attachment(String name, String contentType, Content content) {
        /** Checks the name and media type. */
        public Attachment {
            AttachmentInfo.requireFileName(name);
            HeaderText.requireMediaType("attachments.contentType", contentType);
            Objects.requireNonNull(content, "content");
        }
    }

    /** The receiving party. */
    public PartyId receiver() {
        return receiver;
    }

    /** The service. */
    public ServiceId service() {
        return service;
    }

    /** The payload's media type. */
    public String contentType() {
        return contentType;
    }

    /** The payload (plaintext). */
    public Content payload() {
        return payload;
    }

    /** The attachments, in order (plaintext). */
    public List<Attachment> attachments() {
        return attachments;
    }

    /** The classification; INTERNAL unless set. */
    public Classification classification() {
        return classification;
    }

    /** How long the message may live, if set; the sealer's default otherwise. */
    public Optional<Duration> expiresIn() {
        return Optional.ofNullable(expiresIn);
    }

    /** The message id the caller chose, if any; otherwise the sealer generates one. */
    public Optional<MessageId> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** The conversation this message continues, if any. */
    public Optional<MessageId> conversationId() {
        return Optional.ofNullable(conversationId);
    }

    /** The message this one answers, if any. */
    public Optional<MessageId> replyTo() {
        return Optional.ofNullable(replyTo);
    }

    /** Custom headers. */
    public Map<String, String> properties() {
        return properties;
    }

    /** The person or case the exchange serves, if set. */
    public Optional<String> actingFor() {
        return Optional.ofNullable(actingFor);
    }

    /** The receiver's encryption certificate; present exactly for SENSITIVE messages. */
    public Optional<X509Certificate> recipientCertificate() {
        return Optional.ofNullable(recipientCertificate);
    }

    /** Collects a message; not thread-safe. */
    public static final class Builder {
        private final PartyId receiver;
        private ServiceId service;
        private String contentType;
        private Content payload;
        private final List<Attachment> attachments = new ArrayList<>();
        private Classification classification = Classification.INTERNAL;
        private Duration expiresIn;
        private MessageId messageId;
        private MessageId conversationId;
        private MessageId replyTo;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private String actingFor;
        private X509Certificate recipientCertificate;

        private Builder(PartyId receiver) {
            this.receiver = receiver;
        }

        /** The service the payload belongs to (required). */
        public Builder service(ServiceId id) {
            this.service = Objects.requireNonNull(id, "service");
            return this;
        }

        /** The payload: {@code value} as JSON ({@code application/json}) through the SDK's JSON codec. */
        public Builder json(Object value) {
            return payload("application/json", Content.of(JSON.write(value)));
        }

        /** The payload: a JAXB object as XML ({@code application/xml}) through the SDK's XML codec. */
        public Builder xml(Object jaxbElement) {
            return payload("application/xml", Content.of(XML.write(jaxbElement)));
        }

        /** The payload: bytes of the given media type. */
        public Builder bytes(String mediaType, byte[] bytes) {
            return payload(mediaType, Content.of(bytes));
        }

        /** The payload: content of the given media type, streamed (e.g. {@code Content.of(path)}). */
        public Builder payload(String mediaType, Content content) {
            this.contentType = HeaderText.requireMediaType("contentType", mediaType);
            this.payload = Objects.requireNonNull(content, "content");
            return this;
        }

        /** Attaches a file, named by its file name, its media type guessed from the extension. */
        public Builder attach(Path file) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            return attach(name, TYPES_BY_EXTENSION.getOrDefault(extension, "application/octet-stream"), Content.of(file));
        }

        /** Attaches content under a plain file name with a media type. */
        public Builder attach(String name, String mediaType, Content content) {
            attachments.add(new Attachment(name, mediaType, content));
            return this;
        }

        /** How sensitive the message is; INTERNAL by default. SENSITIVE needs {@link #encryptFor}. */
        public Builder classification(Classification value) {
            this.classification = Objects.requireNonNull(value, "classification");
            return this;
        }

        /** How long the message may be delivered; at most {@link EnvelopeHeader#MAX_LIFETIME}. */
        public Builder expiresIn(Duration lifetime) {
            this.expiresIn = Objects.requireNonNull(lifetime, "expiresIn");
            return this;
        }

        /** Chooses the message id (e.g. derived from a business key, for idempotent retries). */
        public Builder messageId(MessageId id) {
            this.messageId = id;
            return this;
        }

        /** Continues a conversation. */
        public Builder conversation(MessageId id) {
            this.conversationId = id;
            return this;
        }

        /** Answers a message (and continues its conversation unless one is set). */
        public Builder replyTo(MessageId id) {
            this.replyTo = id;
            return this;
        }

        /** Adds a custom header. */
        public Builder property(String name, String value) {
            this.properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Records the person or case the exchange serves, for audit. */
        public Builder actingFor(String value) {
            this.actingFor = value;
            return this;
        }

        /** The receiver's encryption certificate (GM encryption or INTL) a SENSITIVE message is encrypted for. */
        public Builder encryptFor(X509Certificate receiverEncryptionCertificate) {
            this.recipientCertificate = Objects.requireNonNull(receiverEncryptionCertificate, "certificate");
            return this;
        }

        /**
         * Builds the message.
         *
         * @throws ValidationException listing what is missing or inconsistent
         */
        public Message build() {
            List<Finding> findings = new ArrayList<>();
            if (service == null) {
                findings.add(new Finding("service", "message.required", "service is required: service(ServiceId.of(...))"));
            }
            if (payload == null) {
                findings.add(new Finding("payload", "message.required", "a payload is required: json(...), xml(...) or bytes(...)"));
            }
            if (classification.requiresEncryption() && recipientCertificate == null) {
                findings.add(new Finding("encryptFor", "message.recipientCertificate",
                        "a SENSITIVE message is encrypted end to end: give the receiver's encryption certificate with encryptFor(...)"));
            }
            if (!classification.requiresEncryption() && recipientCertificate != null) {
                findings.add(new Finding("encryptFor", "message.recipientCertificate",
                        "only SENSITIVE messages are encrypted; classify the message SENSITIVE or drop encryptFor(...)"));
            }
            if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero()
                    || expiresIn.compareTo(EnvelopeHeader.MAX_LIFETIME) > 0)) {
                findings.add(new Finding("expiresIn", "envelope.lifetime", "expiresIn must be positive and at most "
                        + EnvelopeHeader.MAX_LIFETIME.toDays() + " days"));
            }
            if (!findings.isEmpty()) {
                throw new ValidationException(findings);
            }
            return new Message(this);
        }
    }
}
