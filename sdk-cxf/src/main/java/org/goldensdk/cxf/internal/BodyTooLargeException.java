package org.goldensdk.cxf.internal;

import java.io.IOException;

/** Reading a request body went past its limit; the reader stops there. */
final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    BodyTooLargeException(long limit) {
        super("the request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
