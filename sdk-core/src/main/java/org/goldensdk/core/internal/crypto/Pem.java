package org.goldensdk.core.internal.crypto;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.goldensdk.core.ConfigurationException;

/** Reads PEM private keys (PKCS#8, encrypted PKCS#8, or OpenSSL "EC/RSA PRIVATE KEY") with BouncyCastle, SM2 included. */
public final class Pem {
    private Pem() {
    }

    /**
     * Reads the first private key in {@code file}; {@code password} is needed only for an encrypted
     * key. ConfigurationException with {@code key} naming the setting when it cannot.
     */
    public static PrivateKey readPrivateKey(Path file, char[] password, String key) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(Bc.provider());
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo) {
                    return converter.getPrivateKey((PrivateKeyInfo) object);
                }
                if (object instanceof PEMKeyPair) {
                    return converter.getKeyPair((PEMKeyPair) object).getPrivate();
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    return converter.getPrivateKey(((PKCS8EncryptedPrivateKeyInfo) object).decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Bc.provider()).build(required(password, file, key))));
                }
                if (object instanceof PEMEncryptedKeyPair) {
                    return converter.getKeyPair(((PEMEncryptedKeyPair) object).decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().setProvider(Bc.provider()).build(required(password, file, key))))
                            .getPrivate();
                }
            }
            throw new ConfigurationException(key, "no private key in " + file + "; expected a PEM 'PRIVATE KEY' block");
        } catch (PKCSException | OperatorCreationException | org.bouncycastle.openssl.EncryptionException e) {
            throw new ConfigurationException(key, "cannot decrypt the private key in " + file
                    + ": the password is wrong (or the file is corrupt)", e);
        } catch (IOException e) {
            throw new ConfigurationException(key, "cannot read the private key in " + file + ": " + e.getMessage(), e);
        }
    }

    private static char[] required(char[] password, Path file, String key) {
        if (password == null) {
            throw new ConfigurationException(key, "the private key in " + file + " is encrypted; give its password");
        }
        return password;
    }
}
