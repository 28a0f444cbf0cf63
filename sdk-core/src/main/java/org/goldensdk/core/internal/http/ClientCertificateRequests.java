package org.goldensdk.core.internal.http;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The client key manager of one transport: answers with the configured key (if any) and tells a
 * watching handshake whether its server asked for a client certificate and whether one was
 * offered. Under TLS 1.3 a server refusing a client without a certificate may just hang up, during
 * or after the handshake, which looks like any network failure; knowing that the server asked and
 * got nothing tells the two apart.
 */
final class ClientCertificateRequests extends X509ExtendedKeyManager {

    /** What the server of one handshake asked for; written by JSSE on the handshaking thread. */
    static final class Watch {
        private volatile boolean asked;
        private volatile boolean offered;

        /** Whether the server asked for a client certificate and this client had none to offer. */
        boolean askedAndNoneOffered() {
            return asked && !offered;
        }
    }

    private final X509KeyManager configured;
    /** OkHttp runs a call's handshake on the thread that watches it, so a thread-local ties the two. */
    private final ThreadLocal<Watch> watching = new ThreadLocal<>();

    /** @param configured the client key, or {@code null} when none is configured */
    ClientCertificateRequests(X509KeyManager configured) {
        this.configured = configured;
    }

    /** Starts recording, for handshakes on this thread, what their servers ask for. */
    void watch(Watch watch) {
        watching.set(watch);
    }

    /** Stops recording on this thread. */
    void unwatch() {
        watching.remove();
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        String alias = configured == null ? null : configured.chooseClientAlias(keyTypes, issuers, socket);
        Watch watch = watching.get();
        if (watch != null) {
            watch.asked = true;
            // JSSE asks once per acceptable key type and uses the first alias it gets.
            watch.offered |= alias != null;
        }
        return alias;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return configured == null ? null : configured.getClientAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return configured == null ? null : configured.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return configured == null ? null : configured.getPrivateKey(alias);
    }

    /** A client never serves. */
    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    /** A client never serves. */
    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
