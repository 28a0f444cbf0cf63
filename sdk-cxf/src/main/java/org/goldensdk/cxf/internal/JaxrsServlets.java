package org.goldensdk.cxf.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.ws.rs.core.Application;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.cxf.jaxrs.servlet.CXFNonSpringJaxrsServlet;

/** CXF servlets serving resources with given providers, for mounting in any servlet container. */
public final class JaxrsServlets {

    private JaxrsServlets() {
    }

    /** A CXF JAX-RS servlet serving {@code resources} with {@code providers}; it creates its own bus on init. */
    public static HttpServlet create(List<Object> resources, List<Object> providers) {
        Set<Object> singletons = new LinkedHashSet<>(resources);
        singletons.addAll(providers);
        return new CXFNonSpringJaxrsServlet(new Application() {
            // Deprecated in JAX-RS 4 but still how CXF's servlet takes ready-made instances.
            @Override
            @SuppressWarnings("deprecation")
            public Set<Object> getSingletons() {
                return singletons;
            }
        });
    }
}
