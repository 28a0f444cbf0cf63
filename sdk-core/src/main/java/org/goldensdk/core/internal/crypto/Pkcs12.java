package org.goldensdk.core.internal.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.CryptoException;

/**
 * PKCS#12 through BouncyCastle's {@code KeyStore("PKCS12", bc)} — the JDK's cannot load SM2 keys
 * and blames the password when it fails.
 */
public final class Pkcs12 {
    /** A private key with its certificate chain, end-entity first. */
    public static final class Entry {
        private final PrivateKey key;
        private final List<X509Certificate> chain;

        /** Pairs a key with its chain. */
        public Entry(PrivateKey key, List<X509Certificate> chain) {
            this.key = key;
            this.chain = List.copyOf(chain);
        }

        /** The private key. */
        public PrivateKey key() {
            return key;
        }

        /** The chain, end-entity first. */
        public List<X509Certificate> chain() {
            return chain;
        }
    }

    private Pkcs12() {
    }

    /**
     * Reads the key entries named {@code aliases}. ConfigurationException (key {@code password}) when
     * the password is wrong, (key {@code credentials}) when the file is unreadable or an alias is missing.
     */
    public static List<Entry> read(InputStream in, char[] password, String source, List<String> aliases) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12", Bc.provider());
            store.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("password")) {
                throw wrongPassword(source, e);
            }
            throw new ConfigurationException("credentials", "cannot read PKCS#12 " + source + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("credentials", "cannot read PKCS#12 " + source + ": " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        for (String alias : aliases) {
            try {
                Key key = store.getKey(alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
                    throw new ConfigurationException("credentials", "PKCS#12 " + source + " has no key entry '" + alias
                            + "' with a certificate chain; it holds " + Collections.list(store.aliases())
                            + " (expected aliases " + aliases + ")");
                }
                List<X509Certificate> certificates = new ArrayList<>();
                for (Certificate certificate : chain) {
                    certificates.add((X509Certificate) certificate);
                }
                entries.add(new Entry((PrivateKey) key, certificates));
            } catch (UnrecoverableKeyException e) {
                throw wrongPassword(source, e);
            } catch (GeneralSecurityException e) {
                throw new ConfigurationException("credentials", "cannot read entry '" + alias + "' of PKCS#12 " + source
                        + ": " + e.getMessage(), e);
            }
        }
        return entries;
    }

    /** Writes the entries, keyed by alias, as one password-protected PKCS#12 file. */
    public static void write(Map<String, Entry> entries, char[] password, OutputStream out) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", Bc.provider());
            store.load(null, null);
            for (Map.Entry<String, Entry> entry : entries.entrySet()) {
                store.setKeyEntry(entry.getKey(), entry.getValue().key(), password,
                        entry.getValue().chain().toArray(new Certificate[0]));
            }
            store.store(out, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new CryptoException("cannot write PKCS#12: " + e.getMessage(), e);
        }
    }

    private static ConfigurationException wrongPassword(String source, Exception cause) {
        return new ConfigurationException("password", "wrong password for PKCS#12 " + source
                + " (its integrity check failed); give the password the file was written with", cause);
    }
}
