package org.goldensdk.exchange;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.SignatureAlgorithm;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.Verifier;

/** The checks envelopes and receipts share: signature first, then what the signed data claims about its signer. */
final class SignedParts {
    /** How many signers' verifiers are kept; the memory is emptied when it is full. */
    static final int MAX_VERIFIERS = 256;
    /**
     * Verifiers by signer certificate (equal = same encoding, hence same key). Building a verifier
     * decodes the key and, for SM2, computes Z; a kept one also keeps BouncyCastle's precomputed
     * multiples of the public point — together several times the cost of one verification.
     */
    private static final Map<X509Certificate, Verifier> VERIFIERS = new ConcurrentHashMap<>();

    private SignedParts() {
    }

    /** Verifies {@code signature} over {@code canonical} with {@code signer}'s key; returns the verifier used. */
    static Verifier requireSignature(String what, byte[] canonical, byte[] signature, X509Certificate signer) {
        Verifier verifier = verifierFor(signer);
        if (!verifier.verify(canonical, signature)) {
            throw new SignatureException("the " + what + " signature does not verify with the certificate of "
                    + Certificates.subject(signer) + ": it was altered after signing, or signed with another key");
        }
        return verifier;
    }

    private static Verifier verifierFor(X509Certificate signer) {
        Verifier kept = VERIFIERS.get(signer);
        if (kept != null) {
            return kept;
        }
        Verifier verifier = Verifier.of(signer);
        if (VERIFIERS.size() >= MAX_VERIFIERS) {
            VERIFIERS.clear();
        }
        VERIFIERS.put(signer, verifier);
        return verifier;
    }

    /** The declared algorithm and certificate digest must be those of the certificate that verified. */
    static void requireDeclaredSigner(String what, SignatureAlgorithm declaredAlgorithm, DigestValue declaredDigest,
            X509Certificate signer, Verifier verifier) {
        if (declaredAlgorithm != verifier.algorithm()) {
            throw new SignatureException("the " + what + " declares signature algorithm " + declaredAlgorithm
                    + " but the signer certificate's key signs " + verifier.algorithm());
        }
        if (!Certificates.digest(signer, verifier.suite()).equals(declaredDigest)) {
            throw new SignatureException("signerCertificateDigest in the " + what
                    + " does not match the attached signer certificate " + Certificates.subject(signer));
        }
    }

    /** The signer certificate's credit code must be {@code party}'s: a department signs only as itself. */
    static void requireSignerIs(String role, PartyId party, X509Certificate signer) {
        Optional<CreditCode> certified = Certificates.creditCode(signer);
        if (certified.isEmpty()) {
            throw new SignatureException("the signer certificate " + Certificates.subject(signer)
                    + " carries no credit code, so it cannot sign for " + role + " " + party);
        }
        if (!certified.get().equals(party.creditCode())) {
            throw new SignatureException("the signer certificate belongs to credit code " + certified.get()
                    + " but the " + role + " is " + party + "; a department signs only as itself");
        }
    }
}
