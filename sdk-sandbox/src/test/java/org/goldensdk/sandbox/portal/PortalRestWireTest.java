package org.goldensdk.sandbox.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.goldensdk.sandbox.portal.PortalFixture.client;
import static org.goldensdk.sandbox.portal.PortalFixture.notice;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.goldensdk.core.ComplianceException;
import org.goldensdk.core.Finding;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.ValidationException;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.Attachments;
import org.goldensdk.portal.Compliance;
import org.goldensdk.portal.PortalClient;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The REST API's own wire, below PortalClient: a repeated creation under one Idempotency-Key, the
 * portal's gate on content no client gate checked, and the traffic checked against openapi.yaml.
 * (The SOAP service's counterparts are in {@link PortalSoapWireTest}.)
 */
@ExtendWith(SandboxExtension.class)
class PortalRestWireTest {
    private static final String CITIZEN_ID = "11010519491231002X";

    private final Sandbox sandbox;
    private final PortalClient agriculture;

    PortalRestWireTest(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.agriculture = client(sandbox, TestDepartment.AGRICULTURE, Compliance.reject());
    }

    @AfterEach
    void closeClients() {
        agriculture.close();
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyMakesOneDraft() {
        String body = new String(JsonCodec.of().write(notice("关于重试创建的通知").issuedByDefault("武汉市农业农村局")),
                StandardCharsets.UTF_8);
        try (HttpTransport raw = PortalFixture.rawTransport(sandbox, TestDepartment.AGRICULTURE)) {
            List<String> ids = new ArrayList<>();
            for (int attempt = 0; attempt < 2; attempt++) {
                try (HttpResponse response = raw.execute(HttpRequest.builder("POST", "articles")
                        .header(HttpRequest.IDEMPOTENCY_KEY_HEADER, "create-once-" + body.hashCode())
                        .body(HttpBody.of(body.getBytes(StandardCharsets.UTF_8), "application/json")).build())) {
                    ids.add(JsonCodec.of().read(response.bodyBytes(), Article.class).id());
                }
            }
            assertThat(ids.get(1)).isEqualTo(ids.get(0));
        }
    }

    @Test
    void thePortalsGateRefusesOnReceiptWhatAClientDidNotCheck() {
        Article draft = agriculture.articles().create(notice("关于发放补贴的通知"));
        try (HttpTransport raw = PortalFixture.rawTransport(sandbox, TestDepartment.AGRICULTURE)) {
            String body = "{\"column\":\"NOTICES\",\"title\":\"补贴发放\",\"writtenOn\":\"2026-01-05\",\"issuingAgency\":\"武汉市农业农村局\","
                    + "\"topic\":\"农业、林业、水利\",\"genre\":\"NOTICE\",\"disclosure\":\"PROACTIVE\",\"validity\":\"EFFECTIVE\","
                    + "\"html\":\"<p>领取人 1101<b>05</b>19491231002X</p><script>alert(1)</script>\"}";
            ComplianceException text = catchThrowableOfType(ComplianceException.class, () -> raw.execute(HttpRequest
                    .builder("PUT", "articles/" + draft.id() + "?expectedVersion=1")
                    .body(HttpBody.of(body.getBytes(StandardCharsets.UTF_8), "application/json")).build()));
            assertThat(text.findings()).extracting(Finding::rule).containsExactly("html.unsafe", "personalData.CITIZEN_ID");

            ComplianceException pdf = catchThrowableOfType(ComplianceException.class, () -> raw.execute(HttpRequest
                    .builder("POST", "articles/" + draft.id() + "/attachments?expectedVersion=1&fileName=list.pdf")
                    .body(HttpBody.of(Attachments.pdf("Recipient ID " + CITIZEN_ID), "application/pdf")).build()));
            assertThat(pdf.findings()).extracting(Finding::field).containsExactly("attachment 'list.pdf' page 1");

            ComplianceException renamed = catchThrowableOfType(ComplianceException.class, () -> raw.execute(HttpRequest
                    .builder("POST", "articles/" + draft.id() + "/attachments?expectedVersion=1&fileName=notice.pdf")
                    .body(HttpBody.of(new byte[] {'M', 'Z', (byte) 0x90, 0, 3}, "application/pdf")).build()));
            assertThat(renamed.findings()).extracting(Finding::rule).containsExactly("attachment.type");
        }
        assertThat(agriculture.articles().get(draft.id()).version()).isEqualTo(1);
    }

    @Test
    void thePortalApisTrafficIsCheckedAgainstItsOpenApiDocument() {
        try (HttpTransport raw = PortalFixture.rawTransport(sandbox, TestDepartment.AGRICULTURE)) {
            assertThatThrownBy(() -> raw.execute(HttpRequest.get("articles?size=1000")))
                    .isInstanceOf(ValidationException.class);
        }
        assertThat(sandbox.contractViolations()).anySatisfy(violation -> assertThat(violation).startsWith("listArticles"));
        sandbox.clearContractViolations();
    }
}
