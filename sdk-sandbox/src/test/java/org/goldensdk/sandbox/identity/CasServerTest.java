package org.goldensdk.sandbox.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.goldensdk.core.CodecLimits;
import org.goldensdk.core.SafeXml;
import org.goldensdk.sandbox.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The sandbox's CAS 3.0 server: login, service tickets validated once (XML and JSON), single logout. */
@ExtendWith(IdentityFixture.Extension.class)
class CasServerTest {
    private static final String CAS = "http://www.yale.edu/tp/cas";
    private final WireMockServer service = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private String serviceUrl;

    @BeforeEach
    void start(IdentityFixture fixture) {
        service.start();
        service.stubFor(post(urlPathEqualTo("/app/")).willReturn(aResponse().withStatus(200)));
        serviceUrl = "http://127.0.0.1:" + service.port() + "/app/";
        fixture.sandbox.registerCasService(URI.create(serviceUrl));
    }

    @AfterEach
    void stop() {
        service.stop();
    }

    @Test
    void aTicketFromTheLoginFormValidatesOnceAsXmlWithTheGovernmentAttributes(IdentityFixture fixture) throws Exception {
        String ticket = ticket(fixture.browser(), fixture, serviceUrl);
        assertThat(ticket).startsWith("ST-");

        HttpResponse<String> answer = validate(fixture, serviceUrl, ticket, null);

        assertThat(answer.statusCode()).isEqualTo(200);
        Element success = single(xml(answer.body()), "authenticationSuccess");
        assertThat(text(success, "user")).containsExactly(TestUser.CITIZEN.subject());
        assertThat(text(success, "name")).containsExactly("李秀英");
        assertThat(text(success, "gov_kind")).containsExactly("natural_person");
        assertThat(text(success, "citizen_id")).containsExactly("11010519491231002X");
        assertThat(text(success, "roles")).containsExactly("citizen");
        assertThat(text(success, "acr")).containsExactly("urn:golden:acr:password");
        assertThat(text(success, "isFromNewLogin")).containsExactly("true");

        Element reused = single(xml(validate(fixture, serviceUrl, ticket, null).body()), "authenticationFailure");
        assertThat(reused.getAttribute("code")).isEqualTo("INVALID_TICKET");
    }

    @Test
    void aSecondServiceGetsATicketBySingleSignOnAndValidatesItAsJson(IdentityFixture fixture) {
        IdentityFixture.Browser browser = fixture.browser();
        ticket(browser, fixture, serviceUrl);
        String second = serviceUrl + "second?lang=zh";

        HttpResponse<String> login = browser.get(casLogin(fixture, second));
        assertThat(login.statusCode()).as("no form: the SSO session answers").isEqualTo(303);
        String ticket = IdentityFixture.queryParameter(IdentityFixture.location(login), "ticket").orElseThrow();

        JsonNode answer = IdentityFixture.JSON.readTree(validate(fixture, second, ticket, "JSON").body());
        JsonNode success = answer.get("serviceResponse").get("authenticationSuccess");
        assertThat(success.get("user").asText()).isEqualTo(TestUser.CITIZEN.subject());
        assertThat(success.get("attributes").get("name").get(0).asText()).isEqualTo("李秀英");
        assertThat(success.get("attributes").get("isFromNewLogin").get(0).asText()).isEqualTo("false");

        JsonNode reused = IdentityFixture.JSON.readTree(validate(fixture, second, ticket, "JSON").body());
        assertThat(reused.get("serviceResponse").get("authenticationFailure").get("code").asText()).isEqualTo("INVALID_TICKET");
    }

    @Test
    void aTicketValidatesOnlyForItsServiceAndIsSpentByAFailedAttempt(IdentityFixture fixture) throws Exception {
        String ticket = ticket(fixture.browser(), fixture, serviceUrl);

        Element other = single(xml(validate(fixture, serviceUrl + "other", ticket, null).body()), "authenticationFailure");
        assertThat(other.getAttribute("code")).isEqualTo("INVALID_SERVICE");
        Element after = single(xml(validate(fixture, serviceUrl, ticket, null).body()), "authenticationFailure");
        assertThat(after.getAttribute("code")).isEqualTo("INVALID_TICKET");
        Element missing = single(xml(validate(fixture, serviceUrl, null, null).body()), "authenticationFailure");
        assertThat(missing.getAttribute("code")).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void anUnregisteredServiceGetsNoLoginAndNoTicket(IdentityFixture fixture) {
        HttpResponse<String> answer = fixture.browser().get(casLogin(fixture, "https://evil.example.test/app/"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("<form");
    }

    @Test
    void markupInARegisteredServiceUrlIsEscapedOnTheLoginPage(IdentityFixture fixture) {
        HttpResponse<String> page = fixture.browser().get(casLogin(fixture, serviceUrl + "\"><script>alert(1)</script>"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
    }

    @Test
    void logoutSendsASamlLogoutRequestForEveryTicketOfTheSession(IdentityFixture fixture) throws Exception {
        IdentityFixture.Browser browser = fixture.browser();
        String first = ticket(browser, fixture, serviceUrl + "?a=1");
        String second = IdentityFixture.queryParameter(IdentityFixture.location(browser.get(casLogin(fixture, serviceUrl))), "ticket")
                .orElseThrow();
        validate(fixture, serviceUrl, second, null);

        HttpResponse<String> answer = browser.get(URI.create(fixture.sandbox.casUri() + "logout?service="
                + IdentityFixture.encode(serviceUrl)));

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(IdentityFixture.location(answer)).isEqualTo(URI.create(serviceUrl));
        List<String> sessionIndexes = new ArrayList<>();
        service.findAll(postRequestedFor(urlPathEqualTo("/app/"))).forEach(request -> {
            Document logout = xml(request.formParameters().get("logoutRequest").firstValue());
            assertThat(logout.getDocumentElement().getLocalName()).isEqualTo("LogoutRequest");
            assertThat(logout.getDocumentElement().getNamespaceURI()).isEqualTo("urn:oasis:names:tc:SAML:2.0:protocol");
            assertThat(logout.getDocumentElement().getAttribute("Version")).isEqualTo("2.0");
            sessionIndexes.add(logout.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:protocol", "SessionIndex").item(0)
                    .getTextContent());
        });
        assertThat(sessionIndexes).containsExactlyInAnyOrder(first, second);
        assertThat(browser.get(casLogin(fixture, serviceUrl)).statusCode()).as("logged out: the form again").isEqualTo(200);
    }

    private String ticket(IdentityFixture.Browser browser, IdentityFixture fixture, String serviceUrl) {
        URI back = browser.logIn(casLogin(fixture, serviceUrl), TestUser.CITIZEN);
        assertThat(back.toString()).startsWith(serviceUrl);
        return IdentityFixture.queryParameter(back, "ticket").orElseThrow();
    }

    static URI casLogin(IdentityFixture fixture, String service) {
        return URI.create(fixture.sandbox.casUri() + "login?service=" + IdentityFixture.encode(service));
    }

    private static HttpResponse<String> validate(IdentityFixture fixture, String service, String ticket, String format) {
        StringBuilder uri = new StringBuilder(fixture.sandbox.casUri() + "p3/serviceValidate?service=" + IdentityFixture.encode(service));
        if (ticket != null) {
            uri.append("&ticket=").append(IdentityFixture.encode(ticket));
        }
        if (format != null) {
            uri.append("&format=").append(format);
        }
        return fixture.browser().get(URI.create(uri.toString()));
    }

    private static Document xml(String text) {
        try {
            return SafeXml.documentBuilderFactory(CodecLimits.defaults()).newDocumentBuilder()
                    .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + text, e);
        }
    }

    private static Element single(Document document, String name) {
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("serviceResponse");
        NodeList found = document.getElementsByTagNameNS(CAS, name);
        assertThat(found.getLength()).as(name).isEqualTo(1);
        return (Element) found.item(0);
    }

    private static List<String> text(Element parent, String name) {
        NodeList found = parent.getElementsByTagNameNS(CAS, name);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            values.add(found.item(i).getTextContent());
        }
        return values;
    }
}
