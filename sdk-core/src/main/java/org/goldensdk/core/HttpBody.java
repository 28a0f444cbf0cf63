package org.goldensdk.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A request body: bytes, or a stream opened afresh for every attempt so a retried request sends
 * the same content. Immutable; the byte form copies its input.
 */
public final class HttpBody {

    /** Opens the body's content; called once per attempt. */
    @FunctionalInterface
    public interface Source {
        /** A new stream positioned at the start of the content; the transport closes it. */
        InputStream open() throws IOException;
    }

    private final String contentType;
    private final long length;
    private final Source source;

    private HttpBody(String contentType, long length, Source source) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.length = length;
        this.source = source;
    }

    /** A body holding a copy of {@code content}. */
    public static HttpBody of(byte[] content, String contentType) {
        byte[] copy = content.clone();
        return new HttpBody(contentType, copy.length, () -> new ByteArrayInputStream(copy));
    }

    /**
     * A streamed body of {@code length} bytes, or of unknown length (sent chunked) when
     * {@code length} is -1.
     */
    public static HttpBody stream(Source source, String contentType, long length) {
        if (length < -1) {
            throw new IllegalArgumentException("length must be -1 (unknown) or >= 0, got " + length);
        }
        return new HttpBody(contentType, length, Objects.requireNonNull(source, "source"));
    }

    /** The media type, e.g. {@code application/json}. */
    public String contentType() {
        return contentType;
    }

    /** The length in bytes, or -1 when unknown. */
    public long length() {
        return length;
    }

    /** Opens the content for one attempt. */
    public InputStream open() throws IOException {
        return source.open();
    }
}
