package org.goldensdk.sandbox.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.portal.Agency;
import org.goldensdk.portal.ArticleDraft;
import org.goldensdk.portal.Column;
import org.goldensdk.portal.Compliance;
import org.goldensdk.portal.PortalClient;
import org.goldensdk.portal.Transport;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;

/** Clients of the sandbox portal as departments, drafts, and a citizen's browser-less form post. */
final class PortalFixture {
    static final ZoneId PORTAL_ZONE = ZoneId.of("Asia/Shanghai");

    private PortalFixture() {
    }

    static Agency agency(TestDepartment department) {
        return new Agency(department.organisation(), department.creditCode());
    }

    /** A portal client publishing as {@code department}, with its own credentials, over REST. */
    static PortalClient client(Sandbox sandbox, TestDepartment department, Compliance compliance) {
        return client(sandbox, department, compliance, Transport.REST);
    }

    /** A portal client publishing as {@code department}, with its own credentials, over {@code transport}. */
    static PortalClient client(Sandbox sandbox, TestDepartment department, Compliance compliance, Transport transport) {
        return builder(sandbox, department, transport).compliance(compliance).build();
    }

    /** A builder of a client as {@code department} over {@code transport}: endpoint, agency, credentials, trust set. */
    static PortalClient.Builder builder(Sandbox sandbox, TestDepartment department, Transport transport) {
        return PortalClient.builder()
                .transport(transport)
                .endpoint(endpoint(sandbox, transport))
                .agency(agency(department))
                .credentials(department.credentials())
                .trustAnchors(sandbox.trustAnchors());
    }

    /** The portal API's address for {@code transport}. */
    static URI endpoint(Sandbox sandbox, Transport transport) {
        return transport == Transport.SOAP ? sandbox.portalSoapUri() : sandbox.portalApiUri();
    }

    /** The core transport to the portal API as {@code department}, bypassing the client's gate. */
    static HttpTransport rawTransport(Sandbox sandbox, TestDepartment department) {
        return HttpTransport.builder().baseUri(sandbox.portalApiUri())
                .tls(TlsConfig.of(department.credentials(), sandbox.trustAnchors())).build();
    }

    /** A complete notice of 武汉市农业农村局 with a unique title. */
    static ArticleDraft notice(String title) {
        return ArticleDraft.builder()
                .column(Column.NOTICES)
                .title(title + " " + UUID.randomUUID().toString().substring(0, 8))
                .documentNumber("武农发〔" + LocalDate.now(PORTAL_ZONE).getYear() + "〕3号")
                .writtenOn(LocalDate.now(PORTAL_ZONE).minusDays(3))
                .topic("农业、林业、水利")
                .html("<p>各区农业农村局：</p><p>为做好春耕备耕工作，现将有关事项通知如下。</p>")
                .build();
    }

    /** Posts the mailbox form as a citizen's browser would; answers the letter's id from the redirect. */
    static String submitLetter(Sandbox sandbox, TestDepartment department, String subject, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("agency", department.creditCode().value());
        form.put("subject", subject);
        form.put("body", body);
        form.put("name", "张三");
        form.put("contact", "13812345678");
        HttpResponse<String> response = postLetterForm(sandbox, form);
        assertThat(response.statusCode()).isEqualTo(303);
        URI location = sandbox.portalPagesUri().resolve(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.getPath()).startsWith(sandbox.portalPagesUri().getPath() + "mailbox/letters/");
        assertThat(page(location).statusCode()).isEqualTo(200);
        return location.getPath().substring(location.getPath().lastIndexOf('/') + 1);
    }

    /** Posts the mailbox form with these fields, URL-encoded as a browser does. */
    static HttpResponse<String> postLetterForm(Sandbox sandbox, Map<String, String> form) {
        String encoded = form.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(sandbox.portalPagesUri().resolve("mailbox"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build());
    }

    /** GETs a public page. */
    static HttpResponse<String> page(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
