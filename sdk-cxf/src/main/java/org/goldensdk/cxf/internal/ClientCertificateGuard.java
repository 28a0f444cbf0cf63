package org.goldensdk.cxf.internal;

import java.security.cert.X509Certificate;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.goldensdk.core.AuthenticationException;

/**
 * Answers 401 {@code E_AUTHENTICATION} to every request on a connection that presented no client
 * certificate, before any endpoint sees it: CXF's Jetty engine puts it first in the server's
 * handler sequence, ahead of the endpoint contexts. Used for {@code ClientAuth.REQUIRED}: the handshake
 * asks for a certificate and refuses untrusted ones, but lets a caller without one through to
 * here. Refusing in the TLS 1.3 handshake instead would reach the client as a bare "broken pipe"
 * after it considered the connection established, which it cannot tell from a network fault.
 */
final class ClientCertificateGuard extends Handler.Abstract {

    /** Handles (refuses) requests without a certificate; declines the others, which go on to the endpoints. */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (hasClientCertificate(request)) {
            return false;
        }
        ProblemErrorHandler.answer(request, response, callback, new Failures.Answer(new AuthenticationException(
                "this server requires a TLS client certificate issued by a CA it trusts; connect with your organisation's key"), 401));
        return true;
    }

    private static boolean hasClientCertificate(Request request) {
        Object data = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (data instanceof EndPoint.SslSessionData ssl) {
            X509Certificate[] certificates = ssl.peerCertificates();
            return certificates != null && certificates.length > 0;
        }
        return false;
    }
}
