package org.goldensdk.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.HttpURLConnection;
import java.net.URI;
import javax.net.ssl.HttpsURLConnection;
import org.apereo.cas.client.ssl.HttpURLConnectionFactory;
import org.apereo.cas.client.validation.Assertion;
import org.apereo.cas.client.validation.Cas30ServiceTicketValidator;
import org.apereo.cas.client.validation.TicketValidationException;
import org.goldensdk.sandbox.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A CAS client we did not write — Apereo's cas-client-core — validates tickets of the sandbox's CAS server. */
@ExtendWith(IdentityFixture.Extension.class)
class ApereoCasClientTest {
    private static final String SERVICE = "https://app.example.test/apereo/";

    @Test
    void apereosCas30ValidatorAcceptsOurTicketAndReadsTheAttributes(IdentityFixture fixture) throws Exception {
        fixture.sandbox.registerCasService(URI.create(SERVICE));
        Cas30ServiceTicketValidator validator = validator(fixture);
        String ticket = IdentityFixture.queryParameter(fixture.browser().logIn(CasServerTest.casLogin(fixture, SERVICE),
                TestUser.CIVIL_SERVANT), "ticket").orElseThrow();

        Assertion assertion = validator.validate(ticket, SERVICE);

        assertThat(assertion.isValid()).isTrue();
        assertThat(assertion.getPrincipal().getName()).isEqualTo(TestUser.CIVIL_SERVANT.subject());
        assertThat(assertion.getPrincipal().getAttributes())
                .containsEntry("name", "陈明")
                .containsEntry("gov_kind", "civil_servant")
                .containsEntry("agency", "11420100MB00000196")
                .containsEntry("roles", "tax_officer");
        assertThatThrownBy(() -> validator.validate(ticket, SERVICE))
                .isInstanceOf(TicketValidationException.class)
                .hasMessageContaining("not recognized");
    }

    private static Cas30ServiceTicketValidator validator(IdentityFixture fixture) {
        Cas30ServiceTicketValidator validator = new Cas30ServiceTicketValidator(fixture.sandbox.casUri().toString());
        validator.setURLConnectionFactory((HttpURLConnectionFactory) connection -> {
            HttpsURLConnection https = (HttpsURLConnection) connection;
            https.setSSLSocketFactory(fixture.tls.getSocketFactory());
            return (HttpURLConnection) https;
        });
        return validator;
    }
}
