package org.goldensdk.sandbox.internal;

import java.security.cert.X509Certificate;
import java.util.List;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TrustAnchors;

/** TLS material from a party's credentials: its INTL key and chain, and the INTL trust anchors (JSSE cannot use SM2). */
public final class MutualTls {
    private MutualTls() {
    }

    /** Mutual TLS as {@code credentials}' party, trusting the INTL roots among {@code anchors}. */
    public static TlsConfig of(DepartmentCredentials credentials, TrustAnchors anchors) {
        return TlsConfig.builder()
                .clientKey(credentials.intlPrivateKey(), credentials.intlCertificateChain().toArray(X509Certificate[]::new))
                .trustAnchors(intlAnchors(anchors))
                .build();
    }

    /** The INTL (P-256, RSA) certificates among {@code anchors}. */
    public static List<X509Certificate> intlAnchors(TrustAnchors anchors) {
        return anchors.certificates().stream().filter(anchor -> CryptoSuite.of(anchor) == CryptoSuite.INTL).toList();
    }
}
