package org.goldensdk.sandbox.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.goldensdk.sandbox.portal.PortalFixture.PORTAL_ZONE;
import static org.goldensdk.sandbox.portal.PortalFixture.notice;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.goldensdk.core.ComplianceException;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.Finding;
import org.goldensdk.core.NotFoundException;
import org.goldensdk.core.ValidationException;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.ArticleQuery;
import org.goldensdk.portal.ArticleState;
import org.goldensdk.portal.AttachmentType;
import org.goldensdk.portal.Attachments;
import org.goldensdk.portal.Column;
import org.goldensdk.portal.Compliance;
import org.goldensdk.portal.Page;
import org.goldensdk.portal.PortalClient;
import org.goldensdk.portal.ServiceGuide;
import org.goldensdk.portal.ServiceGuideDraft;
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
 * The article lifecycle, attachments, guides and the portal's own gate, through PortalClient against
 * the sandbox portal, over each transport (REST and SOAP: the same calls, the same outcomes).
 */
@ParameterizedClass
@EnumSource(Transport.class)
@ExtendWith(SandboxExtension.class)
class PortalPublishingTest {
    private static final String CITIZEN_ID = "11010519491231002X";

    private final Transport transport;
    private final Sandbox sandbox;
    private final PortalClient agriculture;

    PortalPublishingTest(Transport transport, Sandbox sandbox) {
        this.transport = transport;
        this.sandbox = sandbox;
        this.agriculture = client(TestDepartment.AGRICULTURE, Compliance.reject());
    }

    private PortalClient client(TestDepartment department, Compliance compliance) {
        return PortalFixture.client(sandbox, department, compliance, transport);
    }

    @AfterEach
    void closeClients() {
        agriculture.close();
    }

    @Test
    void aDraftIsUpdatedGivenAnAttachmentPublishedWithAnIndexNumberAndListed(@TempDir Path folder) throws Exception {
        Article draft = agriculture.articles().create(notice("关于做好春耕备耕工作的通知"));
        assertThat(draft.version()).isEqualTo(1);
        assertThat(draft.state()).isEqualTo(ArticleState.DRAFT);
        assertThat(draft.indexNumberIfAllocated()).isEmpty();
        assertThat(draft.agency().fullName()).isEqualTo("武汉市农业农村局");
        assertThat(draft.content().issuingAgency()).isEqualTo("武汉市农业农村局");

        Article updated = agriculture.articles().update(draft.id(), 1, draft.content().withHtml("<p>更新后的正文。</p>"));
        assertThat(updated.version()).isEqualTo(2);

        Path pdf = Files.write(folder.resolve("notice.pdf"), Attachments.pdf("Spring ploughing notice"));
        List<Long> progress = new CopyOnWriteArrayList<>();
        Article attached = agriculture.articles().attach(draft.id(), 2, pdf, (sent, total) -> progress.add(sent));
        assertThat(attached.version()).isEqualTo(3);
        assertThat(attached.attachments()).singleElement().satisfies(attachment -> {
            assertThat(attachment.type()).isEqualTo(AttachmentType.PDF);
            assertThat(attachment.size()).isEqualTo(Files.size(pdf));
        });
        assertThat(progress).startsWith(0L).endsWith(Files.size(pdf)).isSorted();

        Article published = agriculture.articles().publish(draft.id(), 3);
        LocalDate today = LocalDate.now(PORTAL_ZONE);
        assertThat(published.state()).isEqualTo(ArticleState.PUBLISHED);
        assertThat(published.publishedOn()).isEqualTo(today);
        assertThat(published.indexNumber().value()).matches("MB0000043/" + today.getYear() + "-\\d{5}").hasSize(20);

        Page<Article> listed = agriculture.articles().list(ArticleQuery.builder().column(Column.NOTICES)
                .agency(TestDepartment.AGRICULTURE.creditCode()).publishedBetween(today, today)
                .text(published.title().substring(published.title().length() - 8)).page(1, 10).build());
        assertThat(listed.items()).extracting(Article::id).containsExactly(draft.id());
        assertThat(agriculture.articles().get(draft.id())).isEqualTo(published);
    }

    @Test
    void aRetriedPublishPublishesOnceAndKeepsTheIndexNumber() {
        Article first = agriculture.articles().create(notice("关于开展农机购置补贴的通知"));
        List<Article> answers = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            List<CompletableFuture<Article>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> agriculture.articles().publish(first.id(), 1)));
            }
            return calls.stream().map(CompletableFuture::join).toList();
        });
        assertThat(answers).extracting(Article::indexNumber).containsOnly(answers.get(0).indexNumber());
        assertThat(agriculture.articles().publish(first.id(), 1)).isEqualTo(answers.get(0));

        Article second = agriculture.articles().create(notice("关于开展农机购置补贴的通知（二）"));
        Article secondPublished = agriculture.articles().publish(second.id(), 1);
        assertThat(secondPublished.indexNumber().serial()).isEqualTo(answers.get(0).indexNumber().serial() + 1);
    }

    @Test
    void concurrentPublicationsOfOneAgencyGetConsecutiveDistinctIndexNumbers() {
        try (PortalClient market = client(TestDepartment.MARKET_REGULATION, Compliance.reject())) {
            List<Article> drafts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                drafts.add(market.articles().create(notice("关于食品安全抽检结果的通告（" + (i + 1) + "）")
                        .toBuilder().topic("市场监管、安全生产监管").build()));
            }
            List<Integer> serials = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> drafts.stream()
                    .map(draft -> CompletableFuture.supplyAsync(() -> market.articles().publish(draft.id(), 1)))
                    .toList().stream().map(CompletableFuture::join).map(article -> article.indexNumber().serial()).sorted().toList());
            assertThat(serials).doesNotHaveDuplicates();
            assertThat(serials.get(2) - serials.get(0)).isEqualTo(2);
        }
    }

    @Test
    void twoEditorsFromOneVersionOneWinsTheOtherGetsAConflict() throws Exception {
        Article draft = agriculture.articles().create(notice("关于征求意见的通知"));
        try (PortalClient secondEditor = client(TestDepartment.AGRICULTURE, Compliance.reject())) {
            CountDownLatch start = new CountDownLatch(1);
            List<PortalClient> editors = List.of(agriculture, secondEditor);
            List<CompletableFuture<Object>> edits = new ArrayList<>();
            for (int i = 0; i < editors.size(); i++) {
                PortalClient editor = editors.get(i);
                String html = "<p>编辑" + (i + 1) + "的修改。</p>";
                edits.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        return editor.articles().update(draft.id(), 1, draft.content().withHtml(html));
                    } catch (ConflictException e) {
                        return e;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> edits.stream().map(CompletableFuture::join).toList());
            assertThat(outcomes).filteredOn(Article.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(ConflictException.class::isInstance).hasSize(1);
            Article winner = (Article) outcomes.stream().filter(Article.class::isInstance).findFirst().orElseThrow();
            Article stored = agriculture.articles().get(draft.id());
            assertThat(stored.version()).isEqualTo(2);
            assertThat(stored.content().html()).isEqualTo(winner.content().html());
        }
        assertThatThrownBy(() -> agriculture.articles().update(draft.id(), 1, draft.content()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("version 2, not 1");
    }

    @Test
    void unknownIdsAreNotFoundAndAVersionBelowOneIsRefusedBeforeSending() {
        assertThatThrownBy(() -> agriculture.articles().get("no-such-article")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> agriculture.guides().get("no-such-guide")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> agriculture.mailbox().get("no-such-letter")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> agriculture.articles().publish("no-such-article", 0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.findings()).extracting(Finding::field)
                        .containsExactly("version"));
    }

    @Test
    void aWithdrawnArticleKeepsItsIndexNumberAndCanNoLongerChange() {
        Article draft = agriculture.articles().create(notice("关于调整补贴标准的通知"));
        assertThatThrownBy(() -> agriculture.articles().withdraw(draft.id(), "草稿无需撤回"))
                .isInstanceOf(ConflictException.class);
        Article published = agriculture.articles().publish(draft.id(), 1);
        Article withdrawn = agriculture.articles().withdraw(draft.id(), "已被新文件替代");
        assertThat(withdrawn.state()).isEqualTo(ArticleState.WITHDRAWN);
        assertThat(withdrawn.withdrawalReason()).isEqualTo("已被新文件替代");
        assertThat(withdrawn.indexNumber()).isEqualTo(published.indexNumber());
        assertThat(agriculture.articles().withdraw(draft.id(), "已被新文件替代")).isEqualTo(withdrawn);
        assertThatThrownBy(() -> agriculture.articles().update(draft.id(), 1, draft.content()))
                .isInstanceOf(ConflictException.class);
        assertThat(PortalFixture.page(sandbox.portalPagesUri().resolve("articles/" + draft.id())).body())
                .contains("该信息已撤回").contains("已被新文件替代").doesNotContain("现将有关事项通知如下");
    }

    @Test
    void serviceGuidesArePublishedReadListedAndUpdatedFromTheirVersion() {
        ServiceGuideDraft content = ServiceGuideDraft.builder()
                .title("农机购置补贴申请")
                .conditions("本市从事农业生产的个人和农业生产经营组织")
                .material("补贴申请表").material("购机发票")
                .step("提交申请").step("审核公示").step("发放补贴")
                .timeLimit("20个工作日").fees("不收费").legalBasis("《农业机械化促进法》")
                .location("武汉市政务服务中心农业窗口").contact("027-12345678")
                .build();
        ServiceGuide guide = agriculture.guides().publish(content);
        assertThat(guide.version()).isEqualTo(1);
        assertThat(agriculture.guides().get(guide.id())).isEqualTo(guide);
        assertThat(agriculture.guides().list(TestDepartment.AGRICULTURE.creditCode())).extracting(ServiceGuide::id)
                .contains(guide.id());
        ServiceGuide updated = agriculture.guides().update(guide.id(), 1, content);
        assertThat(updated.version()).isEqualTo(2);
        assertThatThrownBy(() -> agriculture.guides().update(guide.id(), 1, content)).isInstanceOf(ConflictException.class);
        assertThat(PortalFixture.page(sandbox.portalPagesUri().resolve("guides/" + guide.id())).body())
                .contains("农机购置补贴申请").contains("购机发票").contains("20个工作日").contains("《农业机械化促进法》");
    }

    @Test
    void theClientsGateRefusesAnAttachedListWithACitizenIdBeforeSending(@TempDir Path folder) throws Exception {
        Article draft = agriculture.articles().create(notice("关于公布补贴名单的通知"));
        Path list = Files.write(folder.resolve("补贴名单.xlsx"), Attachments.xlsx(CITIZEN_ID));
        ComplianceException refused = catchThrowableOfType(ComplianceException.class,
                () -> agriculture.articles().attach(draft.id(), 1, list, (sent, total) -> { }));
        assertThat(refused.findings()).extracting(Finding::field).containsExactly("attachment '补贴名单.xlsx' sheet '名单' cell B3");
        assertThat(refused.getMessage()).doesNotContain(CITIZEN_ID);
        assertThat(agriculture.articles().get(draft.id()).version()).isEqualTo(1);
    }

    @Test
    void maskModePublishesTheMaskedSanitisedText() {
        try (PortalClient masking = client(TestDepartment.AGRICULTURE, Compliance.mask())) {
            Article draft = masking.articles().create(notice("关于补贴领取的通知").withHtml(
                    "<p>领取人身份证 " + CITIZEN_ID + "，电话 13812345678。</p><a href=\"javascript:alert(1)\">详情</a>"));
            Article published = masking.articles().publish(draft.id(), 1);
            assertThat(published.content().html()).contains("110105********002X").contains("138****5678")
                    .doesNotContain(CITIZEN_ID).doesNotContain("javascript:");
            assertThat(PortalFixture.page(sandbox.portalPagesUri().resolve("articles/" + draft.id())).body())
                    .contains("110105********002X").doesNotContain(CITIZEN_ID);
        }
    }
}
