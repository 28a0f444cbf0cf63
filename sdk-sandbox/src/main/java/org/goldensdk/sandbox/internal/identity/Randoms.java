package org.goldensdk.sandbox.internal.identity;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers: 256 random bits, base64url without padding. */
final class Randoms {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Randoms() {
    }

    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
