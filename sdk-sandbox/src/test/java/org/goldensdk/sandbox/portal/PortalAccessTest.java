package org.goldensdk.sandbox.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.goldensdk.sandbox.portal.PortalFixture.client;
import static org.goldensdk.sandbox.portal.PortalFixture.notice;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.HttpBody;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.RetryPolicy;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.TokenSource;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.ArticleState;
import org.goldensdk.portal.Attachments;
import org.goldensdk.portal.Compliance;
import org.goldensdk.portal.Letter;
import org.goldensdk.portal.LetterState;
import org.goldensdk.portal.PortalClient;
import org.goldensdk.portal.Transport;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Who may publish: only the agency whose certificate owns an article or a letter, and nobody without
 * a certificate — over each transport (REST and SOAP).
 */
@ParameterizedClass
@EnumSource(Transport.class)
@ExtendWith(SandboxExtension.class)
class PortalAccessTest {
    private static final String SOAP_LIST_LETTERS = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
            + "<p:ListLetters xmlns:p=\"urn:goldensdk:portal:service:1\"/></s:Body></s:Envelope>";

    private final Transport transport;
    private final Sandbox sandbox;
    private final PortalClient agriculture;
    private final PortalClient audit;

    PortalAccessTest(Transport transport, Sandbox sandbox) {
        this.transport = transport;
        this.sandbox = sandbox;
        this.agriculture = client(sandbox, TestDepartment.AGRICULTURE, Compliance.reject(), transport);
        this.audit = client(sandbox, TestDepartment.AUDIT, Compliance.reject(), transport);
    }

    @AfterEach
    void closeClients() {
        agriculture.close();
        audit.close();
    }

    @Test
    void aCallWithoutTheAgencysCertificateIsRefused() {
        try (HttpTransport anonymous = HttpTransport.builder().baseUri(sandbox.hubUri())
                .tls(TlsConfig.builder().trustAnchors(sandbox.trustAnchors().certificates()).build())
                .retryPolicy(RetryPolicy.none()).build()) {
            HttpRequest call = transport == Transport.REST ? HttpRequest.get("portal/v1/articles")
                    : HttpRequest.builder("POST", "portal/soap/v1").header("SOAPAction", "\"\"")
                            .body(HttpBody.of(SOAP_LIST_LETTERS.getBytes(StandardCharsets.UTF_8), "text/xml")).build();
            assertThatThrownBy(() -> anonymous.execute(call)).isInstanceOf(AuthenticationException.class);
        }
        TokenSource unverifiable = () -> "not-a-token-the-portal-accepts";
        PortalClient.Builder tokenOnly = PortalClient.builder().transport(transport)
                .endpoint(PortalFixture.endpoint(sandbox, transport)).agency(PortalFixture.agency(TestDepartment.AGRICULTURE))
                .tokens(unverifiable).trustAnchors(sandbox.trustAnchors());
        if (transport == Transport.SOAP) {
            assertThatThrownBy(tokenOnly::build).as("SOAP signs with the certificate: it cannot go without one")
                    .isInstanceOfSatisfying(ConfigurationException.class,
                            e -> assertThat(e.key()).isEqualTo("golden.portal.transport"));
            return;
        }
        try (PortalClient client = tokenOnly.build()) {
            assertThatThrownBy(() -> client.articles().create(notice("无证书的草稿")))
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void aClientWithAnotherAgencysCredentialsIsNotBuilt() {
        assertThatThrownBy(() -> PortalClient.builder().transport(transport).endpoint(PortalFixture.endpoint(sandbox, transport))
                .agency(PortalFixture.agency(TestDepartment.AGRICULTURE)).credentials(TestDepartment.AUDIT.credentials())
                .trustAnchors(sandbox.trustAnchors()).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("agency"));
    }

    @Test
    void anotherAgencyCannotUpdatePublishAttachToOrWithdrawAnArticleAndNothingChanges(@TempDir Path folder) throws Exception {
        Article draft = agriculture.articles().create(notice("关于春季动物防疫的通知"));
        Path pdf = Files.write(folder.resolve("a.pdf"), Attachments.pdf("Animal epidemic prevention"));

        assertThatThrownBy(() -> audit.articles().update(draft.id(), 1, draft.content().withTitle("被篡改的标题")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> audit.articles().attach(draft.id(), 1, pdf, (sent, total) -> { }))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> audit.articles().publish(draft.id(), 1)).isInstanceOf(AccessDeniedException.class);
        assertThat(agriculture.articles().get(draft.id())).isEqualTo(draft);

        Article published = agriculture.articles().publish(draft.id(), 1);
        assertThatThrownBy(() -> audit.articles().withdraw(draft.id(), "恶意撤回")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> audit.articles().update(draft.id(), 1, draft.content().withTitle("被篡改的标题")))
                .isInstanceOf(AccessDeniedException.class);
        Article after = agriculture.articles().get(draft.id());
        assertThat(after).isEqualTo(published);
        assertThat(after.state()).isEqualTo(ArticleState.PUBLISHED);
    }

    @Test
    void anotherAgencyCannotReadOrAnswerALettersAssignedToAnAgency() {
        String id = PortalFixture.submitLetter(sandbox, TestDepartment.AGRICULTURE, "咨询补贴进度", "我的补贴何时发放？");

        assertThatThrownBy(() -> audit.mailbox().get(id)).isInstanceOf(AccessDeniedException.class)
                .hasMessageNotContaining("张三").hasMessageNotContaining("13812345678");
        assertThat(audit.mailbox().letters(null)).extracting(Letter::id).doesNotContain(id);
        assertThatThrownBy(() -> audit.mailbox().reply(id, "与本部门无关")).isInstanceOf(AccessDeniedException.class);

        Letter letter = agriculture.mailbox().get(id);
        assertThat(letter.state()).isEqualTo(LetterState.OPEN);
        assertThat(letter.writerName()).isEqualTo("张三");
        assertThat(letter.reply()).isNull();
        assertThat(agriculture.mailbox().letters(LetterState.OPEN)).extracting(Letter::id).contains(id);
        assertThat(letter.toString()).doesNotContain("张三").doesNotContain("13812345678");
    }
}
