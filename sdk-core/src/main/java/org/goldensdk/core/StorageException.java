package org.goldensdk.core;

/**
 * Local storage failed: a file or spool could not be read or written, or the store's database
 * refused an operation. Nothing was half-done: the operation that raised it did not take effect.
 * Retryable, since the cause (a full disk, a database restart) is usually temporary.
 */
public class StorageException extends GoldenException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what could not be stored or read, and the cause. */
    public StorageException(String message, Throwable cause) {
        super(ErrorCode.STORAGE, message, cause);
    }
}
