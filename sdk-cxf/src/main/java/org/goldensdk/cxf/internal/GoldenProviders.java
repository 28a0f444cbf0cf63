package org.goldensdk.cxf.internal;

import java.util.List;

/** The JAX-RS providers that give a set of resources the SDK's server behaviour. */
public final class GoldenProviders {

    private GoldenProviders() {
    }

    /** New provider instances for resources whose request bodies are limited to {@code maxRequestBytes}. */
    public static List<Object> create(long maxRequestBytes) {
        return List.of(new RequestIdFilter(), new BodyLimitFilter(maxRequestBytes), new ErrorMapper(),
                JsonSupport.provider(JsonSupport.mapper(maxRequestBytes)));
    }
}
