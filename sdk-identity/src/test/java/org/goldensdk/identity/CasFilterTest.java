package org.goldensdk.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.goldensdk.core.VirtualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A servlet application behind CasFilter; WireMock plays the CAS 3.0 server. */
@Timeout(60)
class CasFilterTest {

    private static final String SUCCESS_XML = """
            <cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
              <cas:authenticationSuccess>
                <cas:user>civil-servant-7</cas:user>
                <cas:attributes>
                  <cas:gov_kind>civil_servant</cas:gov_kind>
                  <cas:citizen_id>11010519491231002X</cas:citizen_id>
                  <cas:agency>11420100MB00000271</cas:agency>
                  <cas:roles>declarant</cas:roles>
                  <cas:roles>auditor</cas:roles>
                  <cas:acr>urn:golden:acr:certificate</cas:acr>
                </cas:attributes>
              </cas:authenticationSuccess>
            </cas:serviceResponse>""";

    private final VirtualScheduler scheduler = VirtualScheduler.create();
    private WireMockServer cas;
    private CasFilter filter;
    private WebApp app;

    @BeforeEach
    void start() {
        cas = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        cas.start();
    }

    private void mount(boolean json) {
        filter = CasFilter.builder(URI.create("http://127.0.0.1:" + cas.port() + "/cas")).json(json).scheduler(scheduler).build();
        app = new WebApp(filter);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
            filter.close();
        }
        cas.stop();
        scheduler.close();
    }

    @Test
    void logsInWithAServiceTicketValidatedAsXmlAndHonoursSingleLogoutForItsTicket() {
        mount(false);
        String service = app.uri("/cases").toString();
        HttpResponse<String> first = app.get("/cases");
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).contains("http://127.0.0.1:" + cas.port() + "/cas/login?service="
                + URLEncoder.encode(service, StandardCharsets.UTF_8));
        stubValidation("ST-1", service, SUCCESS_XML, "application/xml");

        HttpResponse<String> back = app.get("/cases?ticket=ST-1");
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location")).contains(service);
        HttpResponse<String> page = app.get("/cases");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).startsWith("user=civil-servant-7 kind=CIVIL_SERVANT declarant=true");

        HttpResponse<String> unknown = app.postForm("/cases", "logoutRequest=" + encode(logoutRequest("ST-unknown")));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(app.get("/cases").statusCode()).as("an unknown ticket ends nothing").isEqualTo(200);

        HttpResponse<String> slo = new WebApp.Stranger().postForm(app.uri("/cases"), "logoutRequest=" + encode(logoutRequest("ST-1")));
        assertThat(slo.statusCode()).isEqualTo(200);
        assertThat(app.get("/cases").statusCode()).as("signed out by the CAS server").isEqualTo(302);
    }

    @Test
    void validatesJsonAnswersToo() {
        mount(true);
        String service = app.uri("/").toString();
        stubValidation("ST-2", service, """
                {"serviceResponse":{"authenticationSuccess":{"user":"91420100MA4K00002Y","attributes":{
                 "gov_kind":["legal_person"],"credit_code":["91420100MA4K00002Y"],"name":["武汉示例有限公司"]}}}}""",
                "application/json");

        assertThat(app.get("/?ticket=ST-2").statusCode()).isEqualTo(302);
        assertThat(app.get("/").body()).startsWith("user=91420100MA4K00002Y kind=LEGAL_PERSON");
    }

    @Test
    void refusesFailedTicketsAndHostileAnswers() {
        mount(false);
        String service = app.uri("/").toString();
        stubValidation("ST-bad", service, """
                <cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
                  <cas:authenticationFailure code="INVALID_TICKET">Ticket ST-bad not recognized</cas:authenticationFailure>
                </cas:serviceResponse>""", "application/xml");
        stubValidation("ST-xxe", service, """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess>
                <cas:user>&x;</cas:user></cas:authenticationSuccess></cas:serviceResponse>""", "application/xml");

        HttpResponse<String> failed = app.get("/?ticket=ST-bad");
        assertThat(failed.statusCode()).isEqualTo(401);
        assertThat(failed.body()).contains("INVALID_TICKET");
        HttpResponse<String> hostile = app.get("/?ticket=ST-xxe");
        assertThat(hostile.statusCode()).isEqualTo(401);
        assertThat(hostile.body()).contains("not well-formed, safe XML").doesNotContain("root:");
    }

    private void stubValidation(String ticket, String service, String body, String type) {
        cas.stubFor(get(urlPathEqualTo("/cas/p3/serviceValidate")).withQueryParam("ticket", equalTo(ticket))
                .withQueryParam("service", equalTo(service))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", type).withBody(body)));
    }

    private static String logoutRequest(String ticket) {
        return """
                <samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"
                  ID="LR-1" Version="2.0" IssueInstant="2025-01-01T00:00:00Z"><saml:NameID>@NOT_USED@</saml:NameID>
                  <samlp:SessionIndex>%s</samlp:SessionIndex></samlp:LogoutRequest>""".formatted(ticket);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
