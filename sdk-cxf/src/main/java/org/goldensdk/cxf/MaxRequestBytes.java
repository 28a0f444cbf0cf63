package org.goldensdk.cxf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the {@link RestApi#maxRequestBytes() API's request body limit} for one resource
 * method, or for every method of a resource class. A body announced or streamed beyond the limit
 * is refused with 413 {@code E_PAYLOAD_TOO_LARGE}; at most the limit is ever read.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface MaxRequestBytes {
    /** The largest accepted request body in bytes; must be positive. */
    long value();
}
