package org.goldensdk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.goldensdk.core.AuthenticationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A citizen ID in a principal never appears unmasked in logs (captured at DEBUG) or toString. */
@Timeout(60)
class PersonalDataTest {

    private static final String MASKED = "110105********002X";

    private TestProvider provider;
    private IdentityClient identity;
    private TokenValidator validator;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void start() {
        provider = new TestProvider();
        identity = provider.client().build();
        validator = identity.tokenValidator().audience(TestProvider.AUDIENCE).build();
        originalErr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setErr(originalErr);
        identity.close();
        provider.close();
    }

    @Test
    void theCitizenIdIsMaskedInToStringLogsAndErrors() {
        GovPrincipal principal = validator.validate(provider.token());
        String citizenAsSubject = provider.token(provider.claims().subject(TestProvider.CITIZEN_ID).build());
        GovPrincipal subjectIsCitizenId = validator.validate(citizenAsSubject);
        SsoSession session = new SsoSession("s-1", "sid", principal, "id-token", "access-token", "refresh-token", null);
        assertThatThrownBy(() -> validator.validate(provider.token(provider.claims().audience("tax-api").build())))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> validator.validate(provider.token(provider.claims().claim("citizen_id", "11010519491231002Y").build())))
                .isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("claim citizen_id is not a valid citizen ID"));

        assertThat(principal.toString()).contains("citizenId=" + MASKED).doesNotContain(TestProvider.CITIZEN_ID).doesNotContain("张三");
        assertThat(subjectIsCitizenId.toString()).doesNotContain(TestProvider.CITIZEN_ID);
        assertThat(session.toString()).doesNotContain(TestProvider.CITIZEN_ID).doesNotContain("access-token");

        org.slf4j.LoggerFactory.getLogger(PersonalDataTest.class).info("audit: {} {}", principal, subjectIsCitizenId);
        String captured = logs.toString(StandardCharsets.UTF_8);
        assertThat(captured).as("the DEBUG log of validations and rejections").contains("Rejected a bearer token").contains(MASKED)
                .doesNotContain(TestProvider.CITIZEN_ID).doesNotContain("11010519491231002Y");
    }
}
