package org.goldensdk.examples;

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
import java.util.stream.Collectors;
import org.goldensdk.portal.Agency;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.ArticleDraft;
import org.goldensdk.portal.Column;
import org.goldensdk.portal.Compliance;
import org.goldensdk.portal.Letter;
import org.goldensdk.portal.LetterState;
import org.goldensdk.portal.PortalClient;
import org.goldensdk.portal.ServiceGuide;
import org.goldensdk.portal.ServiceGuideDraft;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.testkit.TestDepartment;

/**
 * 武汉市农业农村局 on the government portal (政府信息公开): it publishes a notice (a draft first, then
 * published, which allocates its 索引号), publishes a service guide (办事指南), and replies to a
 * citizen's letter (政民互动信箱) — the letter written here through the portal's public mailbox form,
 * as a citizen's browser would. Everything passes the compliance gate before it leaves (missing
 * metadata, unsafe HTML, personal data: {@code Compliance.reject()} refuses, {@code mask()} masks).
 *
 * <p>Run it alone: {@code java -cp examples/target/golden-demo.jar org.goldensdk.examples.AgriculturePortal}.
 */
public final class AgriculturePortal {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** What agriculture published, and the public pages where a citizen sees it. */
    public record Result(Article notice, URI noticePage, ServiceGuide guide, URI guidePage, Letter reply, URI letterPage) {
    }

    private AgriculturePortal() {
    }

    /** Starts a sandbox, runs the example, prints the pages. */
    public static void main(String[] args) {
        try (Sandbox sandbox = Sandbox.builder().defaultRights().start()) {
            Result result = run(sandbox, "关于做好2026年春耕备耕工作的通知");
            System.out.println(result.notice().indexNumber() + " " + result.noticePage());
            System.out.println(result.guidePage());
            System.out.println(result.letterPage());
        }
    }

    /** Publishes a notice titled {@code title} and a service guide, and answers one citizen's letter. */
    public static Result run(Sandbox sandbox, String title) {
        TestDepartment agriculture = TestDepartment.AGRICULTURE;
        try (PortalClient portal = PortalClient.builder()
                .endpoint(sandbox.portalApiUri())                                  // the portal's publishing API
                .agency(new Agency(agriculture.organisation(), agriculture.creditCode()))   // 发布机构
                .credentials(agriculture.credentials())                            // mutual TLS as the agency
                .trustAnchors(sandbox.trustAnchors())
                .compliance(Compliance.reject())                                   // refuse, never publish personal data
                .build()) {
            LocalDate today = LocalDate.now(CHINA);
            Article draft = portal.articles().create(ArticleDraft.builder()
                    .column(Column.NOTICES)
                    .title(title)
                    .documentNumber("武农发〔" + today.getYear() + "〕3号")        // 文号 as GB/T 9704 writes it
                    .writtenOn(today.minusDays(2))                                  // 成文日期
                    .topic("农业、林业、水利")                                      // 主题分类
                    .html("<p>各区农业农村局：</p><p>为做好春耕备耕工作，现将有关事项通知如下。</p>")
                    .build());                                                     // a DRAFT, version 1, no 索引号 yet
            Article notice = portal.articles().publish(draft.id(), draft.version()); // allocates the 索引号

            ServiceGuide guide = portal.guides().publish(ServiceGuideDraft.builder()
                    .title("农机购置补贴申请")
                    .conditions("本市从事农业生产的个人和农业生产经营组织")
                    .material("补贴申请表").material("购机发票")
                    .step("提交申请").step("审核公示").step("发放补贴")
                    .timeLimit("20个工作日").fees("不收费").legalBasis("《中华人民共和国农业机械化促进法》")
                    .location("武汉市政务服务中心农业窗口").contact("027-12345678")
                    .build());

            String letterId = writeLetter(sandbox, agriculture, "农机补贴什么时候发放？",
                    "我去年购买了一台插秧机，请问补贴什么时候发放？");
            Letter letter = portal.mailbox().letters(LetterState.OPEN).stream()    // only letters assigned to us
                    .filter(open -> open.id().equals(letterId)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("letter " + letterId + " is not in agriculture's mailbox"));
            // letter.writerName() / writerContact() are personal data: use them to answer, never log them
            Letter replied = portal.mailbox().reply(letter.id(), "您好，2025年度农机购置补贴将于本月底前发放到您的账户。");

            URI pages = sandbox.portalPagesUri();
            return new Result(notice, pages.resolve("articles/" + notice.id()), guide, pages.resolve("guides/" + guide.id()),
                    replied, pages.resolve("mailbox/letters/" + replied.id()));
        }
    }

    /** A citizen posts the portal's public mailbox form; returns the new letter's id (from the redirect to its page). */
    private static String writeLetter(Sandbox sandbox, TestDepartment to, String subject, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("agency", to.creditCode().value());
        form.put("subject", subject);
        form.put("body", body);
        form.put("name", "张三");
        form.put("contact", "13812345678");
        String encoded = form.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    sandbox.portalPagesUri().resolve("mailbox"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(), HttpResponse.BodyHandlers.discarding());
            String location = answer.headers().firstValue("Location")
                    .orElseThrow(() -> new IllegalStateException("the mailbox form answered " + answer.statusCode()));
            return location.substring(location.lastIndexOf('/') + 1);
        } catch (IOException e) {
            throw new IllegalStateException("the portal's mailbox page cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the letter", e);
        }
    }
}
