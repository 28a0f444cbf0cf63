package org.goldensdk.sandbox.internal.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.goldensdk.core.CryptoException;

/**
 * The provider's RS256 signing keys. One key signs; {@link #rotate()} makes a new key the signing
 * key and keeps the previous ones published for the grace period (so tokens they signed still
 * validate), after which they are gone from the JWKS and from {@link #verify}.
 */
final class SigningKeys {
    private record Key(RSAKey jwk, Instant retiredAt) {
    }

    private final Clock clock;
    private final Duration grace;
    private final List<Key> keys = new ArrayList<>();

    SigningKeys(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
        keys.add(new Key(generate(), null));
    }

    /** A new signing key; the current one stays published for the grace period. */
    synchronized void rotate() {
        Instant now = clock.instant();
        Key current = keys.remove(keys.size() - 1);
        keys.add(new Key(current.jwk(), now));
        keys.add(new Key(generate(), null));
    }

    /** The public keys published now: the signing key and retired keys still within their grace. */
    synchronized JWKSet publicKeys() {
        return new JWKSet(published().stream().map(key -> (com.nimbusds.jose.jwk.JWK) key.toPublicJWK()).toList());
    }

    /** The key id of the current signing key. */
    synchronized String currentKeyId() {
        return keys.get(keys.size() - 1).jwk().getKeyID();
    }

    /** Signs {@code claims} RS256 with the current key, its {@code kid} and {@code typ} in the header. */
    String sign(JWTClaimsSet claims, JOSEObjectType type) {
        RSAKey key;
        synchronized (this) {
            key = keys.get(keys.size() - 1).jwk();
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(type).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new CryptoException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /**
     * The claims of {@code token} if it is an RS256 JWS signed by a key published now with a
     * matching {@code kid}; times are not checked here.
     */
    Optional<SignedJWT> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            for (RSAKey key : published()) {
                if (key.getKeyID().equals(jwt.getHeader().getKeyID())) {
                    return jwt.verify(new RSASSAVerifier(key.toRSAPublicKey())) ? Optional.of(jwt) : Optional.empty();
                }
            }
            return Optional.empty();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private synchronized List<RSAKey> published() {
        Instant now = clock.instant();
        keys.removeIf(key -> key.retiredAt() != null && !now.isBefore(key.retiredAt().plus(grace)));
        return keys.stream().map(Key::jwk).toList();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new CryptoException("cannot generate an RSA signing key: " + e.getMessage(), e);
        }
    }
}
