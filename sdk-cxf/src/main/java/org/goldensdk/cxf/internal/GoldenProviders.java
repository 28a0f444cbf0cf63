package org.goldensdk.cxf.internal;

import java.util.ArrayList;
import java.util.List;

/** The JAX-RS providers that give a set of resources the SDK's server behaviour. */
public final class GoldenProviders {

    private GoldenProviders() {
    }

    /**
     * New provider instances for resources whose request bodies are limited to {@code maxRequestBytes},
     * followed by the API's {@code additional} providers.
     */
    public static List<Object> create(long maxRequestBytes, List<Object> additional) {
        List<Object> providers = new ArrayList<>(List.of(new RequestIdFilter(), new BodyLimitFilter(maxRequestBytes),
                new ErrorMapper(), JsonSupport.provider(JsonSupport.mapper(maxRequestBytes))));
        providers.addAll(additional);
        return providers;
    }
}
