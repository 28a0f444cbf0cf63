package org.goldensdk.exchange;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.goldensdk.core.CanonicalJson;
import org.goldensdk.core.CertificatePurpose;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.SignatureAlgorithm;
import org.goldensdk.core.Signer;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.core.ValidationException;
import org.goldensdk.core.Verifier;
import org.goldensdk.exchange.internal.HeaderNodes;
import org.goldensdk.exchange.internal.HeaderText;

/**
 * A signed statement by its issuer (the hub or the receiver) that a message reached a state: over
 * (message id, envelope digest, state, issuer, time, reason), in the same canonical JSON form as an
 * envelope header. A REJECTED receipt carries a reason code. Verify a received receipt with
 * {@link #verify} before believing it. Immutable and thread-safe.
 */
public final class Receipt {
    static final String ENVELOPE_DIGEST = "envelopeDigest";
    static final String STATE = "state";
    static final String ISSUER = "issuer";
    static final String ISSUED_AT = "issuedAt";
    static final String REASON_CODE = "reasonCode";
    static final String REASON = "reason";
    private static final Set<String> MEMBERS = Set.of(HeaderNodes.FORMAT_VERSION, HeaderNodes.MESSAGE_ID,
            ENVELOPE_DIGEST, STATE, ISSUER, ISSUED_AT, REASON_CODE, REASON, HeaderNodes.SIGNATURE_ALGORITHM,
            HeaderNodes.SIGNER_CERTIFICATE_DIGEST);
    private static final Pattern REASON_CODE_FORM = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
    private static final int MAX_REASON = 1024;
    private static final CanonicalJson CANONICAL = CanonicalJson.of();

    private final ObjectNode node;
    private final byte[] canonical;
    private final byte[] signature;
    private final List<X509Certificate> signerChain;
    private final MessageId messageId;
    private final DigestValue envelopeDigest;
    private final ReceiptState state;
    private final PartyId issuer;
    private final Instant issuedAt;
    private final String reasonCode;
    private final String reason;
    private final SignatureAlgorithm signatureAlgorithm;
    private final DigestValue signerCertificateDigest;

    private Receipt(ObjectNode sortedNode, byte[] canonical, byte[] signature, List<X509Certificate> signerChain) {
        this.node = sortedNode;
        this.canonical = canonical;
        this.signature = signature.clone();
        this.signerChain = List.copyOf(signerChain);
        String version = text(HeaderNodes.FORMAT_VERSION);
        if (!EnvelopeHeader.FORMAT_VERSION.equals(version)) {
            throw HeaderText.invalid(HeaderNodes.FORMAT_VERSION, "formatVersion", "'" + version
                    + "' is not a receipt version this SDK reads");
        }
        this.messageId = MessageId.parse(text(HeaderNodes.MESSAGE_ID));
        this.envelopeDigest = HeaderNodes.digest(text(ENVELOPE_DIGEST));
        this.state = parseState(text(STATE));
        this.issuer = PartyId.parse(text(ISSUER));
        this.issuedAt = HeaderText.parseTimestamp(ISSUED_AT, text(ISSUED_AT));
        this.reasonCode = node.has(REASON_CODE) ? text(REASON_CODE) : null;
        this.reason = node.has(REASON) ? text(REASON) : null;
        this.signatureAlgorithm = HeaderNodes.signatureAlgorithm(text(HeaderNodes.SIGNATURE_ALGORITHM));
        this.signerCertificateDigest = HeaderNodes.digest(text(HeaderNodes.SIGNER_CERTIFICATE_DIGEST));
        requireReason(state, reasonCode, reason);
    }

    /**
     * Issues a receipt for {@code envelope}, signed now by {@code signer} on behalf of {@code issuer}.
     *
     * @param reasonCode required for REJECTED ({@code [A-Z][A-Z0-9_]{1,63}}, e.g. {@code E_UNKNOWN_COMPANY}), absent otherwise
     * @param reason optional human-readable explanation
     * @throws ValidationException for a missing or malformed reason code
     */
    public static Receipt issue(Envelope envelope, ReceiptState state, PartyId issuer, Signer signer, Instant issuedAt,
            String reasonCode, String reason) {
        return issue(envelope.header().messageId(), envelope.digest(), state, issuer, signer, issuedAt, reasonCode, reason);
    }

    /** Issues a receipt for the envelope with this message id and digest; see {@link #issue(Envelope, ReceiptState, PartyId, Signer, Instant, String, String)}. */
    public static Receipt issue(MessageId messageId, DigestValue envelopeDigest, ReceiptState state, PartyId issuer,
            Signer signer, Instant issuedAt, String reasonCode, String reason) {
        requireReason(Objects.requireNonNull(state, "state"), reasonCode, reason);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(HeaderNodes.FORMAT_VERSION, EnvelopeHeader.FORMAT_VERSION);
        node.put(HeaderNodes.MESSAGE_ID, messageId.toString());
        node.put(ENVELOPE_DIGEST, envelopeDigest.toString());
        node.put(STATE, state.name());
        node.put(ISSUER, issuer.toString());
        node.put(ISSUED_AT, HeaderText.timestamp(issuedAt));
        if (reasonCode != null) {
            node.put(REASON_CODE, reasonCode);
        }
        if (reason != null) {
            node.put(REASON, reason);
        }
        node.put(HeaderNodes.SIGNATURE_ALGORITHM, signer.algorithm().id());
        node.put(HeaderNodes.SIGNER_CERTIFICATE_DIGEST, Certificates.digest(signer.certificate(), signer.suite()).toString());
        ObjectNode sorted = HeaderNodes.sortedCopy(node);
        byte[] canonical = CANONICAL.canonicalize(sorted);
        return new Receipt(sorted, canonical, signer.sign(canonical), signer.certificateChain());
    }

    /** A receipt from its parts as read from the wire; its values are checked, its signature by {@link #verify}. */
    static Receipt fromWire(ObjectNode node, byte[] signature, List<X509Certificate> signerChain) {
        node.fieldNames().forEachRemaining(name -> {
            if (!MEMBERS.contains(name)) {
                throw new MalformedInputException("receipt: unknown member '" + name + "'", null);
            }
        });
        node.fields().forEachRemaining(m -> {
            if (!m.getValue().isTextual()) {
                throw new MalformedInputException("receipt: " + m.getKey() + " must be a JSON string", null);
            }
        });
        if (signerChain.isEmpty()) {
            throw new MalformedInputException("receipt: the issuer's certificate chain is missing", null);
        }
        ObjectNode sorted = HeaderNodes.sortedCopy(node);
        return new Receipt(sorted, CANONICAL.canonicalize(sorted), signature, signerChain);
    }

    /**
     * Verifies the signature over the canonical receipt, the declared signer, the certificate path
     * (for signing, at {@code at}) and that the certificate's credit code is the issuer's.
     *
     * @throws org.goldensdk.core.SignatureException naming what failed — a forged receipt never verifies
     */
    public void verify(TrustAnchors trustAnchors, Instant at) {
        X509Certificate signer = signerChain.get(0);
        Verifier verifier = SignedParts.requireSignature("receipt", canonical, signature, signer);
        SignedParts.requireDeclaredSigner("receipt", signatureAlgorithm, signerCertificateDigest, signer, verifier);
        trustAnchors.validate(signerChain, CertificatePurpose.SIGNING, at);
        SignedParts.requireSignerIs("receipt's issuer", issuer, signer);
    }

    /** The message the receipt is about. */
    public MessageId messageId() {
        return messageId;
    }

    /** The digest of the envelope the issuer saw ({@link Envelope#digest()}). */
    public DigestValue envelopeDigest() {
        return envelopeDigest;
    }

    /** The state reported. */
    public ReceiptState state() {
        return state;
    }

    /** The party that issued and signed the receipt. */
    public PartyId issuer() {
        return issuer;
    }

    /** When the issuer signed it. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** The reason code of a REJECTED receipt. */
    public Optional<String> reasonCode() {
        return Optional.ofNullable(reasonCode);
    }

    /** The issuer's explanation, if any. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** The exact signed bytes (canonical JSON). */
    public byte[] canonicalBytes() {
        return canonical.clone();
    }

    /** The issuer's signature. */
    public byte[] signature() {
        return signature.clone();
    }

    /** The issuer's certificate chain, end-entity first. */
    public List<X509Certificate> signerChain() {
        return signerChain;
    }

    ObjectNode node() {
        return node.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Receipt other && java.util.Arrays.equals(canonical, other.canonical)
                && java.util.Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(canonical);
    }

    @Override
    public String toString() {
        return "Receipt[" + messageId + " " + state + (reasonCode == null ? "" : " " + reasonCode) + " by " + issuer + "]";
    }

    private String text(String member) {
        if (!node.has(member)) {
            throw HeaderText.invalid(member, "required", "is required in a receipt");
        }
        return HeaderText.requireCarriable(member, node.get(member).asText());
    }

    private static ReceiptState parseState(String text) {
        try {
            return ReceiptState.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(STATE, "receipt.state", "state must be ACCEPTED, DELIVERED, PROCESSED or REJECTED");
        }
    }

    static void requireReason(ReceiptState state, String reasonCode, String reason) {
        if (state == ReceiptState.REJECTED && reasonCode == null) {
            throw new ValidationException(REASON_CODE, "receipt.reasonCode",
                    "a REJECTED receipt needs a reason code such as E_UNKNOWN_COMPANY");
        }
        if (state != ReceiptState.REJECTED && reasonCode != null) {
            throw new ValidationException(REASON_CODE, "receipt.reasonCode", "only a REJECTED receipt carries a reason code");
        }
        if (reasonCode != null && !REASON_CODE_FORM.matcher(reasonCode).matches()) {
            throw new ValidationException(REASON_CODE, "receipt.reasonCode",
                    "a reason code is 2 to 64 characters of A-Z, 0-9 and '_', starting with a letter");
        }
        if (reason != null) {
            HeaderText.requireCarriable(REASON, reason);
            if (reason.isEmpty() || reason.length() > MAX_REASON) {
                throw new ValidationException(REASON, "receipt.reason", "a reason holds 1 to " + MAX_REASON + " characters");
            }
        }
    }
}
