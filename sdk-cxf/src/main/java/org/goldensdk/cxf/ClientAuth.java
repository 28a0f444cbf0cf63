package org.goldensdk.cxf;

/** Whether an HTTPS port of a {@link GoldenServer} asks callers for a client certificate. */
public enum ClientAuth {
    /**
     * Every caller must present a certificate that chains to the server's trust anchors; a
     * connection without one fails in the TLS handshake and never reaches a resource.
     */
    REQUIRED,
    /**
     * A caller may present a certificate; if it does, it must chain to the trust anchors.
     * Resources see it through {@link TlsCaller} and must handle its absence.
     */
    OPTIONAL,
    /** No client certificate is requested. */
    NONE
}
