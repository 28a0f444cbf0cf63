package org.goldensdk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prints what a validation costs: a fresh RS256 token (signature, claims, principal) against the same
 * token again (served from the validator's cache). Printed, never asserted (timings depend on the
 * machine); issue 11's benchmarks measure it properly. Run:
 * {@code mvn -B -pl sdk-identity -am test -Dtest=ValidationCostProbe -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Timeout(120)
class ValidationCostProbe {

    @Test
    void printsTheCostOfAFreshAndOfARepeatedToken() {
        try (TestProvider provider = new TestProvider();
                IdentityClient identity = provider.client().build()) {
            TokenValidator validator = identity.tokenValidator().audience(TestProvider.AUDIENCE).build();
            int count = 500;
            List<String> fresh = new ArrayList<>();
            for (int i = 0; i < 2 * count; i++) {
                fresh.add(provider.token(provider.claims().jwtID(UUID.randomUUID().toString()).build()));
            }
            String repeated = fresh.get(0);
            for (int i = count; i < 2 * count; i++) {
                validator.validate(fresh.get(i));      // warm-up
                validator.validate(repeated);
            }
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                validator.validate(fresh.get(i));
            }
            long freshNanos = (System.nanoTime() - start) / count;
            start = System.nanoTime();
            for (int i = 0; i < 100 * count; i++) {
                validator.validate(repeated);
            }
            long repeatedNanos = (System.nanoTime() - start) / (100 * count);
            System.out.printf("token validation: fresh RS256 token %.1f µs, repeated (cached) %.2f µs, ratio %.0f×%n",
                    freshNanos / 1000.0, repeatedNanos / 1000.0, (double) freshNanos / Math.max(1, repeatedNanos));
            assertThat(validator.validate(repeated).subject()).isEqualTo("user-42");
        }
    }
}
