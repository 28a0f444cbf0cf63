package org.goldensdk.cxf.internal;

import java.util.UUID;
import java.util.regex.Pattern;

/** Where the request id of the current request lives and what a client may send as one. */
public final class RequestIds {

    /** The SLF4J MDC key holding the request id while a request is handled. */
    public static final String MDC_KEY = "requestId";

    /** The request property (a servlet request attribute) holding the request id. */
    static final String PROPERTY = "org.goldensdk.cxf.requestId";

    // Strict so that a caller cannot inject log lines or header syntax through its request id.
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    /** The id given to {@code request}, or null before the request id filter ran. */
    public static String of(jakarta.servlet.http.HttpServletRequest request) {
        Object id = request.getAttribute(PROPERTY);
        return id == null ? null : id.toString();
    }

    /** {@code offered} when it is a harmless id, otherwise a fresh random one. */
    public static String acceptOrCreate(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
