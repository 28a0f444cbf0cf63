package org.goldensdk.sandbox.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.goldensdk.sandbox.portal.PortalFixture.client;
import static org.goldensdk.sandbox.portal.PortalFixture.notice;
import static org.goldensdk.sandbox.portal.PortalFixture.page;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.Attachments;
import org.goldensdk.portal.Compliance;
import org.goldensdk.portal.PortalClient;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The public pages over plain HTTP: what they show, what they escape, what they keep private. */
@ExtendWith(SandboxExtension.class)
class PortalPagesTest {

    @Test
    void columnsSearchAndAttachmentsShowOnlyWhatIsPublishedWithEverythingEscaped(Sandbox sandbox, @TempDir Path folder)
            throws Exception {
        try (PortalClient agriculture = client(sandbox, TestDepartment.AGRICULTURE, Compliance.reject())) {
            Article draft = agriculture.articles().create(notice("关于<b>秸秆</b>综合利用的通知"));
            Path pdf = Files.write(folder.resolve("方案.pdf"), Attachments.pdf("Straw utilisation plan"));
            Article attached = agriculture.articles().attach(draft.id(), 1, pdf, (sent, total) -> { });
            String attachment = "attachments/" + attached.attachments().get(0).id();

            assertThat(page(sandbox.portalPagesUri().resolve("articles/" + draft.id())).statusCode()).isEqualTo(404);
            assertThat(page(sandbox.portalPagesUri().resolve(attachment)).statusCode()).isEqualTo(404);

            Article published = agriculture.articles().publish(draft.id(), attached.version());
            HttpResponse<String> article = page(sandbox.portalPagesUri().resolve("articles/" + draft.id()));
            assertThat(article.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("text/html").containsIgnoringCase("charset=UTF-8"));
            assertThat(article.body()).contains("关于&lt;b&gt;秸秆&lt;/b&gt;综合利用的通知").doesNotContain("<b>秸秆</b>")
                    .contains(published.indexNumber().value()).contains("方案.pdf");

            HttpResponse<String> download = page(sandbox.portalPagesUri().resolve(attachment));
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");

            assertThat(page(sandbox.portalPagesUri().resolve("columns/NOTICES")).body()).contains(draft.id());
            String words = published.title().substring(published.title().length() - 8);
            assertThat(page(sandbox.portalPagesUri().resolve("search?q=" + URLEncoder.encode(words, StandardCharsets.UTF_8)))
                    .body()).contains(draft.id()).contains("（1 条）");
            assertThat(page(sandbox.portalPagesUri()).body()).contains(draft.id());
            assertThat(page(sandbox.portalPagesUri().resolve("style.css")).body()).contains("Noto Sans CJK SC");
        }
    }

    @Test
    void theMailboxFormRefusesAnIncompleteLetterAndALetterPageNeverShowsTheWriter(Sandbox sandbox) {
        String id = PortalFixture.submitLetter(sandbox, TestDepartment.SOCIAL_SECURITY, "医保转移咨询 13812345678",
                "身份证号 11010519491231002X 的参保人如何转移医保？");
        String letter = page(sandbox.portalPagesUri().resolve("mailbox/letters/" + id)).body();
        assertThat(letter).contains("医保转移咨询 138****5678").contains("110105********002X").contains("待回复")
                .doesNotContain("11010519491231002X").doesNotContain("张三").doesNotContain("13812345678");
        assertThat(page(sandbox.portalPagesUri().resolve("mailbox/letters/no-such-letter")).statusCode()).isEqualTo(404);

        HttpResponse<String> incomplete = PortalFixture.postLetterForm(sandbox, Map.of("agency",
                TestDepartment.SOCIAL_SECURITY.creditCode().value(), "subject", "", "body", "<script>x</script>", "name", "",
                "contact", "x"));
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("id=\"errors\"").contains("请填写标题").contains("请填写姓名")
                .contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>x");
    }
}
