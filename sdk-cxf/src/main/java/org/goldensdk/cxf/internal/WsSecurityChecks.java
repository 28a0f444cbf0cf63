package org.goldensdk.cxf.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.cxf.ws.security.wss4j.DefaultCryptoCoverageChecker;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.message.token.Timestamp;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.Certificates;
import org.goldensdk.cxf.TlsCaller;

/**
 * What the SDK checks after WSS4J verified the signature and the coverage checker found Body and
 * Timestamp signed: the Timestamp against the SDK's clock (not in the future beyond the skew, not
 * expired, not valid longer than the TTL), the signature value not seen before (replay), and,
 * behind mutual TLS, the signer being the TLS caller.
 */
final class WsSecurityChecks extends AbstractSoapInterceptor {
    private final SoapEndpointConfig.Verification verification;
    private final ReplayWindow replays;

    WsSecurityChecks(SoapEndpointConfig.Verification verification) {
        super(Phase.PRE_PROTOCOL);
        addAfter(WSS4JInInterceptor.class.getName());
        addAfter(DefaultCryptoCoverageChecker.class.getName());
        this.verification = verification;
        this.replays = new ReplayWindow(verification.scheduler().clock());
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Timestamp timestamp = null;
        X509Certificate signer = null;
        byte[] signatureValue = null;
        @SuppressWarnings("unchecked")
        List<WSHandlerResult> results = (List<WSHandlerResult>) message.get(WSHandlerConstants.RECV_RESULTS);
        for (WSHandlerResult result : results == null ? List.<WSHandlerResult>of() : results) {
            for (WSSecurityEngineResult engine : result.getResults()) {
                Integer action = (Integer) engine.get(WSSecurityEngineResult.TAG_ACTION);
                if (action != null && action == WSConstants.TS) {
                    timestamp = (Timestamp) engine.get(WSSecurityEngineResult.TAG_TIMESTAMP);
                } else if (action != null && action == WSConstants.SIGN) {
                    signer = (X509Certificate) engine.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
                    signatureValue = (byte[]) engine.get(WSSecurityEngineResult.TAG_SIGNATURE_VALUE);
                }
            }
        }
        if (timestamp == null || signer == null || signatureValue == null) {
            throw refuse("the message needs a WS-Security header with a Timestamp and an X.509 signature over Body and Timestamp");
        }
        Instant now = verification.scheduler().clock().instant();
        Instant created = timestamp.getCreated();
        Instant expires = timestamp.getExpires();
        if (created == null || expires == null) {
            throw refuse("the Timestamp needs Created and Expires");
        }
        if (created.isAfter(now.plus(verification.clockSkew()))) {
            throw refuse("the Timestamp was created in the future (" + created + "); check the sender's clock");
        }
        if (!expires.isAfter(now)) {
            throw refuse("the Timestamp expired at " + expires + "; send a fresh message");
        }
        if (expires.isAfter(created.plus(verification.timestampTtl()))) {
            throw refuse("the Timestamp is valid for longer than " + verification.timestampTtl() + "; shorten its validity");
        }
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        TlsCaller caller = request == null ? null : TlsCaller.of(request).orElse(null);
        if (caller != null && !caller.certificate().equals(signer)) {
            throw refuse("the WS-Security signer (" + Certificates.subject(signer) + ") is not the TLS caller ("
                    + caller.subject() + "); sign with the certificate you connect with");
        }
        if (!replays.firstSight(Base64.getEncoder().encodeToString(signatureValue), expires.plus(verification.clockSkew()))) {
            throw refuse("this message was received before (the same signed Timestamp and Body): a replay is refused");
        }
    }

    private static Fault refuse(String why) {
        return new Fault(new AuthenticationException(why));
    }
}
