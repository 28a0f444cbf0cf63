package org.goldensdk.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.goldensdk.identity.CasFilter;
import org.goldensdk.identity.IdentityClient;
import org.goldensdk.identity.SsoFilter;
import org.goldensdk.sandbox.TestUser;
import org.goldensdk.sandbox.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * sdk-identity's {@link SsoFilter} and {@link CasFilter} in front of servlet applications on a real
 * Jetty, signing users in at the sandbox's identity provider: a browser (an HTTP client keeping
 * cookies and following redirections) opens the application, lands on the provider's login form,
 * posts it and comes back signed in. Logouts started anywhere end the applications' sessions.
 */
@ExtendWith(IdentityFixture.Extension.class)
@Timeout(60)
class SsoEndToEndTest {
    private static final String SECRET = "sso-e2e-secret-0123456789";

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void aCitizenLogsInSeesTheMaskedPrincipalRefreshesAndLogsOut(IdentityFixture fixture) {
        FilteredApp app = oidcApp(fixture, "/tax");
        IdentityFixture.Browser browser = fixture.followingBrowser();

        HttpResponse<String> page = logIn(fixture, browser, app.uri("/declarations?year=2026"), TestUser.CITIZEN);

        assertThat(page.uri()).isEqualTo(app.uri("/declarations?year=2026"));
        assertThat(page.body()).contains("user=" + TestUser.CITIZEN.subject(), "kind=NATURAL_PERSON",
                "citizenId=110105********002X", "assurance=PASSWORD", "roles=[citizen]");
        assertThat(page.body()).as("the citizen ID is never shown in clear").doesNotContain("11010519491231002X");
        String firstToken = token(page);

        fixture.clock.advance(Duration.ofMinutes(9).plusSeconds(45));
        HttpResponse<String> refreshed = browser.get(app.uri("/declarations"));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(token(refreshed)).as("refreshed shortly before the access token's 10 minutes ran out").isNotEqualTo(firstToken);
        fixture.verify(token(refreshed), new com.nimbusds.jose.JOSEObjectType("at+jwt"));

        HttpResponse<String> loggedOut = browser.get(app.uri("/sso/logout"));
        assertThat(loggedOut.uri().toString()).startsWith(fixture.sandbox.issuer() + "/logout");
        assertThat(loggedOut.statusCode()).isEqualTo(200);
        assertShowsLoginForm(fixture, browser.get(app.uri("/declarations")));
    }

    @Test
    void aCivilServantLogsInAndTheApplicationSeesTheAgency(IdentityFixture fixture) {
        FilteredApp app = oidcApp(fixture, "/office");

        HttpResponse<String> page = logIn(fixture, fixture.followingBrowser(), app.uri("/cases"), TestUser.CIVIL_SERVANT);

        assertThat(page.body()).contains("kind=CIVIL_SERVANT", "agency=11420100MB00000196", "assurance=PASSWORD",
                "roles=[tax_officer]", "citizenId=-");
    }

    @Test
    void aLogoutStartedAtAnotherApplicationEndsThisOnesSessionOverTheBackChannel(IdentityFixture fixture) {
        FilteredApp tax = oidcApp(fixture, "/tax");
        FilteredApp portal = oidcApp(fixture, "/portal");
        IdentityFixture.Browser browser = fixture.followingBrowser();
        logIn(fixture, browser, tax.uri("/"), TestUser.LEGAL_PERSON);
        HttpResponse<String> single = browser.get(portal.uri("/"));
        assertThat(single.uri()).as("single sign-on: no second login form").isEqualTo(portal.uri("/"));
        assertThat(single.body()).contains("kind=LEGAL_PERSON");

        browser.get(portal.uri("/sso/logout"));

        assertShowsLoginForm(fixture, browser.get(tax.uri("/")));
    }

    @Test
    void aCasLoginReleasesThePrincipalAndTheAppsLogoutEndsTheProviderSession(IdentityFixture fixture) {
        for (boolean json : new boolean[] {false, true}) {
            FilteredApp app = casApp(fixture, json ? "/cas-json" : "/cas-xml", json);
            IdentityFixture.Browser browser = fixture.followingBrowser();

            HttpResponse<String> page = logIn(fixture, browser, app.uri("/letters"), TestUser.CITIZEN);

            assertThat(page.uri()).as("the ticket is gone from the address").isEqualTo(app.uri("/letters"));
            assertThat(page.body()).contains("user=" + TestUser.CITIZEN.subject(), "kind=NATURAL_PERSON",
                    "citizenId=110105********002X", "assurance=PASSWORD").doesNotContain("11010519491231002X");

            HttpResponse<String> loggedOut = browser.get(app.uri("/cas/logout"));
            assertThat(loggedOut.uri().toString()).startsWith(fixture.sandbox.casUri() + "logout");
            assertShowsLoginForm(fixture, browser.get(app.uri("/letters")));
        }
    }

    @Test
    void aLogoutAtTheProviderEndsTheCasAndTheOidcApplicationsSessions(IdentityFixture fixture) {
        FilteredApp cas = casApp(fixture, "/letters", false);
        FilteredApp oidc = oidcApp(fixture, "/tax");
        IdentityFixture.Browser browser = fixture.followingBrowser();
        logIn(fixture, browser, cas.uri("/inbox"), TestUser.CIVIL_SERVANT);
        assertThat(browser.get(oidc.uri("/")).body()).as("single sign-on across protocols").contains("kind=CIVIL_SERVANT");

        assertThat(browser.get(URI.create(fixture.sandbox.casUri() + "logout")).statusCode()).isEqualTo(200);

        assertShowsLoginForm(fixture, browser.get(cas.uri("/inbox")));
        assertShowsLoginForm(fixture, browser.get(oidc.uri("/")));
    }

    /** Opens {@code start} (not signed in), fills in the provider's login form as {@code user}; the application's answer. */
    private static HttpResponse<String> logIn(IdentityFixture fixture, IdentityFixture.Browser browser, URI start, TestUser user) {
        HttpResponse<String> form = browser.get(start);
        assertShowsLoginForm(fixture, form);
        HttpResponse<String> page = browser.submitLogin(form, user.username(), user.password());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page;
    }

    private static void assertShowsLoginForm(IdentityFixture fixture, HttpResponse<String> answer) {
        assertThat(answer.uri().toString()).as("at the provider").startsWith(fixture.sandbox.identityUri().toString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("name=\"password\"");
    }

    private static String token(HttpResponse<String> page) {
        return page.body().lines().filter(line -> line.startsWith("token=")).findFirst().orElseThrow().substring("token=".length());
    }

    /** An application behind SsoFilter, registered at the provider with its callback and back-channel logout URIs. */
    private FilteredApp oidcApp(IdentityFixture fixture, String contextPath) {
        String clientId = "app" + contextPath.replace('/', '-') + "-" + UUID.randomUUID();
        IdentityClient identity = IdentityClient.builder().issuer(fixture.sandbox.issuer()).clientId(clientId).clientSecret(SECRET)
                .scheduler(fixture.clock).transport(http -> http.tls(fixture.trust)).build();
        opened.add(identity);
        FilteredApp app = new FilteredApp(contextPath, SsoFilter.builder(identity).build());
        opened.add(app);
        fixture.sandbox.registerWebClient(WebClient.builder(clientId, SECRET).redirectUri(app.uri("/sso/callback"))
                .backchannelLogoutUri(app.uri("/sso/backchannel-logout")).build());
        return app;
    }

    /** An application behind CasFilter, registered as a CAS service of the provider. */
    private FilteredApp casApp(IdentityFixture fixture, String contextPath, boolean json) {
        CasFilter filter = CasFilter.builder(fixture.sandbox.casUri()).json(json).scheduler(fixture.clock)
                .transport(http -> http.tls(fixture.trust)).build();
        opened.add(filter);
        FilteredApp app = new FilteredApp(contextPath, filter);
        opened.add(app);
        fixture.sandbox.registerCasService(app.uri("/"));
        return app;
    }
}
