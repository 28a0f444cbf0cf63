package org.goldensdk.portal;

/** Told how far an upload has got; called on the uploading thread, so it must return quickly. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (transferred, total) -> { };

    /**
     * {@code transferred} of {@code total} bytes have been sent (the last call has them equal). A
     * retried upload starts again from 0.
     */
    void progress(long transferred, long total);
}
