package org.goldensdk.cxf.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.goldensdk.core.DepartmentCredentials;

/** A sender's WS-Security: Timestamp, then an X.509 signature over Timestamp and Body. */
public final class WsSecurityOut {
    private static final String SIGNING_CRYPTO = "golden.soap.signingCrypto";
    private static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    private WsSecurityOut() {
    }

    /**
     * The WSS4J configuration signing with the INTL key of {@code credentials}, Timestamps valid for
     * {@code ttl}, for messages whose envelope namespace is {@code soapNamespace} (SOAP 1.1 or 1.2),
     * MTOM parts signed as their {@code xop:Include} when {@code partsByReference}, else as their content.
     */
    public static Map<String, Object> properties(DepartmentCredentials credentials, Duration ttl, String soapNamespace,
            boolean partsByReference) {
        Map<String, Object> wss = new HashMap<>();
        wss.put(ConfigurationConstants.ACTION, ConfigurationConstants.TIMESTAMP + " " + ConfigurationConstants.SIGNATURE);
        wss.put(ConfigurationConstants.TTL_TIMESTAMP, Long.toString(ttl.toSeconds()));
        wss.put(ConfigurationConstants.SIGNATURE_USER, WsCrypto.SIGNING_ALIAS);
        wss.put(ConfigurationConstants.PW_CALLBACK_REF, (CallbackHandler) WsSecurityOut::password);
        wss.put(ConfigurationConstants.SIG_PROP_REF_ID, SIGNING_CRYPTO);
        wss.put(SIGNING_CRYPTO, WsCrypto.signing(credentials));
        wss.put(ConfigurationConstants.SIG_KEY_ID, "DirectReference");
        wss.put(ConfigurationConstants.USE_SINGLE_CERTIFICATE, "false");
        boolean ec = "EC".equals(credentials.intlPrivateKey().getAlgorithm());
        wss.put(ConfigurationConstants.SIG_ALGO, ec ? "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
                : "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        wss.put(ConfigurationConstants.SIG_DIGEST_ALGO, "http://www.w3.org/2001/04/xmlenc#sha256");
        wss.put(ConfigurationConstants.SIG_C14N_ALGO, "http://www.w3.org/2001/10/xml-exc-c14n#");
        wss.put(ConfigurationConstants.SIGNATURE_PARTS, "{Element}{" + WSU + "}Timestamp;{Element}{" + soapNamespace + "}Body");
        wss.put(ConfigurationConstants.EXPAND_XOP_INCLUDE_FOR_SIGNATURE, Boolean.toString(!partsByReference));
        // CXF derives the expansion from MTOM when this is unset: set it the same way
        wss.put(ConfigurationConstants.EXPAND_XOP_INCLUDE, Boolean.toString(!partsByReference));
        return wss;
    }

    /** The interceptor applying {@code properties}. */
    public static WSS4JOutInterceptor interceptor(Map<String, Object> properties) {
        return new WSS4JOutInterceptor(properties);
    }

    private static void password(Callback[] callbacks) {
        for (Callback callback : callbacks) {
            if (callback instanceof WSPasswordCallback password && WsCrypto.SIGNING_ALIAS.equals(password.getIdentifier())) {
                password.setPassword(new String(WsCrypto.STORE_PASSWORD));
            }
        }
    }
}
