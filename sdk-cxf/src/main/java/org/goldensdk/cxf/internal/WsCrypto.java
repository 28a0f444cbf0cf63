package org.goldensdk.cxf.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.Merlin;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.TrustAnchors;

/** WSS4J crypto objects over in-memory key stores: no key material ever touches a file. */
final class WsCrypto {
    /** The alias of the signing key in {@link #signing}'s key store. */
    static final String SIGNING_ALIAS = "intl";
    /** The key store password of {@link #signing}; the store lives only in memory. */
    static final char[] STORE_PASSWORD = "in-memory".toCharArray();

    private WsCrypto() {
    }

    /** Verifies signatures by certificates chaining to the INTL roots of {@code anchors}. */
    static Crypto trusting(TrustAnchors anchors) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate anchor : anchors.certificates()) {
                if (!"1.2.156.10197.1.501".equals(anchor.getSigAlgOID())) {
                    trust.setCertificateEntry("anchor-" + i++, anchor);
                }
            }
            Merlin merlin = new Merlin();
            merlin.setTrustStore(trust);
            merlin.setKeyStore(trust);
            return merlin;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("trustAnchors", "cannot use the trust anchors for WS-Security: " + e.getMessage(), e);
        }
    }

    /** Signs with the INTL key of {@code credentials}, sending its certificate path. */
    static Crypto signing(DepartmentCredentials credentials) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            List<X509Certificate> chain = credentials.intlCertificateChain();
            keys.setKeyEntry(SIGNING_ALIAS, credentials.intlPrivateKey(), STORE_PASSWORD, chain.toArray(X509Certificate[]::new));
            Merlin merlin = new Merlin();
            merlin.setKeyStore(keys);
            return merlin;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("credentials", "cannot use the INTL key for WS-Security: " + e.getMessage(), e);
        }
    }
}
