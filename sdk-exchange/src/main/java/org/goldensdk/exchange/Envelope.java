package org.goldensdk.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.goldensdk.core.CanonicalJson;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.Signer;
import org.goldensdk.exchange.internal.HeaderNodes;

/**
 * A signed envelope as it travels: the header exactly as signed, the signature and the signer's
 * certificate chain. The payload and attachments travel beside it and are bound to it by the
 * digests in the header.
 *
 * <p>An envelope decoded from the wire is <em>unverified</em>: {@link #header()} may be read for
 * routing, but nothing should be acted on before {@link EnvelopeVerifier#verify} succeeded.
 * Immutable and thread-safe.
 */
public final class Envelope {
    private static final CanonicalJson CANONICAL = CanonicalJson.of();

    private final ObjectNode headerNode;
    private final byte[] canonicalHeader;
    private final byte[] signature;
    private final List<X509Certificate> signerChain;
    private volatile EnvelopeHeader header;

    private Envelope(ObjectNode sortedHeader, byte[] canonicalHeader, byte[] signature,
            List<X509Certificate> signerChain, EnvelopeHeader header) {
        this.headerNode = sortedHeader;
        this.canonicalHeader = canonicalHeader;
        this.signature = signature.clone();
        this.signerChain = List.copyOf(signerChain);
        this.header = header;
    }

    /**
     * An envelope from its parts as read from the wire. The header object's shape is checked
     * (known members, string values); its values and the signature are checked by the verifier.
     */
    static Envelope fromWire(ObjectNode headerNode, byte[] signature, List<X509Certificate> signerChain) {
        HeaderNodes.requireShape(headerNode);
        if (signerChain.isEmpty()) {
            throw new org.goldensdk.core.MalformedInputException(
                    "envelope: the signer's certificate chain is missing; send at least the signer certificate", null);
        }
        ObjectNode sorted = HeaderNodes.sortedCopy(headerNode);
        return new Envelope(sorted, CANONICAL.canonicalize(sorted), signature, signerChain, null);
    }

    /** {@code header} signed by {@code signer}: canonicalised once, for the signature and the envelope. */
    static Envelope signed(EnvelopeHeader header, Signer signer) {
        ObjectNode sorted = HeaderNodes.sortedCopy(HeaderNodes.toNode(header));
        byte[] canonical = CANONICAL.canonicalize(sorted);
        return new Envelope(sorted, canonical, signer.sign(canonical), signer.certificateChain(), header);
    }

    /**
     * The typed header. For a decoded envelope it is parsed on first use and is unverified until
     * {@link EnvelopeVerifier#verify} succeeded.
     *
     * @throws org.goldensdk.core.ValidationException if a header value breaks the format's rules
     */
    public EnvelopeHeader header() {
        EnvelopeHeader parsed = header;
        if (parsed == null) {
            parsed = HeaderNodes.toHeader(headerNode);
            header = parsed;
        }
        return parsed;
    }

    /** The exact bytes that are signed: the header as RFC 8785 canonical JSON, UTF-8. */
    public byte[] canonicalHeader() {
        return canonicalHeader.clone();
    }

    /** The signature over {@link #canonicalHeader()}, DER-encoded. */
    public byte[] signature() {
        return signature.clone();
    }

    /** The signer's certificate chain, end-entity certificate first. */
    public List<X509Certificate> signerChain() {
        return signerChain;
    }

    /**
     * The envelope's digest: the digest, in the signer's suite, of the canonical header. Receipts
     * name the envelope by it; the hub and receivers compare it to tell a resend (same digest) from
     * a conflicting reuse of a message id.
     */
    public DigestValue digest() {
        return HeaderNodes.signatureAlgorithm(headerNode.path(HeaderNodes.SIGNATURE_ALGORITHM).asText())
                .suite().digest(canonicalHeader);
    }

    ObjectNode headerNode() {
        return headerNode.deepCopy();
    }

    byte[] canonicalHeaderUnsafe() {
        return canonicalHeader;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope other && java.util.Arrays.equals(canonicalHeader, other.canonicalHeader)
                && java.util.Arrays.equals(signature, other.signature) && signerChain.equals(other.signerChain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(canonicalHeader), java.util.Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "Envelope[" + headerNode.path(HeaderNodes.MESSAGE_ID).asText() + " "
                + headerNode.path(HeaderNodes.SENDER).asText() + " -> " + headerNode.path(HeaderNodes.RECEIVER).asText() + "]";
    }
}
