package org.goldensdk.core;

/** A cryptographic operation could not be performed: unusable key, wrong suite or unsupported algorithm. */
public class CryptoException extends GoldenException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what was wrong and what to do. */
    public CryptoException(String message) {
        super(ErrorCode.CRYPTO, message);
    }

    /** Creates the exception with a message and its cause. */
    public CryptoException(String message, Throwable cause) {
        super(ErrorCode.CRYPTO, message, cause);
    }

    /** Creates the exception as reported by a remote party. */
    public CryptoException(String message, RemoteDetails remote) {
        super(ErrorCode.CRYPTO, message, null, remote);
    }
}
