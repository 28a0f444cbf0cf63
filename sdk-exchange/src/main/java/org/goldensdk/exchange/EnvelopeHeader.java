package org.goldensdk.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.EncryptionHeader;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.SignatureAlgorithm;
import org.goldensdk.exchange.internal.HeaderText;

/**
 * The signed header of an envelope (format version {@value #FORMAT_VERSION}): who sends what to
 * whom, for which service, when, how sensitive, and the digests that cover the payload and the
 * attachments. Every field of DESIGN §4; the canonical form that is signed is described in
 * {@code docs/exchange/envelope.md}. Immutable; built only through {@link #builder()}, which
 * checks every rule and reports all broken ones at once.
 */
public final class EnvelopeHeader {
    /** The envelope format version this SDK writes and reads. */
    public static final String FORMAT_VERSION = "1";
    /** The longest life an envelope may have: {@code expiresAt - createdAt}. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(30);
    /** Most attachments one envelope may carry. */
    public static final int MAX_ATTACHMENTS = 1000;
    /** Most custom properties one envelope may carry. */
    public static final int MAX_PROPERTIES = 100;

    private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
    private static final int MAX_ACTING_FOR = 256;

    private final MessageId messageId;
    private final MessageId conversationId;
    private final MessageId replyTo;
    private final PartyId sender;
    private final PartyId receiver;
    private final ServiceId service;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final Classification classification;
    private final String contentType;
    private final DigestValue payloadDigest;
    private final long payloadSize;
    private final EncryptionHeader payloadEncryption;
    private final List<AttachmentInfo> attachments;
    private final Map<String, String> properties;
    private final String actingFor;
    private final SignatureAlgorithm signatureAlgorithm;
    private final DigestValue signerCertificateDigest;

    private EnvelopeHeader(Builder b) {
        this.messageId = b.messageId;
        this.conversationId = b.conversationId == null ? b.messageId : b.conversationId;
        this.replyTo = b.replyTo;
        this.sender = b.sender;
        this.receiver = b.receiver;
        this.service = b.service;
        this.createdAt = b.createdAt;
        this.expiresAt = b.expiresAt;
        this.classification = b.classification;
        this.contentType = b.contentType;
        this.payloadDigest = b.payloadDigest;
        this.payloadSize = b.payloadSize;
        this.payloadEncryption = b.payloadEncryption;
        this.attachments = List.copyOf(b.attachments);
        this.properties = Collections.unmodifiableMap(new TreeMap<>(b.properties));
        this.actingFor = b.actingFor;
        this.signatureAlgorithm = b.signatureAlgorithm;
        this.signerCertificateDigest = b.signerCertificateDigest;
    }

    /** A builder; {@link Builder#build()} validates. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this header's values, to derive a changed header (tests, tools). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.messageId = messageId;
        b.conversationId = conversationId;
        b.replyTo = replyTo;
        b.sender = sender;
        b.receiver = receiver;
        b.service = service;
        b.createdAt = createdAt;
        b.expiresAt = expiresAt;
        b.classification = classification;
        b.contentType = contentType;
        b.payloadDigest = payloadDigest;
        b.payloadSize = payloadSize;
        b.payloadEncryption = payloadEncryption;
        b.attachments.addAll(attachments);
        b.properties.putAll(properties);
        b.actingFor = actingFor;
        b.signatureAlgorithm = signatureAlgorithm;
        b.signerCertificateDigest = signerCertificateDigest;
        return b;
    }

    /** The format version, always {@value #FORMAT_VERSION}. */
    public String formatVersion() {
        return FORMAT_VERSION;
    }

    /** The sender's id for this message; with the sender, the deduplication key. */
    public MessageId messageId() {
        return messageId;
    }

    /** The conversation this message belongs to; the message id itself when it starts one. */
    public MessageId conversationId() {
        return conversationId;
    }

    /** The message this one answers, if any. */
    public Optional<MessageId> replyTo() {
        return Optional.ofNullable(replyTo);
    }

    /** The sending party; its credit code must match the signer certificate's. */
    public PartyId sender() {
        return sender;
    }

    /** The receiving party. */
    public PartyId receiver() {
        return receiver;
    }

    /** The service (business type and version) the payload belongs to. */
    public ServiceId service() {
        return service;
    }

    /** When the sender created the envelope, to the millisecond. */
    public Instant createdAt() {
        return createdAt;
    }

    /** After this instant the envelope must not be delivered or handled. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** How sensitive the content is. */
    public Classification classification() {
        return classification;
    }

    /** The media type of the payload's plaintext. */
    public String contentType() {
        return contentType;
    }

    /** The digest of the payload bytes as carried (ciphertext when SENSITIVE). */
    public DigestValue payloadDigest() {
        return payloadDigest;
    }

    /** The number of payload bytes as carried. */
    public long payloadSize() {
        return payloadSize;
    }

    /** How the payload was encrypted for the receiver; present exactly for SENSITIVE messages. */
    public Optional<EncryptionHeader> payloadEncryption() {
        return Optional.ofNullable(payloadEncryption);
    }

    /** The attachment manifest, in order. */
    public List<AttachmentInfo> attachments() {
        return attachments;
    }

    /** Custom headers, sorted by name. */
    public Map<String, String> properties() {
        return properties;
    }

    /** The person or case the exchange serves, recorded for audit. */
    public Optional<String> actingFor() {
        return Optional.ofNullable(actingFor);
    }

    /** The algorithm of the sender's signature; its suite is the digests' suite. */
    public SignatureAlgorithm signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The digest of the signer's certificate (DER). */
    public DigestValue signerCertificateDigest() {
        return signerCertificateDigest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnvelopeHeader other && messageId.equals(other.messageId)
                && conversationId.equals(other.conversationId) && Objects.equals(replyTo, other.replyTo)
                && sender.equals(other.sender) && receiver.equals(other.receiver) && service.equals(other.service)
                && createdAt.equals(other.createdAt) && expiresAt.equals(other.expiresAt)
                && classification == other.classification && contentType.equals(other.contentType)
                && payloadDigest.equals(other.payloadDigest) && payloadSize == other.payloadSize
                && attachments.equals(other.attachments) && properties.equals(other.properties)
                && Objects.equals(actingFor, other.actingFor) && signatureAlgorithm == other.signatureAlgorithm
                && signerCertificateDigest.equals(other.signerCertificateDigest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, sender, receiver, payloadDigest);
    }

    /** A summary without the acting-for value (which may name a person). */
    @Override
    public String toString() {
        return "EnvelopeHeader[" + messageId + " " + sender + " -> " + receiver + " " + service + " "
                + classification + "]";
    }

    /** Collects header values; not thread-safe. */
    public static final class Builder {
        private MessageId messageId;
        private MessageId conversationId;
        private MessageId replyTo;
        private PartyId sender;
        private PartyId receiver;
        private ServiceId service;
        private Instant createdAt;
        private Instant expiresAt;
        private Classification classification;
        private String contentType;
        private DigestValue payloadDigest;
        private long payloadSize = -1;
        private EncryptionHeader payloadEncryption;
        private final List<AttachmentInfo> attachments = new ArrayList<>();
        private final Map<String, String> properties = new TreeMap<>();
        private String actingFor;
        private SignatureAlgorithm signatureAlgorithm;
        private DigestValue signerCertificateDigest;

        private Builder() {
        }

        /** Sets the message id (required). */
        public Builder messageId(MessageId id) {
            this.messageId = id;
            return this;
        }

        /** Sets the conversation id; defaults to the message id. */
        public Builder conversationId(MessageId id) {
            this.conversationId = id;
            return this;
        }

        /** Sets the id of the message this one answers. */
        public Builder replyTo(MessageId id) {
            this.replyTo = id;
            return this;
        }

        /** Sets the sender (required). */
        public Builder sender(PartyId party) {
            this.sender = party;
            return this;
        }

        /** Sets the receiver (required). */
        public Builder receiver(PartyId party) {
            this.receiver = party;
            return this;
        }

        /** Sets the service (required). */
        public Builder service(ServiceId id) {
            this.service = id;
            return this;
        }

        /** Sets the creation time (required); kept to the millisecond. */
        public Builder createdAt(Instant instant) {
            this.createdAt = instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            return this;
        }

        /** Sets the expiry (required); kept to the millisecond. */
        public Builder expiresAt(Instant instant) {
            this.expiresAt = instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            return this;
        }

        /** Sets the classification (required). */
        public Builder classification(Classification value) {
            this.classification = value;
            return this;
        }

        /** Sets the payload's media type (required). */
        public Builder contentType(String mediaType) {
            this.contentType = mediaType;
            return this;
        }

        /** Sets the digest and size of the payload as carried (required). */
        public Builder payload(DigestValue digest, long size) {
            this.payloadDigest = digest;
            this.payloadSize = size;
            return this;
        }

        /** Sets how the payload was encrypted (required exactly for SENSITIVE). */
        public Builder payloadEncryption(EncryptionHeader header) {
            this.payloadEncryption = header;
            return this;
        }

        /** Appends an attachment to the manifest. */
        public Builder addAttachment(AttachmentInfo attachment) {
            this.attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        /** Sets a custom header. */
        public Builder property(String name, String value) {
            this.properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets the person or case the exchange serves. */
        public Builder actingFor(String value) {
            this.actingFor = value;
            return this;
        }

        /** Sets the signature algorithm and the signer certificate's digest (both required). */
        public Builder signer(SignatureAlgorithm algorithm, DigestValue certificateDigest) {
            this.signatureAlgorithm = algorithm;
            this.signerCertificateDigest = certificateDigest;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws org.goldensdk.core.ValidationException listing every broken rule
         */
        public EnvelopeHeader build() {
            List<org.goldensdk.core.Finding> findings = new ArrayList<>();
            require(findings, messageId, "messageId");
            require(findings, sender, "sender");
            require(findings, receiver, "receiver");
            require(findings, service, "service");
            require(findings, createdAt, "createdAt");
            require(findings, expiresAt, "expiresAt");
            require(findings, classification, "classification");
            require(findings, contentType, "contentType");
            require(findings, payloadDigest, "payloadDigest");
            require(findings, signatureAlgorithm, "signatureAlgorithm");
            require(findings, signerCertificateDigest, "signerCertificateDigest");
            if (payloadSize < 0) {
                findings.add(finding("payloadSize", "required", "payloadSize is required and must not be negative"));
            }
            if (createdAt != null && expiresAt != null) {
                if (!expiresAt.isAfter(createdAt)) {
                    findings.add(finding("expiresAt", "lifetime", "expiresAt must be after createdAt"));
                } else if (Duration.between(createdAt, expiresAt).compareTo(MAX_LIFETIME) > 0) {
                    findings.add(finding("expiresAt", "lifetime", "an envelope may live at most " + MAX_LIFETIME.toDays()
                            + " days; send again later rather than setting a longer expiry"));
                }
            }
            check(findings, () -> HeaderText.requireMediaType("contentType", contentType), contentType);
            if (signatureAlgorithm != null) {
                for (DigestValue digest : digests()) {
                    if (digest.suite() != signatureAlgorithm.suite()) {
                        findings.add(finding("digests", "suite", "digest " + digest.algorithmId()
                                + " does not belong to the signer's suite " + signatureAlgorithm.suite().id()));
                        break;
                    }
                }
            }
            if (classification != null) {
                boolean encrypted = classification.requiresEncryption();
                if ((payloadEncryption != null) != encrypted
                        || attachments.stream().anyMatch(a -> a.encryption().isPresent() != encrypted)) {
                    findings.add(finding("classification", "encryption", encrypted
                            ? "a SENSITIVE message must carry its payload and every attachment encrypted for the receiver"
                            : "only SENSITIVE messages carry encrypted content; classify the message SENSITIVE"));
                }
            }
            if (attachments.size() > MAX_ATTACHMENTS) {
                findings.add(finding("attachments", "count", "at most " + MAX_ATTACHMENTS + " attachments per envelope"));
            }
            Set<String> names = new HashSet<>();
            for (AttachmentInfo attachment : attachments) {
                if (!names.add(attachment.name())) {
                    findings.add(finding("attachments", "duplicateName", "two attachments are named '"
                            + attachment.name() + "'; attachment names must be unique"));
                }
            }
            if (properties.size() > MAX_PROPERTIES) {
                findings.add(finding("properties", "count", "at most " + MAX_PROPERTIES + " custom properties"));
            }
            properties.forEach((name, value) -> {
                if (!PROPERTY_NAME.matcher(name).matches()) {
                    findings.add(finding("properties", "propertyName", "property name '" + abbreviate(name)
                            + "' must start with a letter and hold only letters, digits, '.', '_' or '-' (at most 64)"));
                }
                check(findings, () -> HeaderText.requireCarriable("properties." + name, value), value);
            });
            if (actingFor != null) {
                if (actingFor.isEmpty() || actingFor.length() > MAX_ACTING_FOR) {
                    findings.add(finding("actingFor", "length", "actingFor must hold 1 to " + MAX_ACTING_FOR + " characters"));
                }
                check(findings, () -> HeaderText.requireCarriable("actingFor", actingFor), actingFor);
            }
            if (!findings.isEmpty()) {
                throw new org.goldensdk.core.ValidationException(findings);
            }
            return new EnvelopeHeader(this);
        }

        private List<DigestValue> digests() {
            List<DigestValue> digests = new ArrayList<>();
            if (payloadDigest != null) {
                digests.add(payloadDigest);
            }
            if (signerCertificateDigest != null) {
                digests.add(signerCertificateDigest);
            }
            attachments.forEach(a -> digests.add(a.digest()));
            return digests;
        }

        private static void require(List<org.goldensdk.core.Finding> findings, Object value, String field) {
            if (value == null) {
                findings.add(finding(field, "required", field + " is required"));
            }
        }

        private static void check(List<org.goldensdk.core.Finding> findings, Runnable rule, Object value) {
            if (value == null) {
                return;
            }
            try {
                rule.run();
            } catch (org.goldensdk.core.ValidationException e) {
                findings.addAll(e.findings());
            }
        }

        private static org.goldensdk.core.Finding finding(String field, String rule, String message) {
            return new org.goldensdk.core.Finding(field, "envelope." + rule, message);
        }

        private static String abbreviate(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }
    }
}
