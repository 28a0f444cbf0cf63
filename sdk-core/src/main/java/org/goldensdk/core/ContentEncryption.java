package org.goldensdk.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.goldensdk.core.internal.crypto.Bc;
import org.goldensdk.core.internal.crypto.KeyWrapping;
import org.goldensdk.core.internal.crypto.Streams;

/**
 * End-to-end authenticated encryption for one receiver. Each call draws a fresh content key,
 * encrypts the stream with it (SM4-GCM for a GM receiver, AES-256-GCM for INTL, 128-bit tag) and
 * wraps the key for the receiver's encryption certificate (SM2 C1C3C2, ECDH-ES + HKDF + AES key
 * wrap, or RSA-OAEP-256); the suite follows from the certificate's key. Only the receiver's private
 * key can unwrap it. Content is streamed, never held whole. Stateless and thread-safe.
 *
 * <p>Decryption writes plaintext as it goes and checks the tag at the end: when
 * {@link #decrypt} throws, discard everything it wrote.
 */
public final class ContentEncryption {
    private static final int TAG_BITS = 128;

    private ContentEncryption() {
    }

    /**
     * Encrypts {@code plaintext} (read to its end, not closed) to {@code ciphertext} for the holder of
     * {@code recipient}. {@code associatedData} (may be empty) is authenticated but not encrypted —
     * bind the ciphertext to its context with it, e.g. the message id — and must be given again to
     * decrypt. Returns the header the receiver needs.
     */
    public static EncryptionHeader encrypt(X509Certificate recipient, InputStream plaintext, OutputStream ciphertext,
            byte[] associatedData) {
        X509Certificate receiver = Bc.certificate(recipient);
        CryptoSuite suite = CryptoSuite.of(receiver);
        byte[] contentKey = new byte[suite == CryptoSuite.GM ? 16 : 32];
        byte[] iv = new byte[EncryptionHeader.IV_LENGTH];
        Bc.random().nextBytes(contentKey);
        Bc.random().nextBytes(iv);
        try {
            KeyWrapping.Wrapped wrapped = KeyWrapping.wrap(receiver.getPublicKey(), contentKey, Bc.random());
            EncryptionHeader header = EncryptionHeader.of(suite, wrapped.algorithm(), Certificates.digest(receiver, suite),
                    wrapped.encryptedKey(), wrapped.ephemeralPublicKey(), iv);
            GCMModeCipher gcm = gcm(suite);
            gcm.init(true, new AEADParameters(new KeyParameter(contentKey), TAG_BITS, iv, associated(header, associatedData)));
            transform(gcm, plaintext, ciphertext);
            return header;
        } catch (InvalidCipherTextException e) {
            throw new CryptoException(suite.contentEncryptionAlgorithmId() + " encryption failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    /**
     * Decrypts what {@link #encrypt} made for {@code ownCertificate}, whose private key is
     * {@code privateKey}. CryptoException if the header names another certificate (it was not
     * encrypted for this receiver); SignatureException if the wrapped key, the ciphertext, the
     * header or the associated data were altered.
     */
    public static void decrypt(PrivateKey privateKey, X509Certificate ownCertificate, EncryptionHeader header,
            InputStream ciphertext, OutputStream plaintext, byte[] associatedData) {
        X509Certificate own = Bc.certificate(ownCertificate);
        CryptoSuite suite = header.suite();
        if (CryptoSuite.of(own) != suite || !Certificates.digest(own, suite).equals(header.recipient())) {
            throw new CryptoException("the content was encrypted for another certificate (" + header.recipient()
                    + "), not for " + Bc.subject(own) + "; it cannot be decrypted with this key");
        }
        byte[] contentKey = KeyWrapping.unwrap(header.keyManagementAlgorithm(), header.encryptedKey(),
                header.ephemeralPublicKey(), privateKey, own.getPublicKey());
        try {
            if (contentKey.length != (suite == CryptoSuite.GM ? 16 : 32)) {
                throw new SignatureException("the unwrapped content key has the wrong length for "
                        + suite.contentEncryptionAlgorithmId() + ": the wrapped key was altered");
            }
            GCMModeCipher gcm = gcm(suite);
            gcm.init(false, new AEADParameters(new KeyParameter(contentKey), TAG_BITS, header.iv(),
                    associated(header, associatedData)));
            transform(gcm, ciphertext, plaintext);
        } catch (InvalidCipherTextException e) {
            throw new SignatureException("the encrypted content does not authenticate (" + suite.contentEncryptionAlgorithmId()
                    + "): the ciphertext, its header or the associated data were altered; discard the output", e);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    private static GCMModeCipher gcm(CryptoSuite suite) {
        return GCMBlockCipher.newInstance(suite == CryptoSuite.GM ? new SM4Engine() : AESEngine.newInstance());
    }

    private static byte[] associated(EncryptionHeader header, byte[] associatedData) {
        byte[] prefix = header.boundPrefix();
        byte[] caller = associatedData == null ? new byte[0] : associatedData;
        byte[] all = Arrays.copyOf(prefix, prefix.length + caller.length);
        System.arraycopy(caller, 0, all, prefix.length, caller.length);
        return all;
    }

    private static void transform(GCMModeCipher gcm, InputStream in, OutputStream out) throws InvalidCipherTextException {
        // a chunk plus what GCM may hold back (one block) and the tag
        byte[] output = new byte[Streams.CHUNK + 2 * TAG_BITS / 8];
        Streams.feed(in, (buffer, length) -> {
            int produced = gcm.processBytes(buffer, 0, length, output, 0);
            out.write(output, 0, produced);
        });
        try {
            int produced = gcm.doFinal(output, 0);
            out.write(output, 0, produced);
            out.flush();
        } catch (IOException e) {
            throw Streams.failed(e);
        }
    }
}
