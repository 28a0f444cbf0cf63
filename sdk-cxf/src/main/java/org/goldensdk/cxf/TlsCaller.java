package org.goldensdk.cxf;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.goldensdk.core.AuthenticationException;

/**
 * The caller of the current request as authenticated by mutual TLS: the certificate chain the
 * client presented and the TLS handshake validated against the server's trust anchors. Works the
 * same on a {@link GoldenServer} port and in a servlet container that terminates TLS itself. In a
 * resource method take {@code @Context HttpServletRequest request} and call {@link #of} or
 * {@link #require}. Immutable and thread-safe.
 */
public final class TlsCaller {

    /** The servlet request attribute (Servlet specification) holding the validated chain. */
    private static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final List<X509Certificate> chain;

    private TlsCaller(List<X509Certificate> chain) {
        this.chain = List.copyOf(chain);
    }

    /** The caller of {@code request}, or empty when it presented no client certificate. */
    public static Optional<TlsCaller> of(HttpServletRequest request) {
        Objects.requireNonNull(request, "request");
        Object attribute = request.getAttribute(CERTIFICATE_ATTRIBUTE);
        if (attribute instanceof X509Certificate[] certificates && certificates.length > 0) {
            return Optional.of(new TlsCaller(Arrays.asList(certificates)));
        }
        return Optional.empty();
    }

    /**
     * The caller of {@code request}.
     *
     * @throws AuthenticationException (401) when the caller presented no client certificate
     */
    public static TlsCaller require(HttpServletRequest request) {
        return of(request).orElseThrow(() -> new AuthenticationException(
                "this operation needs a TLS client certificate; connect with the key issued to your organisation"));
    }

    /** The caller's own (leaf) certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The chain as presented, leaf first; never empty. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The subject of the caller's certificate. */
    public X500Principal subject() {
        return certificate().getSubjectX500Principal();
    }

    @Override
    public String toString() {
        return "TlsCaller[" + subject().getName() + "]";
    }
}
