package org.goldensdk.sandbox.internal.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.goldensdk.sandbox.TestUser;

/**
 * The government claims of a principal, as agreed with {@code sdk-identity}: {@code gov_kind},
 * {@code name}, {@code citizen_id}, {@code credit_code}, {@code agency}, {@code roles}; an
 * application also carries {@code party}. The same names serve as CAS attributes.
 */
final class GovClaims {
    static final String ACR_PASSWORD = TestUser.ACR_PASSWORD;
    static final String ACR_CERTIFICATE = "urn:golden:acr:certificate";

    private GovClaims() {
    }

    static Map<String, Object> of(TestUser user) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("gov_kind", user.govKind());
        claims.put("name", user.displayName());
        user.citizenId().ifPresent(id -> claims.put("citizen_id", id.unmaskedValue()));
        user.creditCode().ifPresent(code -> claims.put("credit_code", code.value()));
        user.agency().ifPresent(code -> claims.put("agency", code.value()));
        claims.put("roles", user.roles());
        return claims;
    }

    static Map<String, Object> of(RegisteredClient application) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("gov_kind", "application");
        claims.put("name", application.name());
        application.party().ifPresent(party -> {
            claims.put("agency", party.creditCode().value());
            claims.put("party", party.toString());
        });
        claims.put("roles", List.of("application"));
        return claims;
    }
}
