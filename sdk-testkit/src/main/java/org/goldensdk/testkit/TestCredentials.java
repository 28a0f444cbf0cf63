package org.goldensdk.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.goldensdk.core.DepartmentCredentials;
import org.goldensdk.core.TrustAnchors;

/**
 * Ready-made credentials for the {@link TestDepartment}s, issued by one development CA shared by
 * the whole JVM. The CA and each department's credentials are made lazily, once, thread-safely.
 * Certificates are valid from {@link #VALID_FROM} to {@link #VALID_UNTIL}, so tests running on a
 * virtual clock anywhere in that window validate them. Never for production.
 */
public final class TestCredentials {
    /** Start of the validity of the shared CA and everything it issues here. */
    public static final Instant VALID_FROM = Instant.parse("2020-01-01T00:00:00Z");
    /** End of that validity. */
    public static final Instant VALID_UNTIL = Instant.parse("2049-12-31T00:00:00Z");
    /** The password of the PKCS#12 files {@link DevCredentialsTool} writes. */
    public static final String PKCS12_PASSWORD = "golden-dev";

    private static final Map<TestDepartment, DepartmentCredentials> ISSUED = new ConcurrentHashMap<>();

    private TestCredentials() {
    }

    /** Initialised on first use only (holder idiom), so merely loading this class costs nothing. */
    private static final class SharedAuthority {
        static final CertificateAuthority INSTANCE = CertificateAuthority.builder()
                .rootValidity(VALID_FROM, Duration.between(VALID_FROM, VALID_UNTIL)).build();
    }

    /** The JVM's shared development CA. */
    public static CertificateAuthority authority() {
        return SharedAuthority.INSTANCE;
    }

    /** The shared CA's GM and INTL roots as trust anchors. */
    public static TrustAnchors trustAnchors() {
        return authority().trustAnchors();
    }

    /** The department's credentials (GM signing, GM encryption, INTL), issued once per JVM. */
    public static DepartmentCredentials of(TestDepartment department) {
        return ISSUED.computeIfAbsent(department, d -> authority().issue(d.creditCode(), d.organisation(), VALID_FROM, VALID_UNTIL));
    }
}
