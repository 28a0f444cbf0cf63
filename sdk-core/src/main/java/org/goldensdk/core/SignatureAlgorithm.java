package org.goldensdk.core;

import java.security.PublicKey;
import java.util.Arrays;
import org.goldensdk.core.internal.crypto.Keys;

/**
 * A signature algorithm with the stable id that goes into signed data. Signatures are ASN.1 DER
 * ({@code SEQUENCE {r, s}}) for SM2-SM3 and ES256 — the X.509/CMS form, not JOSE's raw r||s — and
 * PKCS#1 v1.5 for RS256. SM2 always uses the GM/T 0009 user ID {@code 1234567812345678}.
 */
public enum SignatureAlgorithm {
    /** SM2 with SM3 (GB/T 32918.2), user ID {@code 1234567812345678}. */
    SM2_SM3("SM2-SM3", CryptoSuite.GM),
    /** ECDSA on P-256 with SHA-256. */
    ES256("ES256", CryptoSuite.INTL),
    /** RSASSA-PKCS1-v1_5 with SHA-256, for INTL departments that hold RSA certificates. */
    RS256("RS256", CryptoSuite.INTL);

    private final String id;
    private final CryptoSuite suite;

    SignatureAlgorithm(String id, CryptoSuite suite) {
        this.id = id;
        this.suite = suite;
    }

    /** The stable id written into signed data, e.g. {@code SM2-SM3}. */
    public String id() {
        return id;
    }

    /** The suite this algorithm belongs to. */
    public CryptoSuite suite() {
        return suite;
    }

    /** The algorithm a key of this type signs with; CryptoException for keys the SDK does not support. */
    public static SignatureAlgorithm of(PublicKey key) {
        switch (Keys.kind(key)) {
            case SM2:
                return SM2_SM3;
            case P256:
                return ES256;
            default:
                return RS256;
        }
    }

    /** The algorithm with this id; MalformedInputException for an unknown id. */
    public static SignatureAlgorithm parse(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst()
                .orElseThrow(() -> new MalformedInputException("unknown signature algorithm '" + id
                        + "'; expected one of SM2-SM3, ES256, RS256", null));
    }

    @Override
    public String toString() {
        return id;
    }
}
