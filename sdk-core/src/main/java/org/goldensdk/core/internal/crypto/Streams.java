package org.goldensdk.core.internal.crypto;

import java.io.IOException;
import java.io.InputStream;
import org.goldensdk.core.MalformedInputException;

/** Feeds a stream through a consumer in fixed-size chunks, so no input is ever held whole in memory. */
public final class Streams {
    /** The size of the chunks handed to a {@link ChunkConsumer}. */
    public static final int CHUNK = 16 * 1024;

    /** Receives one chunk of input. */
    @FunctionalInterface
    public interface ChunkConsumer {
        /** Processes {@code length} bytes of {@code buffer} starting at 0. */
        void accept(byte[] buffer, int length) throws IOException;
    }

    private Streams() {
    }

    /** Reads {@code in} to its end, passing each chunk to {@code consumer}; does not close the stream. */
    public static void feed(InputStream in, ChunkConsumer consumer) {
        byte[] buffer = new byte[CHUNK];
        try {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (read > 0) {
                    consumer.accept(buffer, read);
                }
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** The typed error for a stream that failed while being read or written. */
    public static MalformedInputException failed(IOException e) {
        return new MalformedInputException("the data stream failed while being processed: " + e.getMessage()
                + "; nothing was signed, verified or decrypted — retry with a readable stream", e);
    }
}
