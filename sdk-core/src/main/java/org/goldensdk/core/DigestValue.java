package org.goldensdk.core;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A digest together with the algorithm that made it, printed and parsed as {@code SM3:<hex>} or
 * {@code SHA-256:<hex>} (lower-case hex). Immutable; {@link #equals} compares in constant time.
 */
public final class DigestValue {
    private static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final CryptoSuite suite;
    private final byte[] bytes;

    private DigestValue(CryptoSuite suite, byte[] bytes) {
        this.suite = suite;
        this.bytes = bytes;
    }

    /** A digest made with {@code suite}'s digest algorithm; both SM3 and SHA-256 are 32 bytes long. */
    public static DigestValue of(CryptoSuite suite, byte[] bytes) {
        Objects.requireNonNull(suite, "suite");
        if (bytes == null || bytes.length != LENGTH) {
            throw new ValidationException("digest", "length", "a " + suite.digestAlgorithmId()
                    + " digest is " + LENGTH + " bytes, got " + (bytes == null ? "none" : bytes.length));
        }
        return new DigestValue(suite, bytes.clone());
    }

    /** Parses {@code SM3:<64 hex digits>} or {@code SHA-256:<64 hex digits>}; MalformedInputException otherwise. */
    public static DigestValue parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new MalformedInputException("digest '" + text + "' is not of the form SM3:<hex> or SHA-256:<hex>", null);
        }
        CryptoSuite suite = CryptoSuite.ofDigestAlgorithm(text.substring(0, colon));
        String hex = text.substring(colon + 1);
        if (hex.length() != LENGTH * 2) {
            throw new MalformedInputException("digest '" + text + "' must carry " + LENGTH * 2 + " hex digits", null);
        }
        try {
            return new DigestValue(suite, HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("digest '" + text + "' holds a character that is not hex", e);
        }
    }

    /** The suite whose digest algorithm made this value. */
    public CryptoSuite suite() {
        return suite;
    }

    /** The digest algorithm's stable id: {@code SM3} or {@code SHA-256}. */
    public String algorithmId() {
        return suite.digestAlgorithmId();
    }

    /** A copy of the digest bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The digest as lower-case hex. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DigestValue && ((DigestValue) other).suite == suite
                && MessageDigest.isEqual(((DigestValue) other).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * suite.hashCode() + Arrays.hashCode(bytes);
    }

    /** {@code SM3:<hex>} or {@code SHA-256:<hex>}; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return algorithmId() + ":" + hex();
    }
}
