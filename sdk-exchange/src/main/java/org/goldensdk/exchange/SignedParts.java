package org.goldensdk.exchange;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.goldensdk.core.Certificates;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.DigestValue;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.SignatureAlgorithm;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.Verifier;

/** The checks envelopes and receipts share: signature first, then what the signed data claims about its signer. */
final class SignedParts {
    private SignedParts() {
    }

    /** Verifies {@code signature} over {@code canonical} with {@code signer}'s key; returns the verifier used. */
    static Verifier requireSignature(String what, byte[] canonical, byte[] signature, X509Certificate signer) {
        Verifier verifier = Verifier.of(signer);
        if (!verifier.verify(canonical, signature)) {
            throw new SignatureException("the " + what + " signature does not verify with the certificate of "
                    + Certificates.subject(signer) + ": it was altered after signing, or signed with another key");
        }
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
