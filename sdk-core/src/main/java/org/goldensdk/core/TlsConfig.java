package org.goldensdk.core;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS material for a client connection: an optional client key for mutual TLS and the trust
 * anchors the server certificate must chain to (the JDK's default trust store when none are
 * given). Only TLS 1.3 and 1.2 are negotiated and host names are always verified. Keys here are
 * INTL keys (P-256 or RSA): JSSE cannot use SM2. Immutable and thread-safe.
 */
public final class TlsConfig {

    private static final char[] IN_MEMORY_PASSWORD = new char[0];

    private final X509KeyManager keyManager;
    private final List<X509Certificate> trustAnchors;
    private final SSLContext sslContext;
    private final X509TrustManager trustManager;

    private TlsConfig(Builder builder) {
        this.keyManager = builder.keyManager;
        this.trustAnchors = List.copyOf(builder.trustAnchors);
        this.trustManager = buildTrustManager(trustAnchors);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManager == null ? null : new KeyManager[] {keyManager},
                    new TrustManager[] {trustManager}, new SecureRandom());
            this.sslContext = context;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("tls", "cannot create a TLS context: " + e.getMessage(), e);
        }
    }

    /** The JDK's default trust store and no client certificate. */
    public static TlsConfig defaults() {
        return builder().build();
    }

    /**
     * Mutual TLS as a department: its INTL key and chain (JSSE cannot use SM2) presented as client
     * or server certificate, trusting only the INTL roots among {@code anchors}.
     *
     * @throws ConfigurationException (key {@code trustAnchors}) if {@code anchors} hold no INTL root,
     *     or (key {@code credentials}) if the INTL key cannot be used for TLS
     */
    public static TlsConfig of(DepartmentCredentials credentials, TrustAnchors anchors) {
        java.util.List<X509Certificate> intlAnchors = anchors.certificates().stream()
                .filter(anchor -> CryptoSuite.of(anchor) == CryptoSuite.INTL).toList();
        if (intlAnchors.isEmpty()) {
            throw new ConfigurationException("trustAnchors", "no INTL (P-256 or RSA) root among the trust anchors;"
                    + " mutual TLS needs the platform's INTL root certificate");
        }
        try {
            return builder().clientKey(credentials.intlPrivateKey(),
                    credentials.intlCertificateChain().toArray(X509Certificate[]::new)).trustAnchors(intlAnchors).build();
        } catch (ConfigurationException e) {
            throw e;
        } catch (GoldenException e) {
            throw new ConfigurationException("credentials", "the INTL key cannot be used for mutual TLS: " + e.getMessage(), e);
        }
    }

    /** A builder with no client key and the JDK's default trust store. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether a client key for mutual TLS is configured. */
    public boolean hasClientKey() {
        return keyManager != null;
    }

    /** The configured trust anchors; empty means the JDK's default trust store. */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /** The SSL context holding this material; for transports. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** The key manager presenting the client key, empty when none is configured; for transports. */
    public Optional<X509KeyManager> keyManager() {
        return Optional.ofNullable(keyManager);
    }

    /** The trust manager checking server certificates; for transports. */
    public X509TrustManager trustManager() {
        return trustManager;
    }

    @Override
    public String toString() {
        return "TlsConfig[clientKey=" + hasClientKey() + ", trustAnchors=" + trustAnchors.size() + "]";
    }

    private static X509TrustManager buildTrustManager(List<X509Certificate> anchors) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (anchors.isEmpty()) {
                factory.init((KeyStore) null);
            } else {
                KeyStore store = emptyKeyStore();
                for (int i = 0; i < anchors.size(); i++) {
                    store.setCertificateEntry("anchor-" + i, anchors.get(i));
                }
                factory.init(store);
            }
            return Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                    .map(X509TrustManager.class::cast).findFirst()
                    .orElseThrow(() -> new ConfigurationException("tls.trustAnchors", "the JDK offers no X.509 trust manager"));
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("tls.trustAnchors", "cannot use the trust anchors: " + e.getMessage()
                    + "; give X.509 CA certificates with RSA or EC (P-256) keys", e);
        }
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    /** Builds a {@link TlsConfig}. Not thread-safe. */
    public static final class Builder {
        private X509KeyManager keyManager;
        private final List<X509Certificate> trustAnchors = new ArrayList<>();

        private Builder() {
        }

        /**
         * The client key and its certificate chain (leaf first) for mutual TLS.
         *
         * @throws ConfigurationException if the JDK cannot use the key (e.g. an SM2 key)
         */
        public Builder clientKey(PrivateKey key, X509Certificate... chain) {
            Objects.requireNonNull(key, "key");
            if (chain.length == 0) {
                throw new ConfigurationException("tls.clientKey", "the certificate chain is empty; give at least the client certificate");
            }
            try {
                KeyStore store = emptyKeyStore();
                store.setKeyEntry("client", key, IN_MEMORY_PASSWORD, chain);
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, IN_MEMORY_PASSWORD);
                this.keyManager = Arrays.stream(factory.getKeyManagers()).filter(X509KeyManager.class::isInstance)
                        .map(X509KeyManager.class::cast).findFirst().orElseThrow();
            } catch (GeneralSecurityException | IOException e) {
                throw new ConfigurationException("tls.clientKey", "the JDK cannot use this key for TLS (" + e.getMessage()
                        + "); use the INTL (P-256 or RSA) key, never an SM2 key", e);
            }
            return this;
        }

        /** A ready key manager for mutual TLS (e.g. backed by a hardware module). */
        public Builder keyManager(X509KeyManager keyManager) {
            this.keyManager = Objects.requireNonNull(keyManager, "keyManager");
            return this;
        }

        /** Trust only these CA certificates instead of the JDK's default trust store. */
        public Builder trustAnchors(Collection<X509Certificate> anchors) {
            anchors.forEach(anchor -> trustAnchors.add(Objects.requireNonNull(anchor, "anchor")));
            return this;
        }

        /**
         * The configuration.
         *
         * @throws ConfigurationException if the material cannot be used by the JDK
         */
        public TlsConfig build() {
            return new TlsConfig(this);
        }
    }
}
